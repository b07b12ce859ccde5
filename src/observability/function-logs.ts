// Function logs on their way to the store: each environment writes to its own
// CloudWatch-style stream; events are buffered and flushed in batches so
// logging never adds a database write to an invocation's path. The store's
// total is capped: above it the oldest events are deleted in the background.
import type { LogEvent, LogStore } from '../store/types.js';

const FLUSH_MS = 250;
const FLUSH_EVENTS = 1000;
/** A batch is also flushed at this many UTF-16 units (≈ bytes): a handful of maximal events, not 1000 of them. */
const FLUSH_CHARS = 1 << 20;
/** Output waiting for the store beyond this, the environments' output streams are paused until it drained. */
const CONGESTED_CHARS = 32 << 20;

/**
 * CloudWatch Logs bounds an event at 262,144 bytes, 26 of which are its overhead: a message is at most this many
 * UTF-8 bytes. A longer line is stored as several events of at most this size, in order.
 */
export const MAX_EVENT_MESSAGE_BYTES = 262_144 - 26;

/** Over the cap, the oldest events are deleted until the total is down to this fraction of it (not one per batch). */
const TRIM_TO = 0.9;
/** One deletion step frees at most this much (then yields to other work): bounded time on the main thread. */
const TRIM_STEP_BYTES = 8 << 20;
const TRIM_STEP_EVENTS = 2000;
/** The trimming warning in Lambent's own log is repeated at most this often. */
const TRIM_WARN_EVERY_MS = 60_000;

export interface LogRetention {
  /** Stored message bytes allowed in total. */
  maxBytes: number;
  /** Lambent's own log (warnings about trimming). */
  warn: (message: string) => void;
  /** How to raise the cap, for the warning (flag and environment variable). */
  hint: string;
}

export class FunctionLogWriter {
  private readonly pending = new Map<string, { group: string; stream: string; events: LogEvent[] }>();
  private count = 0;
  private chars = 0;
  /** Characters handed to the store and not yet written. */
  private inFlightChars = 0;
  private drainWaiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private trimming = false;
  private lastTrimWarn = -Infinity;
  private trimmedEvents = 0;
  private trimmedBytes = 0;

  constructor(
    private readonly store: LogStore,
    private readonly onError: (e: unknown) => void,
    private readonly retention?: LogRetention,
  ) {}

  write(group: string, stream: string, message: string, timestamp = Date.now()): void {
    const key = `${group}\u0000${stream}`;
    let batch = this.pending.get(key);
    if (!batch) {
      batch = { group, stream, events: [] };
      this.pending.set(key, batch);
    }
    batch.events.push({ timestamp, message });
    this.chars += message.length;
    if (++this.count >= FLUSH_EVENTS || this.chars >= FLUSH_CHARS) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /**
   * Output is arriving faster than the store takes it: producers should stop reading (backpressure reaches the
   * function through its stdout pipe, as a slow log consumer does on Lambda) until `whenDrained` calls back.
   */
  get congested(): boolean {
    return this.chars + this.inFlightChars > CONGESTED_CHARS;
  }

  whenDrained(cb: () => void): void {
    if (!this.congested) cb();
    else this.drainWaiters.push(cb);
  }

  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const batches = [...this.pending.values()];
    const chars = this.chars;
    this.pending.clear();
    this.count = 0;
    this.chars = 0;
    this.inFlightChars += chars;
    this.flushing = this.flushing.then(async () => {
      for (const b of batches) {
        try {
          await this.store.append(b.group, b.stream, b.events);
        } catch (e) {
          this.onError(e);
        }
      }
      this.inFlightChars -= chars;
      if (!this.congested) for (const w of this.drainWaiters.splice(0)) w();
      await this.checkCap();
    });
    return this.flushing;
  }

  /** Starts trimming in the background when the store went over the cap (the writes themselves never wait for it). */
  private async checkCap(): Promise<void> {
    const r = this.retention;
    if (!r || this.trimming) return;
    try {
      if ((await this.store.storedBytes()) <= r.maxBytes) return;
    } catch (e) {
      this.onError(e);
      return;
    }
    this.trimming = true;
    setImmediate(() => void this.trimStep(r));
  }

  /** Deletes one step's worth of the oldest events, then yields (setImmediate) before the next step. */
  private async trimStep(r: LogRetention): Promise<void> {
    try {
      const target = Math.floor(r.maxBytes * TRIM_TO);
      const stored = await this.store.storedBytes();
      if (stored > target) {
        const freed = await this.store.deleteOldest(Math.min(stored - target, TRIM_STEP_BYTES), TRIM_STEP_EVENTS);
        this.trimmedEvents += freed.events;
        this.trimmedBytes += freed.bytes;
        this.warnTrimming(r);
        if (freed.events > 0) {
          setImmediate(() => void this.trimStep(r));
          return;
        }
      }
    } catch (e) {
      this.onError(e);
    }
    this.trimming = false;
  }

  private warnTrimming(r: LogRetention): void {
    const now = Date.now();
    if (now - this.lastTrimWarn < TRIM_WARN_EVERY_MS) return;
    this.lastTrimWarn = now;
    const mb = (n: number): string => (n / 1048576).toFixed(1);
    r.warn(
      `function logs reached their cap of ${mb(r.maxBytes)} MB: deleting the oldest events ` +
        `(${this.trimmedEvents} events, ${mb(this.trimmedBytes)} MB so far); raise the cap with ${r.hint}`,
    );
  }
}

/**
 * Splits an output stream into log lines in linear time: chunks of the current line are kept in a list and only
 * each new chunk is searched for '\n'. A line longer than MAX_EVENT_MESSAGE_BYTES is emitted as several messages of at
 * most that many bytes (cut between UTF-8 characters), so no more than one event's worth of a line is ever held.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly emit: (line: string) => void,
    private readonly maxBytes = MAX_EVENT_MESSAGE_BYTES,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
      this.append(chunk, start, nl);
      this.emitLine();
      start = nl + 1;
    }
    if (start < chunk.length) this.append(chunk, start, chunk.length);
  }

  /** The stream ended: a last line without '\n' is still a line. */
  end(): void {
    if (this.size > 0) this.emitLine();
  }

  /** Adds bytes of the current line, emitting a full event whenever the line would outgrow one. */
  private append(chunk: Buffer, from: number, to: number): void {
    while (this.size + (to - from) > this.maxBytes) {
      const take = this.maxBytes - this.size;
      this.parts.push(chunk.subarray(from, from + take));
      this.size += take;
      from += take;
      const buf = this.take();
      const cut = utf8Boundary(buf, buf.length);
      this.emitBytes(buf.subarray(0, cut));
      // The bytes of a character cut in two start the rest of the line (copied: not to pin the event's buffer).
      if (cut < buf.length) this.keep(Buffer.from(buf.subarray(cut)));
    }
    if (to > from) this.keep(chunk.subarray(from, to));
  }

  private keep(b: Buffer): void {
    this.parts.push(b);
    this.size += b.length;
  }

  private take(): Buffer {
    const buf = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    return buf;
  }

  private emitLine(): void {
    this.emitBytes(this.take());
  }

  private emitBytes(buf: Buffer): void {
    const s = buf.toString('utf8');
    // Invalid UTF-8 decodes to U+FFFD (3 bytes for 1): only then can the text outgrow the bytes it came from.
    if (buf.length * 3 <= this.maxBytes || Buffer.byteLength(s) <= this.maxBytes) {
      this.emit(s);
      return;
    }
    let rest = Buffer.from(s);
    while (rest.length > this.maxBytes) {
      const cut = utf8Boundary(rest, this.maxBytes);
      this.emit(rest.subarray(0, cut).toString('utf8'));
      rest = rest.subarray(cut);
    }
    this.emit(rest.toString('utf8'));
  }
}

/** The largest n ≤ end such that buf[0, n) does not end inside a UTF-8 character (end itself for invalid bytes). */
export function utf8Boundary(buf: Buffer, end: number): number {
  // Walk back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  let i = end - 1;
  while (i > 0 && end - i < 4 && ((buf[i] as number) & 0xc0) === 0x80) i--;
  const lead = buf[i] as number;
  const len = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + len > end && i > 0 ? i : end;
}

/**
 * The last `limit` bytes of an invocation's log, for `LogType: Tail`: keeps only the lines needed to cover them, so
 * an invocation printing gigabytes keeps a few KB.
 */
export class LogTail {
  private lines: string[] = [];
  private sizes: number[] = [];
  private head = 0;
  /** Bytes of lines[head..] each with its '\n'. */
  private bytes = 0;

  constructor(private readonly limit = 4096) {}

  static of(lines: Iterable<string>, limit?: number): LogTail {
    const t = new LogTail(limit);
    for (const l of lines) t.push(l);
    return t;
  }

  push(line: string): void {
    const size = Buffer.byteLength(line) + 1;
    this.lines.push(line);
    this.sizes.push(size);
    this.bytes += size;
    // Drop the oldest line while the others still cover the limit.
    while (this.head < this.lines.length - 1 && this.bytes - (this.sizes[this.head] as number) >= this.limit) {
      this.bytes -= this.sizes[this.head] as number;
      this.head++;
    }
    if (this.head >= 1024) {
      this.lines = this.lines.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
  }

  /** The kept lines, oldest first. */
  *[Symbol.iterator](): IterableIterator<string> {
    for (let i = this.head; i < this.lines.length; i++) yield this.lines[i] as string;
  }

  /** The last `limit` bytes of the lines, each ended by '\n'. */
  text(): Buffer {
    const text = Buffer.from(`${this.lines.slice(this.head).join('\n')}\n`);
    return text.subarray(Math.max(0, text.length - this.limit));
  }

  clear(): void {
    this.lines = [];
    this.sizes = [];
    this.head = 0;
    this.bytes = 0;
  }
}

/** Lambda's per-environment stream name: 2026/11/22/[$LATEST]0123456789abcdef0123456789abcdef. */
export function logStreamName(version: string, id: string, now = new Date()): string {
  const d = now.toISOString().slice(0, 10).replace(/-/g, '/');
  return `${d}/[${version}]${id}`;
}
