// How sentences become requirements: category cues (each hit scores one
// point for its category) and priority cues (modal verbs).
import type { RequirementCategory } from "../../../../src/spec/model.js";

export const CATEGORY_CUES: { readonly [K in Exclude<RequirementCategory, "functional">]: readonly string[] } = {
  security: [
    "authenticat*",
    "authoriz*",
    "authoris*",
    "encrypt*",
    "secure",
    "security",
    "password",
    "token",
    "api key",
    "rate limit*",
    "throttl*",
    "input validation",
    "validate input",
    "permission*",
    "tls",
    "ssl",
    "credential*",
    "signature",
    "signed",
    "tamper*",
    "login",
    "log in",
    "sign in",
  ],
  performance: [
    "latency",
    "throughput",
    "concurrent",
    "per second",
    "a second",
    "messages second",
    "within",
    "efficient*",
    "scal*",
    "fast",
    "low latency",
    "real time",
    "bandwidth",
    "hz",
  ],
  reliability: [
    "acknowledg*",
    "retr*",
    "reconnect*",
    "disconnect*",
    "resum*",
    "failure*",
    "checksum",
    "integrity",
    "heartbeat*",
    "timeout*",
    "time out",
    "durab*",
    "guarantee*",
    "lost",
    "loss",
    "reliab*",
    "persist*",
    "recover*",
    "redundan*",
    "expire*",
    "lease",
  ],
  usability: ["readable", "easy", "simple", "debug*", "friendly", "intuitive", "indicator*", "human", "discoverab*"],
};

/** Checked in order; the first that occurs wins. */
export const PRIORITY_CUES: readonly { readonly priority: "must" | "should" | "could"; readonly cues: readonly string[] }[] = [
  { priority: "could", cues: ["optional*", "nice to have", "may", "could", "if possible", "eventually", "later"] },
  { priority: "should", cues: ["should", "ideally", "preferably", "recommended", "prefer"] },
  { priority: "must", cues: ["must", "shall", "required", "require*", "need*", "has to", "have to", "essential", "always", "never"] },
];

/** Sentences that only introduce a list ("The protocol should support:") carry no requirement. */
export const INTRO_ONLY = /^(?:the\s+)?(?:protocol|system|service|it)\s+(?:should|must|shall|needs?\s+to|will)\s+(?:support|include|provide|offer|have)(?:\s+the\s+following)?\s*:?$/i;
