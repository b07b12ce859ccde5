// When Lambent dies without a shutdown (kill -9, a crash), its running sandboxes die with it (bubblewrap's
// --die-with-parent sends them SIGKILL). A frozen environment (cgroup v1 freezer) cannot act on that signal until it
// is thawed, so it would stay, holding its memory, until the next start reaps it. This watcher, a shell started with
// a pipe from Lambent, notices the pipe close when Lambent exits however it exits, and thaws this data dir's
// environments so the pending SIGKILL takes effect.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SCRIPT = `
cat >/dev/null
for d in "$1"/*/; do
  f="$2/$(basename "$d")/freezer.state"
  [ -w "$f" ] && echo THAWED > "$f"
done
exit 0
`;

/** The v1 freezer hierarchy's lambent/ parent (where the sandbox puts environments), undefined without one. */
function freezerParent(): string | undefined {
  let text = '';
  try {
    text = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    const [left, right] = line.split(' - ');
    if (!left || !right) continue;
    const [fsType, , superOptions] = right.split(' ');
    if (fsType !== 'cgroup' || !(superOptions ?? '').split(',').includes('freezer')) continue;
    const mountPoint = left.split(' ')[4];
    if (mountPoint) return join(mountPoint.replace(/\\040/g, ' '), 'lambent');
  }
  return undefined;
}

/** Starts the watcher for the environments under envDir; a no-op where there is no v1 freezer. */
export function watchForDeath(envDir: string): void {
  const parent = freezerParent();
  if (!parent) return; // cgroup v2 (SIGKILL reaches frozen tasks) or no freezer: nothing is ever frozen out of reach
  try {
    const child = spawn('/bin/sh', ['-c', SCRIPT, 'lambent-death-watch', envDir, parent], {
      stdio: ['pipe', 'ignore', 'ignore'],
      detached: true, // its own process group: a Ctrl-C meant for Lambent does not end the watcher first
    });
    child.on('error', () => undefined);
    child.stdin?.on('error', () => undefined);
    // Neither the process nor the pipe keeps Lambent's event loop alive; the pipe closes when Lambent exits.
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  } catch {
    // best effort: the next start reaps what is left
  }
}
