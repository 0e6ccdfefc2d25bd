// The target languages' descriptors, in one table typed over `TargetLanguage`
// (src/emit/target.ts): adding a name there without a complete descriptor
// here fails to compile. This module sits above src/, sandboxes/ and agents/
// (it imports a piece from each) and is imported by the command line, the
// composition root; the layers below keep their own per-language tables,
// each also typed over `TargetLanguage` (docs/architecture.md, "Target languages").
import { LANGUAGE_POLICIES } from "../agents/coder/file-policy.js";
import { TEST_AUDIT_PATTERNS } from "../agents/reviewer/test-audit.js";
import { DEMO_COMMANDS } from "../sandboxes/interop/demo-commands.js";
import { cppProfile } from "../sandboxes/profiles/cpp.js";
import { javaProfile } from "../sandboxes/profiles/java.js";
import { javascriptProfile } from "../sandboxes/profiles/javascript.js";
import { pythonProfile } from "../sandboxes/profiles/python.js";
import { cppEmitter } from "../src/emit/cpp/index.js";
import { javaEmitter } from "../src/emit/java/index.js";
import { javascriptEmitter } from "../src/emit/javascript/index.js";
import { pythonEmitter } from "../src/emit/python/index.js";
import { MUTATION_SYNTAX } from "../src/verify/behaviour-proof/mutants.js";
import { isPlannedLanguage, isTargetLanguage, PLANNED_LANGUAGES, TARGET_LANGUAGES, type TargetLanguage } from "../src/emit/target.js";
import type { TargetDescriptor, TargetTable } from "./descriptor.js";

export type { TargetDescriptor, TargetTable } from "./descriptor.js";

export const TARGETS: TargetTable = {
  python: {
    language: "python",
    emitter: pythonEmitter,
    profile: pythonProfile,
    install: "apt-get install python3 python3-venv",
    demo: DEMO_COMMANDS.python,
    filePolicy: LANGUAGE_POLICIES.python,
    testAudit: TEST_AUDIT_PATTERNS.python,
    mutation: MUTATION_SYNTAX.python,
    contract: "docs/targets/python-contract.md",
  },
  javascript: {
    language: "javascript",
    emitter: javascriptEmitter,
    profile: javascriptProfile,
    install: "Node.js 20+ with npm (apt-get install nodejs npm on Debian 13 or later)",
    demo: DEMO_COMMANDS.javascript,
    filePolicy: LANGUAGE_POLICIES.javascript,
    testAudit: TEST_AUDIT_PATTERNS.javascript,
    mutation: MUTATION_SYNTAX.javascript,
    contract: "docs/targets/javascript-contract.md",
  },
  java: {
    language: "java",
    emitter: javaEmitter,
    profile: javaProfile,
    install: "a JDK 17 and Maven (apt-get install openjdk-17-jdk-headless maven)",
    demo: DEMO_COMMANDS.java,
    filePolicy: LANGUAGE_POLICIES.java,
    testAudit: TEST_AUDIT_PATTERNS.java,
    mutation: MUTATION_SYNTAX.java,
    contract: "docs/targets/java-contract.md",
  },
  cpp: {
    language: "cpp",
    emitter: cppEmitter,
    profile: cppProfile,
    install: "CMake, Ninja, g++ and the libraries (apt-get install cmake ninja-build g++ libgtest-dev nlohmann-json3-dev libasio-dev libcpp-httplib-dev pkg-config; clang and libclang-rt-14-dev for the fuzz target)",
    demo: DEMO_COMMANDS.cpp,
    filePolicy: LANGUAGE_POLICIES.cpp,
    testAudit: TEST_AUDIT_PATTERNS.cpp,
    mutation: MUTATION_SYNTAX.cpp,
    contract: "docs/targets/cpp-contract.md",
  },
};

/** The descriptors in `TARGET_LANGUAGES` order. */
export function targetDescriptors(): TargetDescriptor[] {
  return TARGET_LANGUAGES.map((language) => TARGETS[language]);
}

export type TargetErrorCode = "unsupported-language" | "unknown-language";

export class TargetError extends Error {
  override readonly name = "TargetError";
  constructor(
    readonly code: TargetErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * `name` as a target language, or a TargetError naming the supported ones:
 * `unsupported-language` for a planned language (`--lang java: not supported
 * yet; supported: python, javascript`), `unknown-language` for any other name.
 * `source` says where the name came from (`--lang`, a request file's field).
 */
export function targetLanguage(name: string, source: string): TargetLanguage {
  if (isTargetLanguage(name)) return name;
  const supported = TARGET_LANGUAGES.join(", ");
  if (isPlannedLanguage(name)) throw new TargetError("unsupported-language", `${source} ${name}: not supported yet; supported: ${supported}`);
  const planned = PLANNED_LANGUAGES.length === 0 ? "" : ` (planned: ${PLANNED_LANGUAGES.join(", ")})`;
  throw new TargetError("unknown-language", `${source} ${name}: unknown language; supported: ${supported}${planned}`);
}
