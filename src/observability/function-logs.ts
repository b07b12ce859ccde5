// Function logs on their way to the store: each environment writes to its own
// CloudWatch-style stream; events are buffered and flushed in batches so
// logging never adds a database write to an invocation's path.
import type { LogEvent, LogStore } from '../store/types.js';

const FLUSH_MS = 250;
const FLUSH_EVENTS = 1000;

export class FunctionLogWriter {
  private readonly pending = new Map<string, { group: string; stream: string; events: LogEvent[] }>();
  private count = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: LogStore,
    private readonly onError: (e: unknown) => void,
  ) {}

  write(group: string, stream: string, message: string, timestamp = Date.now()): void {
    const key = `${group}\u0000${stream}`;
    let batch = this.pending.get(key);
    if (!batch) {
      batch = { group, stream, events: [] };
      this.pending.set(key, batch);
    }
    batch.events.push({ timestamp, message });
    if (++this.count >= FLUSH_EVENTS) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const batches = [...this.pending.values()];
    this.pending.clear();
    this.count = 0;
    this.flushing = this.flushing.then(async () => {
      for (const b of batches) {
        try {
          await this.store.append(b.group, b.stream, b.events);
        } catch (e) {
          this.onError(e);
        }
      }
    });
    return this.flushing;
  }
}

/** Lambda's per-environment stream name: 2026/11/22/[$LATEST]0123456789abcdef0123456789abcdef. */
export function logStreamName(version: string, id: string, now = new Date()): string {
  const d = now.toISOString().slice(0, 10).replace(/-/g, '/');
  return `${d}/[${version}]${id}`;
}
