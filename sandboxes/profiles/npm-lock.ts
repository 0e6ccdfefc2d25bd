// What a package-lock.json asks for (pure): its packages, and the stamp that
// records a cache already holding them.
import { createHash } from "node:crypto";

export class LockfileError extends Error {
  override readonly name = "LockfileError";
  readonly code = "invalid-lockfile";
}

/** `typescript@5.9.3`, … for every installed package of a lockfileVersion 2/3 lock, sorted. */
export function lockedPackages(lockText: string): string[] {
  let lock: unknown;
  try {
    lock = JSON.parse(lockText);
  } catch (e) {
    throw new LockfileError(`package-lock.json is not JSON: ${(e as Error).message}`);
  }
  const packages = (lock as { packages?: unknown }).packages;
  if (typeof packages !== "object" || packages === null) throw new LockfileError("package-lock.json has no `packages` (lockfileVersion 2 or 3 is required)");
  const out = new Set<string>();
  for (const [path, entry] of Object.entries(packages as Record<string, unknown>)) {
    if (path === "" || typeof entry !== "object" || entry === null) continue;
    const e = entry as { version?: unknown; link?: unknown; name?: unknown };
    if (e.link === true || typeof e.version !== "string") continue;
    const name = typeof e.name === "string" ? e.name : path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
    out.add(`${name}@${e.version}`);
  }
  return [...out].sort();
}

/** The stamp file name of a lock: once it is in the cache, later runs need no network. */
export function lockStamp(lockText: string): string {
  return `.fetched-${createHash("sha256").update(lockText).digest("hex").slice(0, 16)}`;
}
