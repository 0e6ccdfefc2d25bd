// A plain question: a system prompt and a user message in, the answer's text
// out (reasoning sections such as <think>…</think> removed).
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import { invokeModel, type AskBase } from "./invoke-model.js";
import { stripReasoning } from "./json-extract.js";

export interface AskTextOptions extends AskBase {
  readonly system: string;
  readonly user: string;
}

export async function askText(options: AskTextOptions): Promise<string> {
  const answer = await invokeModel(options, [new SystemMessage(options.system), new HumanMessage(options.user)], 1);
  return stripReasoning(answer.text);
}
