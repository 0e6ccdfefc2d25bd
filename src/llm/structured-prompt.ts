// The words around a structured question: the answer-format section added to
// the system prompt (the zod schema as JSON Schema) and the correction sent
// after an answer that did not validate.
import { z } from "zod";

const MAX_ISSUES_SHOWN = 20;

/** The JSON Schema of what the model must write (the schema's input side), without `$schema`. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const { $schema: _ignored, ...rest } = json;
  return rest;
}

export function answerFormatSection(schema: z.ZodType): string {
  return [
    "## Answer format",
    "",
    "Answer with exactly one JSON object that conforms to this JSON Schema. Write nothing before or after it: no explanation, no Markdown fences, no comments inside the JSON.",
    "",
    "```json",
    JSON.stringify(jsonSchemaOf(schema), null, 2),
    "```",
  ].join("\n");
}

/** The validation problems of an answer, as shown to the model (and kept in StructuredOutputError.lastError). */
export function describeZodError(error: z.ZodError): string {
  const shown = new z.ZodError(error.issues.slice(0, MAX_ISSUES_SHOWN));
  const more = error.issues.length - MAX_ISSUES_SHOWN;
  return z.prettifyError(shown) + (more > 0 ? `\n(and ${more} more problems)` : "");
}

export function correctionMessage(problem: string, truncated: boolean): string {
  return [
    "Your previous answer could not be used:",
    "",
    problem,
    ...(truncated ? ["", "The answer was cut off at the output limit: keep it shorter."] : []),
    "",
    "Answer again with the complete corrected JSON object, conforming to the schema in the answer format section. Write only the JSON object.",
  ].join("\n");
}
