// Closes requests whose bodies stall. Node's headersTimeout ends slow headers; after the headers nothing bounds
// a body that trickles in a byte every few seconds (requestTimeout would also cap a legitimate slow upload, so
// it stays off). Instead each request body being received must bring BODY_MIN_BYTES_PER_S per second over every
// window of `windowMs`; one sweep timer checks them all, so a request costs a Set insert and delete, no timer.
//
// Progress is the socket's byte count, so a body that Lambent reads, drains or lets Node discard all count.
// A request Lambent itself holds back (waiting for the unauthenticated-body budget) is not watched meanwhile.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BODY_MIN_BYTES_PER_S } from './limits.js';

const UNSTARTED = -1;

export interface Watched {
  req: IncomingMessage;
  res: ServerResponse;
  /** Socket bytes read when the current window began, and when it began. */
  bytes: number;
  since: number;
}

export class BodyWatch {
  private readonly watched = new Set<Watched>();
  private readonly minBytes: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly windowMs: number,
    private readonly onStall: (req: IncomingMessage, res: ServerResponse) => void,
  ) {
    this.minBytes = Math.max(1, Math.round((windowMs / 1000) * BODY_MIN_BYTES_PER_S));
    // Judged every quarter window: a stalled body is cut off between 1 and 1.5 windows after its last progress.
    this.timer = setInterval(() => this.sweep(), Math.max(25, Math.floor(windowMs / 4)));
    this.timer.unref();
  }

  /**
   * Its first window starts at the next sweep (which reads the socket's count and the clock), so watching a
   * request that completes before then, as nearly every one does, costs no clock or socket read.
   */
  watch(req: IncomingMessage, res: ServerResponse): Watched {
    const w: Watched = { req, res, bytes: 0, since: UNSTARTED };
    this.watched.add(w);
    return w;
  }

  /** The body was received (or Lambent holds it back on purpose): stop judging it. */
  unwatch(w: Watched): void {
    this.watched.delete(w);
  }

  /** A watched request resumes: its window starts over. */
  rewatch(w: Watched): void {
    w.bytes = w.req.socket.bytesRead;
    w.since = Date.now();
    this.watched.add(w);
  }

  close(): void {
    clearInterval(this.timer);
    this.watched.clear();
  }

  private sweep(): void {
    const now = Date.now();
    for (const w of this.watched) {
      const { req } = w;
      if (req.complete || req.destroyed || req.socket.destroyed) {
        this.watched.delete(w);
        continue;
      }
      const read = req.socket.bytesRead;
      if (w.since === UNSTARTED) {
        w.bytes = read;
        w.since = now;
        continue;
      }
      if (now - w.since < this.windowMs) continue;
      if (read - w.bytes < this.minBytes) {
        this.watched.delete(w);
        this.onStall(req, w.res);
      } else {
        w.bytes = read;
        w.since = now;
      }
    }
  }
}
