// The parts of a conformance suite's result (ConformanceResult) that the
// server and the client side build alike.
import type { ConformanceFailure, ConformanceResult } from "../../src/results/types.js";

/** Which demo the suite drove, and over what. */
export interface SuiteBase {
  readonly language: string;
  readonly side: "server" | "client";
  readonly transport: string;
}

/** The spec has no case for the transport: the suite passes with nothing counted. */
export function noCases(base: SuiteBase): ConformanceResult {
  return { ...base, ok: true, total: 0, passed: 0, failures: [], proven: [], durationMs: 0, serverOutputTail: "" };
}

/** The suite could not run: no case counted, the reason said. */
export function couldNotRun(base: SuiteBase, durationMs: number, reason: string, serverOutputTail = ""): ConformanceResult {
  return { ...base, ok: false, total: 0, passed: 0, failures: [], proven: [], durationMs, serverOutputTail, reason };
}

/** The failed cases, and the spec elements the passing ones prove (sorted, once each). */
export function failuresAndProven(results: readonly { readonly name: string; readonly ok: boolean; readonly reason?: string; readonly proves: readonly string[] }[]): {
  readonly failures: ConformanceFailure[];
  readonly proven: string[];
} {
  const failures: ConformanceFailure[] = results.filter((r) => !r.ok).map((r) => ({ name: r.name, reason: r.reason ?? "failed", proves: r.proves }));
  const proven = [...new Set(results.filter((r) => r.ok).flatMap((r) => r.proves))].sort();
  return { failures, proven };
}
