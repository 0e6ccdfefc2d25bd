// The batch's live line on a terminal: each change is printed above it as a
// normal progress line, and the line itself is redrawn in place (carriage
// return, erase line) every second. Only when stderr is a terminal; a pipe
// or a log file gets the progress lines alone.
import type { RunState } from "../../batch/batch-state.js";
import { formatLiveLine } from "../../batch/live-line.js";

const ERASE = "\r\x1b[2K";

export interface LiveStatusOptions {
  readonly write: (text: string) => void;
  readonly total: number;
  readonly deadline: string | null;
  readonly now?: () => number;
  /** How the line is redrawn every second (tests: by hand). */
  readonly every?: (redraw: () => void) => { stop(): void };
}

export class LiveStatus {
  private readonly states = new Map<string, RunState>();
  private readonly ticker: { stop(): void };
  private shown = false;

  constructor(private readonly o: LiveStatusOptions) {
    this.ticker = (o.every ?? everySecond)(() => this.draw());
  }

  /** A run changed: its progress line above, then the live line again. */
  change(name: string, state: RunState, line: string): void {
    this.states.set(name, state);
    this.o.write(`${this.shown ? ERASE : ""}${line}\n`);
    this.shown = false;
    this.draw();
  }

  /** Removes the live line (the batch ended). */
  stop(): void {
    this.ticker.stop();
    if (this.shown) this.o.write(ERASE);
    this.shown = false;
  }

  private draw(): void {
    const line = formatLiveLine({ total: this.o.total, states: this.states, now: (this.o.now ?? Date.now)(), deadline: this.o.deadline });
    this.o.write(`${this.shown ? ERASE : ""}${line}`);
    this.shown = true;
  }
}

function everySecond(redraw: () => void): { stop(): void } {
  const timer = setInterval(redraw, 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
