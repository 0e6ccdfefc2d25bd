// A cassette on disk: DIR/cassette.jsonl, read whole for replay, appended
// one line per exchange while recording. Each exchange is one write of one
// line as soon as its answer is in, so a run killed at any point leaves every
// finished exchange readable (a line cut short is left out on reading, and cut
// off before a resumed run appends).
import { appendFile, mkdir, readFile, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CassetteFileError } from "./cassette-errors.js";
import { CASSETTE_FILE, parseCassette, printLine, type CassetteExchange, type CassetteHeader, type ParsedCassette } from "./cassette-format.js";

export function cassettePath(dir: string): string {
  return join(dir, CASSETTE_FILE);
}

export async function readCassette(dir: string): Promise<ParsedCassette> {
  const file = cassettePath(dir);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new CassetteFileError("no-cassette", dir, `${dir} holds no cassette (no ${CASSETTE_FILE}); record one with \`protoforge generate … --record ${dir}\``);
    }
    throw e;
  }
  const parsed = parseCassette(text);
  if (!parsed.ok) throw new CassetteFileError("bad-cassette", dir, `${file}:${parsed.line}: ${parsed.problem}`, parsed.line);
  return parsed.cassette;
}

/** An exchange as the recorder hands it over; the writer numbers its occurrence. */
export type NewExchange = Omit<CassetteExchange, "type" | "occurrence">;

export class CassetteWriter {
  readonly #file: string;
  readonly #occurrences = new Map<string, number>();
  #queue: Promise<void> = Promise.resolve();

  private constructor(readonly dir: string, readonly header: CassetteHeader, recorded: readonly CassetteExchange[]) {
    this.#file = cassettePath(dir);
    for (const e of recorded) this.#occurrences.set(e.key, Math.max(this.#occurrences.get(e.key) ?? 0, e.occurrence + 1));
  }

  /** A new cassette in `dir` (created if needed): whatever was recorded there before is replaced. */
  static async start(dir: string, header: CassetteHeader): Promise<CassetteWriter> {
    await mkdir(dir, { recursive: true });
    await writeFile(cassettePath(dir), printLine(header));
    return new CassetteWriter(dir, header, []);
  }

  /**
   * Goes on recording into the cassette a run began (resume): its exchanges
   * are kept and counted, a torn last line is cut off. Starts one when there
   * is none yet. The model must be the one it was recorded with.
   */
  static async continue(dir: string, header: CassetteHeader): Promise<CassetteWriter> {
    let existing: ParsedCassette;
    try {
      existing = await readCassette(dir);
    } catch (e) {
      if (e instanceof CassetteFileError && e.code === "no-cassette") return CassetteWriter.start(dir, header);
      throw e;
    }
    if (existing.header.label !== header.label) {
      throw new CassetteFileError("cassette-model-differs", dir, `${cassettePath(dir)} was recorded with ${existing.header.label}, not ${header.label}`);
    }
    if (existing.tornTail) {
      const text = await readFile(cassettePath(dir), "utf8");
      await truncate(cassettePath(dir), Buffer.byteLength(text.slice(0, text.lastIndexOf("\n") + 1), "utf8"));
    }
    return new CassetteWriter(dir, existing.header, existing.exchanges);
  }

  /** Appends one exchange (in the order append is called); resolves once it is written. */
  append(exchange: NewExchange): Promise<void> {
    const occurrence = this.#occurrences.get(exchange.key) ?? 0;
    this.#occurrences.set(exchange.key, occurrence + 1);
    const line = printLine({ type: "exchange", key: exchange.key, occurrence, agent: exchange.agent, round: exchange.round, attempt: exchange.attempt, request: exchange.request, ...(exchange.answer ? { answer: exchange.answer } : {}), ...(exchange.failure ? { failure: exchange.failure } : {}) });
    const write = this.#queue.then(() => appendFile(this.#file, line));
    this.#queue = write.catch(() => undefined);
    return write;
  }
}
