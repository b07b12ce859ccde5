// The waiter of an exec stem (SandboxSpec.execStem): a sandbox set up ahead (cgroup joined, namespaces and mounts
// made, privileges dropped) whose process waits for the command it is to become, then execve()s it. What remains of
// the waiter is nothing but the pid: execve replaces the whole process image, and the waiter undoes the little it
// changed before (signal dispositions, stdin, working directory), so the command starts as it would have in a fresh
// sandbox. It is python3 (-I -S: no site, no PYTHON* variables) because late code attachment, which exec stems need,
// already requires it on the host, under /usr, which every sandbox sees.
//
// Protocol on stdin, as the runtime stems': it prints STEM_READY, then reads
//   {"argv":[...],"env":{...}}   the complete command and environment (nothing of the waiter's own is kept)
//   go                            the code is attached at /var/task: enter it and exec
// End of input before "go" (Lambent gone, stem discarded) exits quietly.

/** Python source of the waiter. */
export const EXEC_WAITER = `
import json, os, signal
os.write(1, b'STEM_READY\\n')
buf = b''
def line():
    global buf
    while b'\\n' not in buf:
        chunk = os.read(0, 65536)
        if not chunk:
            os._exit(0)
        buf += chunk
    first, buf = buf.split(b'\\n', 1)
    return first
spec = json.loads(line())
if line() != b'go':
    os._exit(0)
argv, env = spec['argv'], spec['env']
os.chdir('/var/task')  # the task dir as it is now, with the code mounted on it
null = os.open('/dev/null', os.O_RDONLY)
os.dup2(null, 0)  # as a fresh sandbox: stdin is /dev/null
os.close(null)
# Python ignores these two at start-up, and ignored signals survive execve.
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
try:
    os.execve(argv[0], argv, env)
except OSError as e:
    os.write(2, ('lambent: failed to execute %s: %s\\n' % (argv[0], e.strerror)).encode())
    os._exit(127 if e.errno == 2 else 126)
`;

/** The waiter's command inside the sandbox. */
export function execWaiterArgv(python: string): string[] {
  return [python, '-I', '-S', '-c', EXEC_WAITER];
}
