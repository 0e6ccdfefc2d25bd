// The one error the emitter framework throws. Emitters get it for mistakes in
// their own use of the framework (a symbol of the wrong language, a path
// emitted twice, printing into a finished file), never for spec content a
// validated spec can hold.

export type EmitErrorCode =
  | "duplicate-path"
  | "duplicate-emitter"
  | "file-finished"
  | "wrong-language"
  | "no-comment-syntax"
  | "no-imports"
  | "invalid-symbol"
  | "unpaired-surrogate"
  | "invalid-name"
  | "missing-protocol"
  | "unknown-language"
  | "undeclared-type";

export class EmitError extends Error {
  override readonly name = "EmitError";
  readonly code: EmitErrorCode;
  /** The generated file concerned, when there is one. */
  readonly path?: string;

  constructor(code: EmitErrorCode, message: string, path?: string) {
    super(path === undefined ? message : `${path}: ${message}`);
    this.code = code;
    if (path !== undefined) this.path = path;
  }
}
