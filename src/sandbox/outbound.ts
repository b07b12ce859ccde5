// Outbound network for sandboxes with a network namespace of their own (`--function-network internet`): user-mode
// networking by slirp4netns, one process per environment, attached to the sandbox's namespace by pid. It gives the
// namespace a tap device with a default route (10.0.2.0/24, DNS at 10.0.2.3) whose connections leave from the host
// as ordinary sockets of the slirp4netns process. --disable-host-loopback refuses the one way back in that it would
// otherwise open (10.0.2.2 → the host's 127.0.0.1): a function reaches outside networks, never the host's loopback
// services or Lambent's own port.
import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { findExecutable } from './probe.js';
import type { MissingCapability } from './types.js';

export const SLIRP_DNS = '10.0.2.3';

/**
 * Whether this host can give sandboxes outbound network: slirp4netns installed and, without root, /dev/net/tun
 * usable by the user (most distributions make it 0666). Asked by createSandbox and by `lambent doctor`.
 */
export function findOutbound(): { slirp: string } | { missing: MissingCapability; warning: string } {
  const effect = 'functions have no outbound network (their own loopback only)';
  const slirp = findExecutable('slirp4netns', ['/usr/bin', '/usr/local/bin']);
  if (!slirp) {
    return {
      warning: `slirp4netns not found: ${effect}; apt-get install -y slirp4netns, or start with --function-network none to say so`,
      missing: { capability: 'outbound network', effect, reason: 'slirp4netns is not installed', fix: 'sudo apt-get install -y slirp4netns  (or --function-network none)' },
    };
  }
  if (process.getuid?.() !== 0 && !canOpenTun()) {
    return {
      warning: `/dev/net/tun is not readable and writable by this user: ${effect}; sudo chmod 0666 /dev/net/tun`,
      missing: { capability: 'outbound network', effect, reason: '/dev/net/tun is not accessible to this user', fix: 'sudo chmod 0666 /dev/net/tun  (or --function-network none)' },
    };
  }
  return { slirp };
}

function canOpenTun(): boolean {
  try {
    accessSync('/dev/net/tun', fsConstants.R_OK | fsConstants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export interface OutboundLink {
  /** Ends the user-mode network (closing the exit fd makes slirp4netns exit; SIGKILL if it lingers). */
  stop(): void;
}

export class Outbound {
  constructor(private readonly slirp: string) {}

  /**
   * Gives the network namespace of host pid `pid` a route outside; resolves once the interface is configured.
   * Without root, `ownerUserns` is the user namespace that owns that network namespace (NetnsListener.ownerUserns).
   */
  attach(pid: number, ownerUserns?: string, timeoutMs = 5000): Promise<OutboundLink> {
    const child = spawn(
      this.slirp,
      [
        '--configure', '--mtu=65520', '--disable-host-loopback', '--ready-fd=3', '--exit-fd=4',
        ...(ownerUserns ? [`--userns-path=${ownerUserns}`, '--netns-type=path', `/proc/${pid}/ns/net`] : [String(pid)]),
        'tap0',
      ],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], env: {}, detached: false },
    );
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      if (err.length < 2000) err += d.toString('utf8');
    });
    child.on('error', () => undefined);
    const ready = child.stdio[3] as Readable;
    const exitFd = child.stdio[4] as Writable;
    ready.on('error', () => undefined);
    exitFd.on('error', () => undefined);
    const link: OutboundLink = {
      stop: () => {
        exitFd.destroy();
        const t = setTimeout(() => child.kill('SIGKILL'), 1000);
        t.unref();
        child.once('exit', () => clearTimeout(t));
      },
    };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error('slirp4netns did not configure the network in time')), timeoutMs);
      const fail = (e: Error): void => {
        clearTimeout(timer);
        link.stop();
        reject(e);
      };
      ready.once('data', () => {
        clearTimeout(timer);
        ready.destroy();
        // Lambent must not wait on these at exit; the process dies with the exit fd.
        child.unref();
        (exitFd as unknown as { unref?: () => void }).unref?.();
        (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
        resolve(link);
      });
      child.once('exit', (code) => fail(new Error(`slirp4netns exited (${code ?? 'signal'}): ${err.trim().split('\n').pop() ?? ''}`)));
    });
  }
}
