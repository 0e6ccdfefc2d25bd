// Which cases run: those for the transport, and matching --case. Pure.
import type { ConformanceCase, ConformanceTransport } from "./case-model.js";

/** `PATTERN` with `*` matches whole names (`wire/*`); without `*` it matches any part (`Login`). */
export function casePattern(pattern: string): (name: string) => boolean {
  if (!pattern.includes("*")) return (name) => name.includes(pattern);
  const re = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return (name) => re.test(name);
}

export function selectCases(cases: readonly ConformanceCase[], transport: ConformanceTransport, pattern?: string): ConformanceCase[] {
  const match = pattern === undefined ? () => true : casePattern(pattern);
  return cases.filter((c) => c.transports.includes(transport) && match(c.name));
}
