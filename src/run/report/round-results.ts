// Each round's results in DIR/.protoforge/rounds/N.json: pretty JSON with
// keys in stable order, so the tester's commit of the file diffs cleanly.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { STATE_DIR } from "../output-folder.js";
import type { RoundRecord, RoundResults } from "./report-types.js";
import { stableJson } from "./stable-json.js";

export const ROUNDS_DIR = `${STATE_DIR}/rounds`;

/** The path of round N's file, relative to the run folder. */
export function roundResultsPath(round: number): string {
  if (!Number.isSafeInteger(round) || round < 1) throw new RangeError(`round must be a positive integer, got ${round}`);
  return `${ROUNDS_DIR}/${round}.json`;
}

/** Writes (or rewrites) round N's file; returns its path relative to `dir`. */
export async function writeRoundResults(dir: string, round: number, results: RoundResults): Promise<string> {
  const path = roundResultsPath(round);
  const record: RoundRecord = {
    round,
    languages: results.languages,
    interop: results.interop,
    conformance: results.conformance,
    ...(results.behaviourProof !== undefined && results.behaviourProof.length > 0 ? { behaviourProof: results.behaviourProof } : {}),
    findings: results.findings,
    tokens: results.tokens,
  };
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), stableJson(record));
  return path;
}

/** Round N's results, or undefined when that round wrote none. */
export async function readRoundResults(dir: string, round: number): Promise<RoundRecord | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, roundResultsPath(round)), "utf8")) as RoundRecord;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

/** The rounds that have a results file, ascending. */
export async function listRoundResults(dir: string): Promise<number[]> {
  const names = await readdir(join(dir, ROUNDS_DIR)).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [] as string[];
    throw e;
  });
  return names
    .flatMap((n) => (/^[1-9]\d*\.json$/.test(n) ? [Number(n.slice(0, -".json".length))] : []))
    .sort((a, b) => a - b);
}
