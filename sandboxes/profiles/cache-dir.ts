// Where dependency caches live. They are mounted read-only into the sandbox,
// whose user (uid 65534 when we run as root) must be able to read them, so
// not under /root: /var/cache/protoforge as root, ~/.cache/protoforge
// otherwise, or PROTOFORGE_CACHE.
import { mkdir } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const override = env["PROTOFORGE_CACHE"];
  if (override) return override;
  return process.getuid?.() === 0 ? "/var/cache/protoforge" : join(homedir(), ".cache", "protoforge");
}

export async function languageCacheDir(language: string): Promise<string> {
  const dir = join(cacheRoot(), language);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  return dir;
}
