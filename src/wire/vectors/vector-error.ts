// Thrown when golden vectors cannot be generated for a spec: a pattern no
// sample satisfies, or a case that cannot fit in maxFrameBytes.

export type VectorErrorCode = "unsatisfiable_pattern" | "frame_budget" | "self_check";

export class VectorError extends Error {
  override readonly name = "VectorError";
  constructor(
    readonly code: VectorErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(path === undefined ? message : `${path}: ${message}`);
  }
}
