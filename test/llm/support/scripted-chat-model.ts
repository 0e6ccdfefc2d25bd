// A deterministic chat model for tests: answers with scripted replies in
// order, each with the token usage an endpoint would report, and records the
// messages of every call. Unlike FakeListChatModel it reports usage (so
// budgets can be tested) and fails loudly when the script runs out instead of
// starting over.
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";

export interface ScriptedAnswer {
  readonly content: string;
  /** Reported as usage_metadata; omitted: no usage (the ledger then estimates). */
  readonly usage?: { readonly input: number; readonly output: number };
  /** Throw this instead of answering (an endpoint failure). */
  readonly fail?: string;
}

export class ScriptedChatModel extends BaseChatModel {
  readonly calls: BaseMessage[][] = [];
  readonly #script: ScriptedAnswer[];

  constructor(script: readonly (string | ScriptedAnswer)[]) {
    super({});
    this.#script = script.map((s) => (typeof s === "string" ? { content: s } : s));
  }

  _llmType(): string {
    return "scripted";
  }

  /** Answers not used yet. */
  remaining(): number {
    return this.#script.length;
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.calls.push([...messages]);
    const next = this.#script.shift();
    if (next === undefined) throw new Error(`ScriptedChatModel: no scripted answer left for call ${this.calls.length}`);
    if (next.fail !== undefined) throw new Error(next.fail);
    const message = new AIMessage(next.content);
    if (next.usage !== undefined) {
      // (AIMessage's field types resolve usage_metadata to `undefined` for the default message structure.)
      Object.assign(message, {
        usage_metadata: { input_tokens: next.usage.input, output_tokens: next.usage.output, total_tokens: next.usage.input + next.usage.output },
      });
    }
    return { generations: [{ text: next.content, message }] };
  }
}
