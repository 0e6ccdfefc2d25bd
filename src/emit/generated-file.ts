// A file produced by a pure generator. Runners write these to disk; tests and
// golden checks compare them in memory.
export interface GeneratedFile {
  /** Relative path with forward slashes, e.g. `python/src/chat/codec.py`. */
  readonly path: string;
  readonly content: string | Uint8Array;
  /** `user` for files generated once and then owned by the user (handlers):
   *  a runner must not overwrite them once they exist. Absent means `generated`:
   *  protoforge owns the file and rewrites it on every run. */
  readonly ownership?: FileOwnership;
}

export type FileOwnership = "generated" | "user";

/** Sorts by path, ordinal, so every listing of generated files is stable. */
export function sortFiles(files: readonly GeneratedFile[]): GeneratedFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
