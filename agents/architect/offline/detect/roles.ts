// Which nouns name the two roles. Table order is preference: a description
// naming both "sensor" and "device" gets `sensor`; both "collector" and
// "server" gets `collector`.
import type { RequirementDraft } from "./requirements.js";
import { hasAny } from "../text/tokens.js";
import { DEFAULT_ROLES, INITIATOR_NOUNS, RESPONDER_NOUNS, type RoleNoun } from "../vocabulary/roles.js";

export interface RoleFacts {
  readonly initiator: { readonly name: string; readonly doc: string; readonly cues: readonly string[] };
  readonly responder: { readonly name: string; readonly doc: string; readonly cues: readonly string[] };
  /** True when either name was not in the description. */
  readonly assumed: boolean;
}

function pick(table: readonly RoleNoun[], reqs: readonly RequirementDraft[]): RoleNoun | undefined {
  return table.find((entry) => reqs.some((r) => hasAny(r.tokens, entry.cues)));
}

export function detectRoles(reqs: readonly RequirementDraft[]): RoleFacts {
  const initiator = pick(INITIATOR_NOUNS, reqs);
  const responder = pick(RESPONDER_NOUNS, reqs);
  const i = initiator ?? { ...DEFAULT_ROLES.initiator, cues: ["client"] };
  let r = responder ?? { ...DEFAULT_ROLES.responder, cues: ["server"] };
  if (r.name === i.name) r = { ...DEFAULT_ROLES.responder, cues: ["server"] };
  return {
    initiator: { name: i.name, doc: i.doc, cues: i.cues },
    responder: { name: r.name, doc: r.doc, cues: r.cues },
    assumed: initiator === undefined || responder === undefined,
  };
}
