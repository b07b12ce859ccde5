// Each sandbox gets a network namespace of its own (bwrap --unshare-net): inside it, only its own loopback exists,
// so a function cannot reach another environment, the host's loopback services or Lambent's API port, and ports it
// binds are its own. Its Runtime API must still be at 127.0.0.1:9001 *inside* that namespace, served by Lambent
// itself (no proxy hop on the hot path). A socket belongs to the namespace it was created in, so the listening socket
// is created there and handed to Lambent:
//
//   bwrap ... --info-fd 4 --block-fd 5   the sandbox's namespaces exist; its command waits on fd 5
//   Lambent reads the child pid (info fd), asks this helper for a listener in that pid's network namespace
//   helper: fork → setns(user ns, if the sandbox has its own) → setns(net ns) → bind 127.0.0.1:9001, listen
//           → the listening fd travels to Lambent over Node's IPC channel (SCM_RIGHTS), as a net.Server
//   Lambent serves the Runtime API on it, then writes to fd 5: the sandbox's command starts, its connect() cannot
//   race the listener.
//
// The helper is one long-lived python3 process (ctypes setns), like the mount helper: a fork costs ~1 ms where
// exec'ing a program per sandbox would cost several. It speaks Node's IPC wire format (JSON lines; a handle is a
// NODE_HANDLE message with the fd attached), so Node turns the fd into a net.Server itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Server } from 'node:net';

const HELPER = `
import array, ctypes, errno, fcntl, json, os, select, socket, struct, sys, time
libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000
IPC = 3
def setns(path, kind):
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        if libc.setns(fd, kind) != 0:
            e = ctypes.get_errno()
            raise OSError(e, os.strerror(e) + ' (setns ' + path.rsplit('/', 1)[-1] + ')')
    finally:
        os.close(fd)
OWN_USER = os.stat('/proc/self/ns/user').st_ino
OWN_NET = os.open('/proc/self/ns/net', os.O_RDONLY | os.O_CLOEXEC)
def bound(port):
    # bubblewrap gives the namespace its 127.0.0.1 right after creating it, concurrently with our being asked:
    # until then bind() fails with EADDRNOTAVAIL. Once it succeeds, bubblewrap's loopback set-up is past the address
    # (so nothing else configuring the namespace, such as slirp4netns, can race it).
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    deadline = time.monotonic() + 5
    while True:
        try:
            s.bind(('127.0.0.1', port))
            break
        except OSError as e:
            if e.errno != errno.EADDRNOTAVAIL or time.monotonic() > deadline:
                s.close()
                raise
            time.sleep(0.0005)
    # bubblewrap's last loopback step sets lo up (its address came first): wait for that too, so that nothing else
    # configuring the namespace (slirp4netns sets lo up as well) overlaps bubblewrap's netlink requests.
    while True:
        flags = struct.unpack('16sH', fcntl.ioctl(s.fileno(), 0x8913, struct.pack('16sH', b'lo', 0)))[1]
        if flags & 1 or time.monotonic() > deadline:
            break
        time.sleep(0.0005)
    s.listen(128)
    return s
NS_GET_USERNS = 0xb701
OWNERS = {}
def send(ident, s, owner=None):
    msg = json.dumps({'cmd': 'NODE_HANDLE', 'type': 'net.Server', 'msg': {'lambentNetns': ident, 'owner': owner}}) + '\\n'
    socket.socket(fileno=os.dup(IPC)).sendmsg([msg.encode()], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array('i', [s.fileno()]).tobytes())])
def in_place(ident, pid, port):
    # Same user namespace (Lambent runs as root): this thread enters the sandbox's network namespace, makes the
    # socket there (it stays bound to that namespace) and comes back. No fork.
    setns('/proc/%d/ns/net' % pid, CLONE_NEWNET)
    try:
        s = bound(port)
    finally:
        if libc.setns(OWN_NET, CLONE_NEWNET) != 0:
            os._exit(70)  # cannot return to our own namespace: never serve another sandbox from this one
    try:
        send(ident, s)
    finally:
        s.close()
def forked(ident, pid, port):
    # The sandbox has its own user namespace (Lambent is not root): entering it needs a single-threaded process of
    # our own, so a child enters both namespaces, makes the socket and sends it. The namespace to enter is the one
    # that owns the network namespace: bubblewrap nests a second user namespace for the sandbox's processes, in
    # which nobody holds capabilities over the network. That owner stays open here (OWNERS) until released, so
    # slirp4netns can join it too (/proc/<helper>/fd/<n>).
    net = os.open('/proc/%d/ns/net' % pid, os.O_RDONLY | os.O_CLOEXEC)
    try:
        owner = fcntl.ioctl(net, NS_GET_USERNS)
    finally:
        os.close(net)
    old = OWNERS.pop(ident, None)
    if old is not None:
        os.close(old)
    OWNERS[ident] = owner
    r, w = os.pipe()
    child = os.fork()
    if child == 0:
        code = 0
        try:
            os.close(r)
            if libc.setns(owner, CLONE_NEWUSER) != 0:
                e = ctypes.get_errno()
                raise OSError(e, os.strerror(e) + ' (setns user)')
            setns('/proc/%d/ns/net' % pid, CLONE_NEWNET)
            send(ident, bound(port), owner)
        except BaseException as e:
            try:
                os.write(w, str(e).replace('\\n', ' ').encode())
            except BaseException:
                pass
            code = 1
        os._exit(code)
    os.close(w)
    out = b''
    while True:
        b = os.read(r, 4096)
        if not b:
            break
        out += b
    os.close(r)
    _, status = os.waitpid(child, 0)
    if status != 0:
        raise OSError(out.decode() or 'listener process died')
def handle(line):
    parts = line.split('\t')
    if parts[0] == 'release':
        fd = OWNERS.pop(parts[1], None)
        if fd is not None:
            os.close(fd)
        return
    _, ident, pid, port = parts
    try:
        if os.stat('/proc/%s/ns/user' % pid).st_ino == OWN_USER:
            in_place(ident, int(pid), int(port))
        else:
            forked(ident, int(pid), int(port))
        res = 'ok'
    except BaseException as e:
        res = 'err ' + str(e).replace('\\n', ' ').replace('\t', ' ')
    sys.stdout.write(res + '\t' + ident + '\\n')
    sys.stdout.flush()
buf = b''
stdin = sys.stdin.fileno()
while True:
    ready, _, _ = select.select([stdin, IPC], [], [])
    if IPC in ready:
        try:
            if not os.read(IPC, 65536):
                break
        except OSError:
            break
    if stdin in ready:
        chunk = os.read(stdin, 65536)
        if not chunk:
            break
        buf += chunk
        while b'\\n' in buf:
            line, buf = buf.split(b'\\n', 1)
            handle(line.decode())
`;

export interface NetnsListener {
  server: Server;
  /** Without root: /proc/<helper>/fd/<n>, the user namespace owning the sandbox's network namespace. */
  ownerUserns?: string;
}

/** Ids travel in tab-separated lines to the helper. */
const lineSafe = (id: string): boolean => !id.includes('\t') && !id.includes('\n');

/** The port of the Runtime API inside every environment, as on AWS. */
export const RUNTIME_API_PORT = 9001;

/** Creates listening sockets inside sandboxes' network namespaces and hands them to Lambent. */
export class NetnsListeners {
  private readonly waiting = new Map<string, { resolve: (l: NetnsListener) => void; reject: (e: Error) => void }>();
  private buf = '';

  private constructor(private readonly helper: ChildProcess) {
    helper.on('message', (msg: unknown, handle: unknown) => {
      const m = msg as { lambentNetns?: unknown; owner?: unknown } | null;
      const id = m?.lambentNetns;
      if (typeof id !== 'string') return;
      const w = handle ? this.take(id) : undefined;
      if (w) {
        const owner = typeof m?.owner === 'number' && helper.pid !== undefined ? `/proc/${helper.pid}/fd/${m.owner}` : undefined;
        w.resolve({ server: handle as Server, ...(owner ? { ownerUserns: owner } : {}) });
      } else (handle as Server | undefined)?.close();
    });
    helper.stdout?.setEncoding('utf8');
    helper.stdout?.on('data', (chunk: string) => {
      this.buf += chunk;
      for (let nl = this.buf.indexOf('\n'); nl >= 0; nl = this.buf.indexOf('\n')) {
        const [status = '', id = ''] = this.buf.slice(0, nl).split('\t');
        this.buf = this.buf.slice(nl + 1);
        // "ok" is followed by the handle on the IPC channel (it was sent before the helper printed); errors end here.
        if (status.startsWith('err')) this.fail(id, new Error(`network namespace helper: ${status.slice(4)}`));
      }
    });
    helper.on('exit', () => {
      for (const id of [...this.waiting.keys()]) this.fail(id, new Error('network namespace helper exited'));
    });
    helper.on('error', () => undefined);
    // Neither the helper nor its channel keeps Lambent alive, unless an answer is awaited.
    this.idle();
  }

  static async open(): Promise<{ listeners?: NetnsListeners; reason?: string }> {
    const py = ['/usr/bin/python3', '/usr/local/bin/python3', '/bin/python3'].find((p) => existsSync(p));
    if (!py) return { reason: 'python3 not found (the network namespace helper runs on it)' };
    const helper = spawn(py, ['-I', '-S', '-c', HELPER], { stdio: ['pipe', 'pipe', 'ignore', 'ipc'], env: {}, serialization: 'json' });
    try {
      await new Promise<void>((resolve, reject) => {
        helper.once('spawn', resolve);
        helper.once('error', reject);
      });
    } catch (err) {
      return { reason: `cannot start the network namespace helper: ${(err as Error).message}` };
    }
    return { listeners: new NetnsListeners(helper) };
  }

  /**
   * A listening socket on 127.0.0.1:port inside the network namespace of host pid `pid`. Without root, also the
   * path of the user namespace that owns that network namespace, held open until release(id).
   */
  listen(id: string, pid: number, port = RUNTIME_API_PORT): Promise<NetnsListener> {
    if (!lineSafe(id)) return Promise.reject(new Error('invalid id'));
    if (!this.helper.stdin || this.helper.exitCode !== null) return Promise.reject(new Error('network namespace helper is not running'));
    if (this.waiting.has(id)) return Promise.reject(new Error(`a listener for ${id} is already pending`));
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) this.busy();
      this.waiting.set(id, { resolve, reject });
      this.helper.stdin?.write(`listen\t${id}\t${pid}\t${port}\n`);
    });
  }

  /** Closes what the helper holds for sandbox id (the owner user namespace of listen()). */
  release(id: string): void {
    if (this.helper.stdin && this.helper.exitCode === null && lineSafe(id)) this.helper.stdin.write(`release\t${id}\n`);
  }

  close(): Promise<void> {
    if (this.helper.exitCode !== null || this.helper.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((r) => this.helper.once('exit', () => r()));
    this.helper.stdin?.end();
    if (this.helper.connected) this.helper.disconnect();
    const timer = setTimeout(() => this.helper.kill('SIGKILL'), 2000);
    return exited.finally(() => clearTimeout(timer));
  }

  private fail(id: string, err: Error): void {
    this.take(id)?.reject(err);
  }

  /** The awaited answer for id, no longer awaited; the helper stops keeping Lambent alive once none is. */
  private take(id: string): { resolve: (l: NetnsListener) => void; reject: (e: Error) => void } | undefined {
    const w = this.waiting.get(id);
    if (!w) return undefined;
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.idle();
    return w;
  }

  private busy(): void {
    this.helper.ref();
    (this.helper.channel as { ref?: () => void } | undefined)?.ref?.();
    (this.helper.stdout as unknown as { ref?: () => void } | null)?.ref?.();
  }

  private idle(): void {
    this.helper.unref();
    (this.helper.channel as { unref?: () => void } | undefined)?.unref?.();
    (this.helper.stdout as unknown as { unref?: () => void } | null)?.unref?.();
    (this.helper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  }
}
