// Security facts: the authentication scheme (named, or chosen from the
// roles when only "authenticated" is said), rate limiting, authorisation,
// encryption and input validation.
import type { AuthMode } from "../../../../src/spec/model.js";
import type { RequirementDraft } from "./requirements.js";
import { hasAny } from "../text/tokens.js";
import { AUTH_CUES, AUTH_MODE_CUES, AUTHORISATION_CUES, INTEGRITY_CUES, RATE_LIMIT_CUES, TLS_CUES, VALIDATION_CUES } from "../vocabulary/security.js";

export interface SecurityFacts {
  readonly mode: AuthMode;
  /** How the mode was chosen: named in the text, implied by "authenticated", or none asked for. */
  readonly modeSource: "named" | "implied" | "none";
  readonly authReqs: string[];
  readonly rateLimitReqs: string[];
  readonly authorisationReqs: string[];
  readonly tlsReqs: string[];
  readonly validationReqs: string[];
  readonly integrityReqs: string[];
}

const ids = (reqs: readonly RequirementDraft[], cues: readonly string[]) => reqs.filter((r) => hasAny(r.tokens, cues)).map((r) => r.id);

/** `deviceLike`: the initiator is a machine (sensor, device), which gets an
 *  API key rather than a password when the scheme is not named. */
export function detectSecurity(reqs: readonly RequirementDraft[], deviceLike: boolean): SecurityFacts {
  let mode: AuthMode = "none";
  let modeSource: SecurityFacts["modeSource"] = "none";
  const authReqs: string[] = [];
  for (const { mode: m, cues } of AUTH_MODE_CUES) {
    const hits = ids(reqs, cues);
    if (hits.length > 0 && modeSource === "none") {
      mode = m;
      modeSource = "named";
    }
    authReqs.push(...hits);
  }
  const generic = ids(reqs, AUTH_CUES);
  authReqs.push(...generic);
  if (modeSource === "none" && generic.length > 0) {
    mode = deviceLike ? "api_key" : "token";
    modeSource = "implied";
  }
  // A password is what users type; a bare "username" with "authentication" means a login.
  return {
    mode,
    modeSource,
    authReqs: [...new Set(authReqs)],
    rateLimitReqs: ids(reqs, RATE_LIMIT_CUES.slice(0, 4)),
    authorisationReqs: ids(reqs, AUTHORISATION_CUES),
    tlsReqs: ids(reqs, TLS_CUES),
    validationReqs: ids(reqs, VALIDATION_CUES),
    integrityReqs: ids(reqs, INTEGRITY_CUES),
  };
}
