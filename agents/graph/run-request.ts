// What a run was asked to do: the input (a description, a request file or a
// ready spec), the target languages and the transport. Stored in the state
// and in DIR/.protoforge/run.json, so it is plain data with a zod schema.
import { z } from "zod";
import { designRequestSchema, type DesignRequest } from "../architect/request.js";
import { TARGET_LANGUAGES, TRANSPORTS, type TargetLanguage, type Transport } from "../../src/emit/target.js";

export const runInputSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("description"), description: z.string().min(1) }),
  z.object({ kind: z.literal("request"), file: z.string().min(1), request: designRequestSchema }),
  z.object({ kind: z.literal("spec"), file: z.string().min(1), specText: z.string().min(1) }),
]);

export const runRequestSchema = z.object({
  input: runInputSchema,
  languages: z.array(z.enum(TARGET_LANGUAGES as [TargetLanguage, ...TargetLanguage[]])).min(1),
  transport: z.enum(TRANSPORTS as [Transport, ...Transport[]]),
});

export type RunInput = z.output<typeof runInputSchema>;
export type RunRequest = z.output<typeof runRequestSchema>;

/** The design request the architect works from (a bare description becomes one). */
export function designRequestOf(input: RunInput): DesignRequest | undefined {
  switch (input.kind) {
    case "description":
      return { description: input.description };
    case "request":
      return input.request;
    case "spec":
      return undefined;
  }
}

/** One line for logs and the first progress event. */
export function describeInput(input: RunInput): string {
  switch (input.kind) {
    case "description":
      return `description "${input.description.length > 60 ? `${input.description.slice(0, 59)}…` : input.description}"`;
    case "request":
      return `request file ${input.file}`;
    case "spec":
      return `spec file ${input.file}`;
  }
}
