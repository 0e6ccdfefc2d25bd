// Errors of record and replay, as data. A miss stops the run (invokeModel
// passes it on instead of turning it into a ModelCallError the agents would
// fall back from): a replay that no longer matches its cassette must say so,
// not quietly become a different run.

/** A replayed run asked something the cassette does not hold. */
export class CassetteMissError extends Error {
  override readonly name = "CassetteMissError";
  readonly code = "cassette-miss";
  constructor(
    message: string,
    readonly dir: string,
    readonly agent: string,
    readonly round: number,
    /** The key of the request asked. */
    readonly key: string,
    /** The first part in which it differs from the nearest recorded request (same agent), when there is one. */
    readonly difference?: string,
  ) {
    super(message);
  }
}

export type CassetteFileErrorCode = "no-cassette" | "bad-cassette" | "cassette-model-differs";

/** A cassette folder that cannot be read or written, or does not fit the run. */
export class CassetteFileError extends Error {
  override readonly name = "CassetteFileError";
  constructor(
    readonly code: CassetteFileErrorCode,
    readonly dir: string,
    message: string,
    /** The line of cassette.jsonl concerned (1-based), for bad-cassette. */
    readonly line?: number,
  ) {
    super(message);
  }
}

export type CassetteError = CassetteMissError | CassetteFileError;

export function isCassetteError(e: unknown): e is CassetteError {
  return e instanceof CassetteMissError || e instanceof CassetteFileError;
}
