import { describe, expect, it } from "vitest";
import type { RunState } from "../../src/batch/batch-state.js";
import { formatLiveLine } from "../../src/batch/live-line.js";
import { LiveStatus } from "../../src/cli/batch/live-status.js";

const granted = { maxRounds: 5, maxTokens: 1000, timeoutMs: 60_000 };
const T0 = Date.parse("2026-12-04T06:00:00.000Z");
const running = (startedMsAgo: number, now = T0): RunState => ({ state: "running", granted, startedAt: new Date(now - startedMsAgo).toISOString() });
const finished = (status: "succeeded" | "failed"): RunState => ({ state: "finished", granted, status, reason: "", rounds: 1, tokens: 0, elapsedMs: 1000, startedAt: "", endedAt: "", report: true });

describe("the batch's live line", () => {
  it("says how many are done and how they ended, who runs for how long, and the time to the deadline", () => {
    const states = new Map<string, RunState>([
      ["a", finished("succeeded")],
      ["b", finished("failed")],
      ["c", running(41_000)],
      ["d", running(3_000)],
      ["e", { state: "not-started", cause: "tokens", reason: "no tokens left" }],
    ]);
    expect(formatLiveLine({ total: 6, states, now: T0, deadline: new Date(T0 + 3_600_000).toISOString() })).toBe(
      "▸ 3/6 done (1 succeeded, 1 failed, 1 not-started) · running: c 41.0 s, d 3.0 s · 1 h 00 min to the deadline",
    );
    expect(formatLiveLine({ total: 2, states: new Map(), now: T0, deadline: new Date(T0 - 1).toISOString() })).toBe("▸ 0/2 done · past the deadline");
  });

  it("prints each change above the line and redraws the line in place, then erases it at the end", () => {
    const out: string[] = [];
    let tick = (): void => undefined;
    let now = T0;
    const live = new LiveStatus({ write: (t) => out.push(t), total: 2, deadline: null, now: () => now, every: (redraw) => ((tick = redraw), { stop: () => (tick = () => undefined) }) });
    live.change("a", running(0), "[1/2] a: started");
    now += 2000;
    tick();
    live.change("a", finished("succeeded"), "[1/2] a: succeeded in 2.0 s");
    live.stop();
    tick();
    expect(out).toEqual([
      "[1/2] a: started\n",
      "▸ 0/2 done · running: a 0 ms",
      "\r\x1b[2K▸ 0/2 done · running: a 2.0 s",
      "\r\x1b[2K[1/2] a: succeeded in 2.0 s\n",
      "▸ 1/2 done (1 succeeded)",
      "\r\x1b[2K",
    ]);
  });
});
