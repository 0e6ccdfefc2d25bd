// Whether a path exists (and is reachable by this process): one access() call.
import { access } from "node:fs/promises";

export async function pathExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
