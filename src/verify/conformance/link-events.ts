// The events of one link in arrival order, and a bounded wait for the next:
// what every link (TCP, UDP, HTTP) hands the case runner.
import type { LinkEvent } from "./link.js";

export class LinkEvents {
  private readonly queued: LinkEvent[] = [];
  private waiter: ((e: LinkEvent) => void) | undefined;

  /** Hands `e` to the waiting `next`, or queues it. */
  push(e: LinkEvent): void {
    if (this.waiter !== undefined) this.waiter(e);
    else this.queued.push(e);
  }

  /** The next event, or `timeout` at `deadline` (Date.now() milliseconds). */
  next(deadline: number): Promise<LinkEvent> {
    const queued = this.queued.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve({ kind: "timeout" });
      }, Math.max(0, deadline - Date.now()));
      this.waiter = (e) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(e);
      };
    });
  }
}
