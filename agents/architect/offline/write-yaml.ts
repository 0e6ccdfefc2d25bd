// Writing a spec as YAML in the house style of examples/: block style for
// sections, flow style for fields, enum values, transitions and errors, one
// per line. Deterministic: the same input gives the same bytes.
import { Document, isMap, isSeq, visit, type Node } from "yaml";
import type { SpecInput } from "../../../src/spec/schema.js";

const FLOW_LISTS = new Set(["fields", "values", "transitions", "errors"]);

export function writeSpecYaml(spec: SpecInput, header: readonly string[]): string {
  const doc = new Document(prune(spec));
  visit(doc, {
    Pair(_, pair) {
      const key = String((pair.key as { value?: unknown } | null)?.value ?? "");
      const value = pair.value as Node | null;
      if (FLOW_LISTS.has(key) && isSeq(value)) for (const item of value.items) if (isMap(item)) item.flow = true;
      if ((key === "initiator" || key === "responder") && isMap(value) && !value.items.some((p) => String((p.key as { value?: unknown }).value) === "states")) value.flow = true;
      if (["responses", "tracedTo", "retry", "authentication", "rateLimit"].includes(key) && (isSeq(value) || isMap(value))) value.flow = true;
    },
    Map(_, map) {
      // Terminal states with no transitions fit on one line.
      const names = map.items.map((p) => String((p.key as { value?: unknown }).value));
      if (names.includes("terminal") && names.includes("name") && !names.includes("transitions")) map.flow = true;
    },
  });
  const body = doc.toString({ lineWidth: 0, flowCollectionPadding: true });
  return `${header.map((l) => `# ${l}`.trimEnd()).join("\n")}\n${body}`;
}

/** Drops empty lists and false defaults that only add noise, keeping key order. */
function prune(spec: SpecInput): unknown {
  const clean = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => clean(v, ""));
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      if ((k === "optional" || k === "reliable" || k === "terminal") && v === false) continue;
      if ((k === "responses" || k === "fields") && Array.isArray(v) && v.length === 0 && key !== "struct") continue;
      if ((k === "transitions" || k === "types") && Array.isArray(v) && v.length === 0) continue;
      if (k === "performance" && typeof v === "object" && v !== null && Object.keys(v).length === 0) continue;
      if (k === "inputValidation" && v === true) {
        out[k] = v;
        continue;
      }
      out[k] = clean(v, k);
    }
    return out;
  };
  return clean(spec, "");
}
