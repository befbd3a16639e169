/**
 * Reports found stale by the plan, handed to the print workers as soon as they are found, so
 * Chromium prints while Node works out the rest of the plan. `next()` waits for the next report
 * and resolves `undefined` once the queue is closed and empty.
 */
export class PendingQueue<T> {
  private readonly items: T[] = [];
  private readonly waiting: ((item: T | undefined) => void)[] = [];
  private closed = false;

  push(item: T): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }

  /** No more items: waiting workers get `undefined`; items already queued are still handed out. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter(undefined);
  }

  next(): Promise<T | undefined> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
