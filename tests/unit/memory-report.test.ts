// Max Memory Used (src/invocation/memory-report.ts): parsing VmHWM, the MB figure, the environment's high-water mark.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { EnvironmentMemory, HighWaterMark, ProcessPeakReader, reportedMemoryMb, vmHwmBytes } from '../../src/invocation/memory-report.js';

const STATUS = 'Name:\tnode\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t 1086664 kB\nVmSize:\t 1021128 kB\nVmLck:\t       0 kB\nVmPin:\t       0 kB\nVmHWM:\t   45312 kB\nVmRSS:\t   44100 kB\nThreads:\t7\n';

describe('memory report', () => {
  test('VmHWM from /proc/<pid>/status, in bytes', () => {
    assert.equal(vmHwmBytes(STATUS), 45312 * 1024);
    assert.equal(vmHwmBytes('Name:\tkthreadd\nState:\tS (sleeping)\n'), undefined);
    assert.equal(vmHwmBytes(''), undefined);
  });

  test('reported in whole MB, at least 1', () => {
    assert.equal(reportedMemoryMb(45312 * 1024), 44);
    assert.equal(reportedMemoryMb(0), 1);
    assert.equal(reportedMemoryMb(1.6 * 1024 * 1024), 2);
  });

  test('the high-water mark only rises, and ignores missing sources', () => {
    const hwm = new HighWaterMark();
    assert.equal(hwm.note(undefined, undefined), 0);
    assert.equal(hwm.note(9 << 20, 45 << 20), 45 << 20); // cgroup v1 peak without shared text vs the process's VmHWM
    assert.equal(hwm.note(120 << 20, undefined), 120 << 20);
    assert.equal(hwm.note(50 << 20, 60 << 20), 120 << 20);
    assert.equal(hwm.bytes, 120 << 20);
  });

  test('reads the process peak when the cgroup peak moved, else every Nth time; always without a cgroup', () => {
    let cg: number | undefined = 10;
    let proc = 40;
    let procReads = 0;
    const m = new EnvironmentMemory(() => cg, () => (procReads++, proc), 4);
    assert.equal(m.read(), 40); // first look: both
    assert.equal(procReads, 1);
    proc = 42; // file-backed text grew, the cgroup did not
    assert.equal(m.read(), 40);
    assert.equal(m.read(), 40);
    assert.equal(m.read(), 40);
    assert.equal(m.read(), 42); // the 4th report since the last look
    assert.equal(procReads, 2);
    cg = 100; // anonymous memory grew: both sources rose, the process is read at once
    proc = 130;
    assert.equal(m.read(), 130);
    assert.equal(procReads, 3);
    cg = 20; // a lower reading never lowers the mark
    proc = 50;
    assert.equal(m.read(), 130);
    const noCgroup = new EnvironmentMemory(() => undefined, () => (procReads++, 7));
    const before = procReads;
    noCgroup.read();
    noCgroup.read();
    assert.equal(procReads, before + 2);
    assert.equal(noCgroup.bytes, 7);
  });

  test('finds the largest process of a tree and reads its peak resident set', () => {
    // This test process has no children: the reader settles on it.
    const r = new ProcessPeakReader(process.pid);
    const first = r.read();
    assert.ok(first !== undefined && first >= 10 * 1024 * 1024, `VmHWM ${first}`);
    const big = Buffer.alloc(64 * 1024 * 1024, 1);
    const second = r.read();
    assert.ok(second !== undefined && second >= first + 48 * 1024 * 1024, `${second} after touching 64 MB (before ${first})`);
    assert.equal(big[big.length - 1], 1);
    r.close();
    assert.equal(new ProcessPeakReader(2 ** 22 + 12345).read(), undefined); // no such process
  });
});
