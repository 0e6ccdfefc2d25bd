// The target languages, the options every emitter takes, and the contract an
// emitter implements. Emitters live in src/emit/<language>/ and register in an
// `EmitterRegistry` that the runner builds; nothing here is global.

import type { FieldKindTable, Spec } from "../spec/model.js";
import { EmitError } from "./emit-error.js";
import type { GeneratedFile } from "./generated-file.js";
import type { Printable } from "./symbols.js";
import { TARGET_LANGUAGES, type TargetLanguage, type Transport } from "./target.js";

export { TARGET_LANGUAGES, TRANSPORTS, type TargetLanguage, type Transport } from "./target.js";

export interface EmitOptions {
  readonly transport: Transport;
}

/** One target language. `generate` is pure and synchronous: same spec and
 *  options, same files, byte for byte (STYLE 1, 6). */
export interface LanguageEmitter {
  readonly language: TargetLanguage;
  generate(spec: Spec, options: EmitOptions): GeneratedFile[];
}

/** What each language's type-mapping module must satisfy: one entry per field
 *  kind, so a new kind in the spec model fails compilation until every
 *  language maps it. Entries return printable code, so a mapping may refer to
 *  an imported symbol (`datetime`, `java.time.Instant`, `<cstdint>`). */
export type LanguageTypeMap = FieldKindTable<Printable>;

/** Identity with a type check; reads better than a cast at the definition site. */
export function defineEmitter(emitter: LanguageEmitter): LanguageEmitter {
  return emitter;
}

/** The emitters a runner knows, one per language. */
export class EmitterRegistry {
  readonly #emitters = new Map<TargetLanguage, LanguageEmitter>();

  constructor(emitters: readonly LanguageEmitter[] = []) {
    for (const emitter of emitters) this.register(emitter);
  }

  register(emitter: LanguageEmitter): this {
    if (this.#emitters.has(emitter.language)) {
      throw new EmitError("duplicate-emitter", `an emitter for ${emitter.language} is already registered`);
    }
    this.#emitters.set(emitter.language, emitter);
    return this;
  }

  has(language: TargetLanguage): boolean {
    return this.#emitters.has(language);
  }

  get(language: TargetLanguage): LanguageEmitter {
    const emitter = this.#emitters.get(language);
    if (emitter === undefined) {
      const known = this.languages();
      throw new EmitError(
        "unknown-language",
        `no emitter for ${language}; registered: ${known.length === 0 ? "none" : known.join(", ")}`,
      );
    }
    return emitter;
  }

  /** Registered languages in `TARGET_LANGUAGES` order. */
  languages(): TargetLanguage[] {
    return TARGET_LANGUAGES.filter((l) => this.#emitters.has(l));
  }
}
