// Compiler and checker output in the common `file:line[:col]: severity: message`
// shape (mypy, gcc/g++, javac with -Xdiags, tsc --pretty false) into diagnostics.
import type { Diagnostic } from "../../src/results/types.js";

const LINE = /^(?<file>[^\s:][^:]*):(?<line>\d+)(?::(?<col>\d+))?:\s*(?<sev>error|warning|note|fatal error)(?:\s+[A-Z]+\d+)?:\s*(?<msg>.*?)(?:\s+\[(?<code>[\w-]+)\])?$/;

export function parseDiagnostics(output: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const raw of output.split("\n")) {
    const m = LINE.exec(raw.trimEnd());
    const g = m?.groups;
    if (!g || g["file"] === undefined || g["msg"] === undefined) continue;
    const sev = g["sev"] === "note" ? "note" : g["sev"] === "warning" ? "warning" : "error";
    out.push({
      severity: sev,
      message: g["msg"],
      location: { file: g["file"], line: Number(g["line"]) },
      ...(g["code"] === undefined ? {} : { code: g["code"] }),
    });
  }
  return out;
}
