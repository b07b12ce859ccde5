// A counting semaphore over bytes: how much memory bodies of not-yet-authenticated requests may hold across
// every connection. Without it N unauthenticated clients each sending a maximum-size body make the process
// hold N bodies (8 × 65 MB took RSS from 72 to 594 MB). A request waits its turn (first come, first served,
// so a large body is not starved by small ones) and is refused if its turn does not come in time.
//
// A request larger than the whole budget still runs, alone: the bound is max(budget, largest body limit).

interface Waiter {
  bytes: number;
  grant: (granted: boolean) => void;
  timer: NodeJS.Timeout;
}

export class ByteBudget {
  private inUse = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly capacity: number) {}

  get used(): number {
    return this.inUse;
  }

  private fits(bytes: number): boolean {
    return this.inUse === 0 || this.inUse + bytes <= this.capacity;
  }

  /**
   * Resolves true once `bytes` are reserved (release them with release()), false after `waitMs` without a
   * turn or when `abort` fires first (the client went away): nothing is reserved then.
   */
  acquire(bytes: number, waitMs: number, abort?: { once(event: 'close', fn: () => void): unknown; off(event: 'close', fn: () => void): unknown }): Promise<boolean> {
    if (this.queue.length === 0 && this.fits(bytes)) {
      this.inUse += bytes;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const onAbort = (): void => leave(false);
      const leave = (granted: boolean): void => {
        clearTimeout(waiter.timer);
        abort?.off('close', onAbort);
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        resolve(granted);
        // Leaving the head of the queue may let the next ones in.
        if (!granted) this.grantWaiting();
      };
      const waiter: Waiter = { bytes, grant: leave, timer: setTimeout(() => leave(false), waitMs) };
      this.queue.push(waiter);
      abort?.once('close', onAbort);
    });
  }

  release(bytes: number): void {
    this.inUse -= bytes;
    if (this.inUse < 0) this.inUse = 0;
    this.grantWaiting();
  }

  private grantWaiting(): void {
    for (;;) {
      const head = this.queue[0];
      if (head === undefined || !this.fits(head.bytes)) return;
      this.inUse += head.bytes;
      head.grant(true);
    }
  }
}
