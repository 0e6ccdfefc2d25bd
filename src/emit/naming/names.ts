// Naming conventions per target language: spec names in, identifiers out,
// already escaped (docs/emitters.md has the tables).
//
//   names.python.field("class")            → "class_"
//   names.java.package("sensor-telemetry") → "sensortelemetry"
//   names.cpp.enumMember("low_battery")    → "kLowBattery"

import { EmitError } from "../emit-error.js";
import type { KnownLanguage } from "../target.js";
import { escapeIdentifier, type NameSet } from "./escape.js";
import { CPP_NAMESPACE_RESERVED, CPP_RESERVED } from "./reserved-cpp.js";
import { JAVA_PACKAGE_RESERVED, JAVA_RESERVED } from "./reserved-java.js";
import { JS_PACKAGE_RESERVED, JS_RESERVED } from "./reserved-javascript.js";
import { PYTHON_PACKAGE_RESERVED, PYTHON_RESERVED } from "./reserved-python.js";
import { camelCase, flatCase, kConstantCase, kebabCase, snakeCase, typeCase, upperSnakeCase, words } from "./words.js";

export type NameRole = "type" | "field" | "method" | "enumMember" | "constant" | "module";

export interface LanguageNames {
  readonly language: KnownLanguage;
  /** Everything an identifier of this language must not be. */
  readonly reserved: ReadonlySet<string>;
  /** Classes, records, structs, enums, interfaces. */
  type(name: string, taken?: NameSet): string;
  /** Fields, properties, parameters and locals. */
  field(name: string, taken?: NameSet): string;
  method(name: string, taken?: NameSet): string;
  enumMember(name: string, taken?: NameSet): string;
  constant(name: string, taken?: NameSet): string;
  /** The module or file base name (no extension): Python module, JavaScript
   *  file, Java class, C++ header. */
  module(name: string, taken?: NameSet): string;
  /** Protocol name → Python import package, npm package, Java package, C++ namespace. */
  package(protocolName: string): string;
  /** Escapes an identifier that is already in this language's case style. */
  escape(identifier: string, taken?: NameSet): string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Rule {
  readonly convert: (name: string) => string;
  /** Absent: only `taken` is avoided (file names that are never identifiers). */
  readonly reserved?: ReadonlySet<string>;
  /** What the result must look like; identifiers unless stated. */
  readonly shape?: RegExp;
}

interface Conventions {
  readonly language: KnownLanguage;
  readonly reserved: ReadonlySet<string>;
  readonly roles: { readonly [R in NameRole]: Rule };
  readonly package: Rule;
}

function apply(language: KnownLanguage, rule: Rule, name: string, taken: NameSet | undefined): string {
  if (words(name).length === 0) throw new EmitError("invalid-name", `${language}: \`${name}\` has no letters or digits to name anything by`);
  const converted = rule.convert(name);
  const shape = rule.shape ?? IDENTIFIER;
  if (!shape.test(converted)) {
    throw new EmitError("invalid-name", `${language}: \`${name}\` gives \`${converted}\`, which is not a valid name here`);
  }
  return escapeIdentifier(converted, rule.reserved ?? new Set(), taken);
}

function languageNames(c: Conventions): LanguageNames {
  const role = (r: NameRole) => (name: string, taken?: NameSet) => apply(c.language, c.roles[r], name, taken);
  return Object.freeze({
    language: c.language,
    reserved: c.reserved,
    type: role("type"),
    field: role("field"),
    method: role("method"),
    enumMember: role("enumMember"),
    constant: role("constant"),
    module: role("module"),
    package: (protocolName: string) => apply(c.language, c.package, protocolName, undefined),
    escape: (identifier: string, taken?: NameSet) => {
      if (!IDENTIFIER.test(identifier)) throw new EmitError("invalid-name", `${c.language}: \`${identifier}\` is not an identifier`);
      return escapeIdentifier(identifier, c.reserved, taken);
    },
  });
}

const python = languageNames({
  language: "python",
  reserved: PYTHON_RESERVED,
  roles: {
    type: { convert: typeCase, reserved: PYTHON_RESERVED },
    field: { convert: snakeCase, reserved: PYTHON_RESERVED },
    method: { convert: snakeCase, reserved: PYTHON_RESERVED },
    enumMember: { convert: upperSnakeCase, reserved: PYTHON_RESERVED },
    constant: { convert: upperSnakeCase, reserved: PYTHON_RESERVED },
    module: { convert: snakeCase, reserved: PYTHON_RESERVED },
  },
  package: { convert: snakeCase, reserved: PYTHON_PACKAGE_RESERVED },
});

const javascript = languageNames({
  language: "javascript",
  reserved: JS_RESERVED,
  roles: {
    type: { convert: typeCase, reserved: JS_RESERVED },
    field: { convert: camelCase, reserved: JS_RESERVED },
    method: { convert: camelCase, reserved: JS_RESERVED },
    enumMember: { convert: upperSnakeCase, reserved: JS_RESERVED },
    constant: { convert: upperSnakeCase, reserved: JS_RESERVED },
    module: { convert: kebabCase, shape: /^[a-z0-9]+(?:-[a-z0-9]+)*$/ },
  },
  // npm names: lower-case, URL-safe; the protocol name already is, so it is kept.
  package: { convert: (n) => n.toLowerCase(), reserved: JS_PACKAGE_RESERVED, shape: /^[a-z][a-z0-9_-]*$/ },
});

const java = languageNames({
  language: "java",
  reserved: JAVA_RESERVED,
  roles: {
    type: { convert: typeCase, reserved: JAVA_RESERVED },
    field: { convert: camelCase, reserved: JAVA_RESERVED },
    method: { convert: camelCase, reserved: JAVA_RESERVED },
    enumMember: { convert: upperSnakeCase, reserved: JAVA_RESERVED },
    constant: { convert: upperSnakeCase, reserved: JAVA_RESERVED },
    module: { convert: typeCase, reserved: JAVA_RESERVED },
  },
  package: { convert: flatCase, reserved: JAVA_PACKAGE_RESERVED },
});

const cpp = languageNames({
  language: "cpp",
  reserved: CPP_RESERVED,
  roles: {
    type: { convert: typeCase, reserved: CPP_RESERVED },
    field: { convert: snakeCase, reserved: CPP_RESERVED },
    method: { convert: snakeCase, reserved: CPP_RESERVED },
    enumMember: { convert: kConstantCase, reserved: CPP_RESERVED },
    constant: { convert: kConstantCase, reserved: CPP_RESERVED },
    module: { convert: snakeCase },
  },
  package: { convert: snakeCase, reserved: CPP_NAMESPACE_RESERVED },
});

export const names: { readonly [L in KnownLanguage]: LanguageNames } = Object.freeze({ python, javascript, java, cpp });
