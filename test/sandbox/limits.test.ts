// Limits: defaults, validation, reading the runner's hard limits, prlimit flags.
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, parseProcLimits, prlimitArgs, resolveLimits } from "../../sandboxes/isolation/index.js";

const PROC_LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max file size             unlimited            1048576              bytes
Max data size             unlimited            unlimited            bytes
Max processes             4096                 8192                 processes
Max open files            1024                 524288               files
Max address space         unlimited            unlimited            bytes
`;

describe("limits", () => {
  it("fills in defaults and keeps what the profile sets", () => {
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS);
    expect(resolveLimits({ wallClockMs: 5_000 })).toEqual({ ...DEFAULT_LIMITS, wallClockMs: 5_000 });
  });

  it("has defaults a JVM build can live with", () => {
    expect(DEFAULT_LIMITS.memoryBytes).toBeGreaterThanOrEqual(4 * 1024 ** 3);
    expect(DEFAULT_LIMITS.outputBytes).toBe(1024 * 1024);
    expect(DEFAULT_LIMITS.wallClockMs).toBeGreaterThanOrEqual(60_000);
  });

  it("reads the hard column of /proc/self/limits", () => {
    expect(parseProcLimits(PROC_LIMITS)).toEqual({
      cpuSeconds: Infinity,
      fileSizeBytes: 1048576,
      processes: 8192,
      memoryBytes: Infinity,
    });
    expect(parseProcLimits("")).toEqual({
      cpuSeconds: Infinity,
      fileSizeBytes: Infinity,
      processes: Infinity,
      memoryBytes: Infinity,
    });
  });

  it("turns limits into prlimit flags, clamped to the hard limits, with core dumps off", () => {
    const hard = parseProcLimits(PROC_LIMITS);
    expect(prlimitArgs(resolveLimits({ fileSizeBytes: 4 * 1048576 }), hard, { processes: true })).toEqual([
      "--cpu=300:301",
      `--as=${4 * 1024 ** 3}:${4 * 1024 ** 3}`,
      "--fsize=1048576:1048576",
      "--nproc=256:256",
      "--core=0:0",
    ]);
    expect(prlimitArgs(resolveLimits(), hard, { processes: false }).some((a) => a.startsWith("--nproc"))).toBe(false);
  });
});
