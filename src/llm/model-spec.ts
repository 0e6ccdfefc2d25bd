// The `--model` value: `offline`, or `openai:MODEL` where MODEL is whatever
// the endpoint calls its model (`gpt-4o-mini`, `llama3.1:8b`, a path for
// llama.cpp). Only the first colon separates the provider.
import { ModelConfigError } from "./errors.js";

export type ModelSpec = { readonly provider: "offline" } | { readonly provider: "openai"; readonly model: string };

export const MODEL_SPEC_HELP = "`offline` or `openai:MODEL` (e.g. openai:gpt-4o-mini, or openai:llama3.1:8b with --base-url)";

export function parseModelSpec(value: string, source: string): ModelSpec {
  const text = value.trim();
  if (text === "offline") return { provider: "offline" };
  const colon = text.indexOf(":");
  const provider = colon < 0 ? text : text.slice(0, colon);
  const model = colon < 0 ? "" : text.slice(colon + 1).trim();
  if (provider === "openai" && model !== "") return { provider: "openai", model };
  const why =
    provider === "openai"
      ? "the model name after `openai:` is missing"
      : colon < 0
        ? `\`${text}\` names no provider`
        : `unknown provider \`${provider}\``;
  throw new ModelConfigError("bad-model-spec", `bad model \`${value}\` (from ${source}): ${why}; expected ${MODEL_SPEC_HELP}`, { source });
}

export function formatModelSpec(spec: ModelSpec): string {
  return spec.provider === "offline" ? "offline" : `openai:${spec.model}`;
}
