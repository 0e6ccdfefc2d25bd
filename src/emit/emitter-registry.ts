// The emitters protoforge ships, in one registry.
import { cppEmitter } from "./cpp/index.js";
import { javaEmitter } from "./java/index.js";
import { javascriptEmitter } from "./javascript/index.js";
import { EmitterRegistry, type LanguageEmitter } from "./language.js";
import { pythonEmitter } from "./python/index.js";
import { TARGET_LANGUAGES, type TargetLanguage } from "./target.js";

/** One per target language (targets/index.ts collects it into the language's descriptor). */
const EMITTERS: { readonly [L in TargetLanguage]: LanguageEmitter } = { python: pythonEmitter, javascript: javascriptEmitter, java: javaEmitter, cpp: cppEmitter };

export function createEmitterRegistry(): EmitterRegistry {
  return new EmitterRegistry(TARGET_LANGUAGES.map((language) => EMITTERS[language]));
}
