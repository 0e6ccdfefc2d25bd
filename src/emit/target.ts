// The target languages and transports, on their own so that every part of the
// framework can name them without importing the emitter contract. This is the
// only list of language names: a target language has a complete descriptor
// (targets/index.ts: emitter, toolchain profile, demo command, coder file
// policy, test audit, contract; docs/adding-a-language.md); a planned language
// has the emitter framework's naming, literals and imports ready, may be named
// in a request, and is refused by the command line until its descriptor exists.

const targetLanguages = ["python", "javascript", "java", "cpp"] as const;
const plannedLanguages = [] as const;

export type TargetLanguage = (typeof targetLanguages)[number];
export const TARGET_LANGUAGES: readonly TargetLanguage[] = targetLanguages;

export type PlannedLanguage = (typeof plannedLanguages)[number];
export const PLANNED_LANGUAGES: readonly PlannedLanguage[] = plannedLanguages;

/** Every language protoforge has a name for: the target languages, then the planned ones. */
export type KnownLanguage = TargetLanguage | PlannedLanguage;
export const KNOWN_LANGUAGES: readonly [KnownLanguage, ...KnownLanguage[]] = [...targetLanguages, ...plannedLanguages];

export const isTargetLanguage = (name: string): name is TargetLanguage => (TARGET_LANGUAGES as readonly string[]).includes(name);
export const isPlannedLanguage = (name: string): name is PlannedLanguage => (PLANNED_LANGUAGES as readonly string[]).includes(name);

export type Transport = "tcp" | "udp" | "http";
export const TRANSPORTS: readonly Transport[] = ["tcp", "udp", "http"];
