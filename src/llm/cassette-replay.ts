// Replay: a chat model that answers from a cassette, with no network at all.
// A request is looked up by its key; the same request asked again gets the
// next recorded answer for it (occurrence order), the one recorded for the
// same agent, round and attempt first (so a resumed run, which skips what was
// done before the kill, still gets its own answers). A request the cassette
// does not hold stops the run with a CassetteMissError that says who asked
// and where the request parts from the nearest recorded one.
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { callContextOf, type ModelCallContext } from "./chat-model.js";
import { CassetteMissError } from "./cassette-errors.js";
import { messageOfAnswer, ReplayedCallError, type CassetteExchange, type CassetteHeader, type ParsedCassette } from "./cassette-format.js";
import { readCassette } from "./cassette-file.js";
import { cassetteKey, cassetteRequestOf, firstDifference, type CassetteRequest } from "./cassette-key.js";

export class CassetteReplayModel extends BaseChatModel {
  readonly #byKey = new Map<string, CassetteExchange[]>();
  readonly #used = new Set<CassetteExchange>();
  readonly #exchanges: readonly CassetteExchange[];

  constructor(readonly dir: string, readonly cassette: ParsedCassette) {
    super({});
    this.#exchanges = cassette.exchanges;
    for (const e of cassette.exchanges) {
      const list = this.#byKey.get(e.key) ?? [];
      list.push(e);
      this.#byKey.set(e.key, list);
    }
    for (const list of this.#byKey.values()) list.sort((a, b) => a.occurrence - b.occurrence);
  }

  static async load(dir: string): Promise<CassetteReplayModel> {
    return new CassetteReplayModel(dir, await readCassette(dir));
  }

  get header(): CassetteHeader {
    return this.cassette.header;
  }

  /** Recorded exchanges not replayed yet. */
  remaining(): number {
    return this.#exchanges.length - this.#used.size;
  }

  _llmType(): string {
    return "cassette-replay";
  }

  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    options.signal?.throwIfAborted();
    const request = cassetteRequestOf(messages, options, { label: this.header.label, temperature: this.header.temperature });
    const key = cassetteKey(request);
    const context = callContextOf(options) ?? { agent: "unnamed caller", round: 0, attempt: 1 };
    const exchange = this.#pick(key, context);
    if (exchange === undefined) throw this.#miss(key, request, context);
    this.#used.add(exchange);
    if (exchange.failure !== undefined) throw new ReplayedCallError(exchange.failure);
    const message = messageOfAnswer(exchange.answer ?? { content: "", toolCalls: [], finishReason: null, usage: null });
    return { generations: [{ text: message.text, message }] };
  }

  #pick(key: string, context: ModelCallContext): CassetteExchange | undefined {
    const unused = (this.#byKey.get(key) ?? []).filter((e) => !this.#used.has(e));
    return unused.find((e) => sameCall(e, context)) ?? unused[0];
  }

  #miss(key: string, request: CassetteRequest, context: ModelCallContext): CassetteMissError {
    const who = `${context.agent} (round ${context.round}, attempt ${context.attempt})`;
    const asked = this.#byKey.get(key)?.length ?? 0;
    if (asked > 0) {
      return new CassetteMissError(
        `replay of ${this.dir}: ${who} asked a request the cassette holds ${asked} time${asked === 1 ? "" : "s"}, one time more than recorded (key ${key.slice(0, 12)})`,
        this.dir,
        context.agent,
        context.round,
        key,
      );
    }
    const near = this.#nearest(context);
    const difference = near === undefined ? undefined : firstDifference(near.request, request);
    const why =
      near === undefined
        ? `the cassette holds no exchange of ${context.agent}`
        : `${possessive(context.agent)} prompt differs from the one recorded for round ${near.round}, attempt ${near.attempt}: ${difference ?? "(no difference found)"}`;
    return new CassetteMissError(`replay of ${this.dir}: no recorded answer for ${who}; ${why}`, this.dir, context.agent, context.round, key, difference);
  }

  /** The recorded exchange a missed request most likely stands for: the same agent's, not replayed, the same round and attempt first. */
  #nearest(context: ModelCallContext): CassetteExchange | undefined {
    const mine = this.#exchanges.filter((e) => e.agent === context.agent);
    const unused = mine.filter((e) => !this.#used.has(e));
    return (
      unused.find((e) => sameCall(e, context)) ??
      unused.find((e) => e.round === context.round) ??
      unused[0] ??
      mine.find((e) => sameCall(e, context)) ??
      mine.at(-1)
    );
  }
}

function sameCall(e: CassetteExchange, context: ModelCallContext): boolean {
  return e.agent === context.agent && e.round === context.round && e.attempt === context.attempt;
}

function possessive(agent: string): string {
  return `the ${agent}'s`;
}
