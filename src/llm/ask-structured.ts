// A question whose answer must validate against a zod schema. The schema is
// shown to the model as JSON Schema; the JSON is taken from the answer even
// when wrapped in prose or a fenced block; an answer that does not parse or
// validate is sent back with the problem, up to maxAttempts calls in all.
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import type { z } from "zod";
import { StructuredOutputError } from "./errors.js";
import { invokeModel, type AskBase } from "./invoke-model.js";
import { extractJson } from "./json-extract.js";
import { answerFormatSection, correctionMessage, describeZodError } from "./structured-prompt.js";

export const DEFAULT_MAX_ATTEMPTS = 3;

export interface AskStructuredOptions<S extends z.ZodType> extends AskBase {
  readonly schema: S;
  readonly system: string;
  readonly user: string;
  /** Model calls in all, the first included (default 3). */
  readonly maxAttempts?: number | undefined;
  /** Also ask the endpoint for JSON mode (`response_format: { type: "json_object" }`); see ModelConfig.jsonMode. */
  readonly jsonMode?: boolean | undefined;
}

export interface StructuredAnswer<T> {
  readonly value: T;
  /** Calls it took, 1 when the first answer was valid. */
  readonly attempts: number;
  /** The answer that validated, verbatim. */
  readonly raw: string;
}

export async function askStructured<S extends z.ZodType>(options: AskStructuredOptions<S>): Promise<StructuredAnswer<z.output<S>>> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  const base: BaseMessage[] = [new SystemMessage(`${options.system.trimEnd()}\n\n${answerFormatSection(options.schema)}`), new HumanMessage(options.user)];
  const callOptions = options.jsonMode ? { response_format: { type: "json_object" } } : {};

  let messages = base;
  let lastError = "";
  let raw = "";
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const answer = await invokeModel(options, messages, attempt, callOptions);
    raw = answer.text;
    const checked = check(options.schema, raw);
    if (checked.ok) return { value: checked.value, attempts: attempt, raw };
    lastError = checked.problem;
    // Only the latest wrong answer goes back, with what is wrong with it.
    messages = [...base, new AIMessage(raw), new HumanMessage(correctionMessage(lastError, answer.truncated))];
  }
  throw new StructuredOutputError(
    `${options.agent} (round ${options.round}): no valid answer in ${maxAttempts} attempt${maxAttempts === 1 ? "" : "s"}; last problem: ${firstLine(lastError)}`,
    options.agent,
    options.round,
    maxAttempts,
    lastError,
    raw,
  );
}

function check<S extends z.ZodType>(schema: S, raw: string): { ok: true; value: z.output<S> } | { ok: false; problem: string } {
  const extracted = extractJson(raw);
  if (!extracted.ok) return { ok: false, problem: `Not JSON: ${extracted.reason}.` };
  const result = schema.safeParse(extracted.value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problem: `The JSON does not match the schema:\n${describeZodError(result.error)}` };
}

function firstLine(text: string): string {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  return lines.slice(0, 3).join(" ").slice(0, 300);
}
