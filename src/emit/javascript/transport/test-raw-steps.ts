// Steps of test/robustness.test.js that are the same over TCP and UDP but for
// how the raw client talks to the server (RawSyntax): a stream that awaits its
// writes and reads frames, or a peer that sends datagrams (with flags) and
// reads messages past the ACKs.
import type { FileBuilder } from "../../printer.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";

export interface RawSyntax {
  /** The raw client class, as a template binding. */
  readonly open: string;
  /** The statement that sends `frame`. */
  readonly send: (frame: string) => string;
  /** The call that reads the next answer. */
  readonly read: string;
  /** An encoded message of the sample maker `maker` with sequence number `seq`. */
  readonly frame: (maker: string, seq: number, reliable: boolean) => string;
}

export const STREAM: RawSyntax = {
  open: "«RawStream»",
  send: (frame) => `await raw.send(${frame});`,
  read: "raw.frame()",
  frame: (maker, seq) => `«encodeFrame»(«${maker}»(), ${seq})`,
};

export const PEER: RawSyntax = {
  open: "«RawPeer»",
  send: (frame) => `raw.send(${frame});`,
  read: "raw.message()",
  frame: (maker, seq, reliable) => `«encodeFrame»(«${maker}»(), ${seq}, ${reliable ? "«FLAG_RELIABLE»" : "0"})`,
};

/** Opens the out-of-order test and sends the second message first (the caller checks and closes it). */
export function printOutOfOrderStart(f: FileBuilder, raw: RawSyntax, reliable: boolean, b: Bindings): void {
  printTemplate(
    f,
    `
    «test»("a message out of order is refused", async () => {
      const raw = await ${raw.open}.open(server.port);
      ${raw.send(raw.frame("makeSecond", 1, reliable))}
    `,
    b,
  );
}

/** Reads the refusal of sequence number 1 as the error message `error` (a binding), then `more` lines. */
export function printRefusal(f: FileBuilder, raw: RawSyntax, error: string, b: Bindings, ...more: string[]): void {
  printTemplate(
    f,
    [
      `const refusal = await ${raw.read};`,
      `«assert».ok(refusal !== null && refusal.message instanceof «${error}»);`,
      "«assert».equal(refusal.seq, 1);",
      ...more,
    ].join("\n"),
    b,
  );
}

/** After a refusal the same client still gets an answer to sequence number 2, and the server serves others. */
export function printStillAnswers(f: FileBuilder, raw: RawSyntax, reliable: boolean, b: Bindings): void {
  printTemplate(
    f,
    `
    ${raw.send(raw.frame("makeProbe", 2, reliable))}
    const answer = await ${raw.read};
    «assert».ok(answer !== null && answer.message instanceof «ProbeOk»);
    «assert».equal(answer.seq, 2);
    raw.close();
    await «assertServes»(server.port);
    `,
    b,
  );
}
