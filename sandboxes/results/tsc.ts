// TypeScript compiler output (`tsc --pretty false`) into diagnostics:
//   src/codec.js(12,5): error TS2322: Type 'string' is not assignable to type 'number'.
//     Type 'x' is not assignable ...        (continuation lines, indented)
//   error TS5083: Cannot read file '/x/tsconfig.json'.   (no place)
// Pure.
import type { Diagnostic } from "../../src/results/types.js";

const PLACED = /^(?<file>[^\s(][^(]*)\((?<line>\d+),(?<col>\d+)\): (?<sev>error|warning|message) (?<code>TS\d+): (?<msg>.*)$/;
const GLOBAL = /^(?<sev>error|warning|message) (?<code>TS\d+): (?<msg>.*)$/;

export function parseTscDiagnostics(output: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  let current: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } | undefined;
  const flush = (): void => {
    if (current !== undefined) out.push(current);
    current = undefined;
  };
  for (const raw of output.split("\n")) {
    const line = raw.trimEnd();
    const placed = PLACED.exec(line)?.groups;
    const global = placed ? undefined : GLOBAL.exec(line)?.groups;
    const g = placed ?? global;
    if (g !== undefined && g["msg"] !== undefined && g["code"] !== undefined) {
      flush();
      current = { severity: severityOf(g["sev"]), message: g["msg"], code: g["code"] };
      if (placed?.["file"] !== undefined) current.location = { file: placed["file"], line: Number(placed["line"]) };
      continue;
    }
    // An indented line continues the message before it (elaborations of a type error).
    if (current !== undefined && /^\s+\S/.test(line)) current.message = `${current.message}\n${line.trim()}`;
    else flush();
  }
  flush();
  return out;
}

function severityOf(sev: string | undefined): Diagnostic["severity"] {
  return sev === "warning" ? "warning" : sev === "message" ? "note" : "error";
}
