// The request file of `protoforge design --request FILE`: the fields a user
// of the seed document fills in. Every field is optional but the
// description; unknown fields are an error that names them.
import { parse } from "yaml";
import { z } from "zod";
import { KNOWN_LANGUAGES } from "../../src/emit/target.js";
import { DesignError } from "./offline/errors.js";

export const TRANSPORTS = ["tcp", "udp", "http"] as const;
export type Transport = (typeof TRANSPORTS)[number];
/** A request may name a planned language too (src/emit/target.ts); `generate` refuses it until it is a target language. */
export const LANGUAGES = KNOWN_LANGUAGES;

const language = z.preprocess((v) => (typeof v === "string" ? v.toLowerCase().replace(/^c\+\+$/, "cpp").replace(/^js$|^typescript$/, "javascript") : v), z.enum(LANGUAGES));

export const designRequestSchema = z
  .object({
    description: z.string(),
    network_protocol: z.preprocess((v) => (typeof v === "string" ? v.toLowerCase() : v), z.enum(TRANSPORTS)).optional(),
    programming_language: language.optional(),
    programming_languages: z.array(language).optional(),
    performance_requirements: z
      .object({
        max_latency_ms: z.number().positive().optional(),
        max_concurrent_users: z.number().int().positive().optional(),
        /** A number per second, or a phrase such as "1000 messages/second". */
        message_throughput: z.union([z.number().positive(), z.string().min(1)]).optional(),
      })
      .strict()
      .optional(),
    security_requirements: z.array(z.string().min(1)).optional(),
    additional_features: z.array(z.string().min(1)).optional(),
    output_directory: z.string().min(1).optional(),
  })
  .strict();

export type DesignRequest = z.output<typeof designRequestSchema>;

/** Validates a parsed request object; throws DesignError `request-invalid`
 *  naming unknown fields and bad values. */
export function validateDesignRequest(value: unknown, file = "request"): DesignRequest {
  const parsed = designRequestSchema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const details: string[] = [];
  for (const issue of parsed.error.issues) {
    const at = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) details.push(`unknown field \`${at === "" ? key : `${at}.${key}`}\``);
    } else details.push(`${at === "" ? "(root)" : at}: ${issue.message}`);
  }
  const unknown = details.filter((d) => d.startsWith("unknown field"));
  const known = "description, network_protocol, programming_language(s), performance_requirements {max_latency_ms, max_concurrent_users, message_throughput}, security_requirements, additional_features, output_directory";
  const head = unknown.length > 0 ? `${file}: ${unknown.join(", ")}; the request fields are ${known}` : `${file}: invalid request`;
  throw new DesignError("request-invalid", `${head}\n${details.map((d) => `  - ${d}`).join("\n")}`, details);
}

/** Parses the YAML (or JSON) text of a request file. */
export function parseDesignRequest(text: string, file = "request"): DesignRequest {
  let value: unknown;
  try {
    value = parse(text);
  } catch (e) {
    throw new DesignError("request-invalid", `${file}: not valid YAML: ${(e as Error).message.split("\n")[0] ?? ""}`, ["syntax"]);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new DesignError("request-invalid", `${file}: a request is a mapping with at least \`description\``, ["(root)"]);
  }
  return validateDesignRequest(value, file);
}
