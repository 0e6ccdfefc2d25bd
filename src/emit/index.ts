// The emitter framework: what a language emitter in src/emit/<language>/ builds on.
// docs/emitters.md explains how to write one.

export { EmitError, type EmitErrorCode } from "./emit-error.js";
export { createFileSet, type FileSet } from "./file-set.js";
export { FILE_SYNTAX, type CommentSyntax, type FileLanguage, type FileSyntax } from "./file-syntax.js";
export { sortFiles, type FileOwnership, type GeneratedFile } from "./generated-file.js";
export { headerText, REGENERATE_COMMAND, type HeaderKind, type ProtocolRef } from "./header.js";
export { importResolvers, type ImportContext, type ImportResolver, type ResolvedImports } from "./imports/index.js";
export {
  defineEmitter,
  EmitterRegistry,
  TARGET_LANGUAGES,
  TRANSPORTS,
  type EmitOptions,
  type LanguageEmitter,
  type LanguageTypeMap,
  type TargetLanguage,
  type Transport,
} from "./language.js";
export { isPlannedLanguage, isTargetLanguage, KNOWN_LANGUAGES, PLANNED_LANGUAGES, type KnownLanguage, type PlannedLanguage } from "./target.js";
export { docComment, docLines, doxygen, javadoc, jsDoc, pythonDocstring } from "./literals/doc-comment.js";
export { cppString, javaString, javascriptString, pythonString, stringLiteral } from "./literals/string-literal.js";
export { escapeIdentifier, type NameSet } from "./naming/escape.js";
export { createNameScope, type NameScope } from "./naming/name-scope.js";
export { names, type LanguageNames, type NameRole } from "./naming/names.js";
export { camelCase, flatCase, kConstantCase, kebabCase, pascalCase, snakeCase, typeCase, upperSnakeCase, words } from "./naming/words.js";
export { createFile, rawFile, type FileBuilder, type FileOptions } from "./printer.js";
export { isImportSymbol, symbols, type ImportStyle, type ImportSymbol, type Printable, type SymbolKind } from "./symbols.js";
