// Errors of the profiles' one networked step, fetching dependencies.

export class DependencyFetchError extends Error {
  override readonly name = "DependencyFetchError";
  readonly code = "dependency-fetch-failed";
  constructor(readonly language: string, readonly requirements: readonly string[], detail: string) {
    super(`could not fetch ${language} dependencies (${requirements.join(", ")}): ${detail}`);
  }
}
