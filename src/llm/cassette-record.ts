// Recording: a chat model that asks the real one and writes every exchange
// to the cassette as soon as its answer (or its failure) is in. It sits where
// the run's chat model sits, so every path that asks a model goes through it:
// plain and structured questions, their correction attempts, whatever the
// agents add later; it sees the request exactly as the endpoint gets it (the
// completion cap and the response format are call options).
import { BaseChatModel, type BaseChatModelCallOptions } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { callContextOf } from "./chat-model.js";
import { answerOf, failureOf, type CassetteHeader } from "./cassette-format.js";
import { CassetteWriter } from "./cassette-file.js";
import { cassetteKey, cassetteRequestOf, type CassetteModelIdentity } from "./cassette-key.js";

export interface RecordingOptions {
  readonly dir: string;
  /** The run's model as run.json and the cassette's header name it. */
  readonly header: Omit<CassetteHeader, "type" | "format">;
  /** Resume: keep what the cassette holds and go on (default: start it anew). */
  readonly continue?: boolean;
}

export class CassetteRecordingModel extends BaseChatModel {
  readonly #inner: BaseChatModel;
  readonly #identity: CassetteModelIdentity;
  readonly #writer: CassetteWriter;

  private constructor(inner: BaseChatModel, writer: CassetteWriter) {
    super({});
    this.#inner = inner;
    this.#writer = writer;
    this.#identity = { label: writer.header.label, temperature: writer.header.temperature };
  }

  /** Opens (or, with `continue`, reopens) the cassette in `options.dir` and wraps `inner`. */
  static async open(inner: BaseChatModel, options: RecordingOptions): Promise<CassetteRecordingModel> {
    return new CassetteRecordingModel(inner, await openWriter(options));
  }

  get dir(): string {
    return this.#writer.dir;
  }

  _llmType(): string {
    // (Called by BaseChatModel's constructor, before the fields are set.)
    return "cassette-record";
  }

  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    const request = cassetteRequestOf(messages, options, this.#identity);
    const key = cassetteKey(request);
    const context = callContextOf(options) ?? { agent: "unnamed", round: 0, attempt: 1 };
    const who = { key, agent: context.agent, round: context.round, attempt: context.attempt, request };
    let message: BaseMessage;
    try {
      message = await this.#inner.invoke(messages, options as BaseChatModelCallOptions);
    } catch (e) {
      // A call cut off by the run's own deadline is not the endpoint's answer: not recorded.
      if (!options.signal?.aborted) await this.#writer.append({ ...who, failure: failureOf(e) });
      throw e;
    }
    await this.#writer.append({ ...who, answer: answerOf(message) });
    return { generations: [{ text: message.text, message }] };
  }
}

/** The cassette a run records into, opened without a model (an offline run records its header only). */
export async function openWriter(options: RecordingOptions): Promise<CassetteWriter> {
  const header: CassetteHeader = { type: "header", format: 1, ...options.header };
  return options.continue ? CassetteWriter.continue(options.dir, header) : CassetteWriter.start(options.dir, header);
}
