// Security cues: which authentication scheme a description asks for, and
// the phrases that switch on rate limiting, authorisation and transport
// encryption.
import type { AuthMode } from "../../../../src/spec/model.js";

/** Checked in order; the first mode with a cue present wins. */
export const AUTH_MODE_CUES: readonly { readonly mode: Exclude<AuthMode, "none">; readonly cues: readonly string[] }[] = [
  { mode: "api_key", cues: ["api key", "apikey", "pre shared key", "preshared key", "shared secret", "psk", "device key", "access key", "device certificate"] },
  { mode: "token", cues: ["token", "jwt", "bearer", "oauth", "session key"] },
  { mode: "password", cues: ["password", "passphrase", "username", "user name", "login", "log in", "sign in", "credentials", "pin code"] },
];

/** Any of these asks for authentication without naming a scheme. */
export const AUTH_CUES = ["authenticat*", "auth", "identify themselves", "verified identity", "logged in", "access control", "secure access", "only authorized", "only authorised"] as const;

export const RATE_LIMIT_CUES = ["rate limit*", "throttl*", "flood*", "spam", "abuse", "at most", "no more than", "limited to"] as const;
export const AUTHORISATION_CUES = ["authoriz*", "authoris*", "permission*", "admin*", "moderator*", "owner only", "access control", "roles"] as const;
export const TLS_CUES = ["encrypt*", "tls", "ssl", "secure channel", "confidential*", "privacy"] as const;
export const VALIDATION_CUES = ["input validation", "validat*", "sanitiz*", "sanitis*", "malformed"] as const;
export const INTEGRITY_CUES = ["sign*", "hmac", "tamper*", "integrity"] as const;

/** Default rate limit when one is asked for without numbers. */
export const DEFAULT_RATE_LIMIT = { messagesPerSecond: 20, burst: 40 } as const;
