// Reading a file that sandboxed code could have written, as the (often root)
// runner: the file must really lie inside its folder. A test that replaced a
// result file, or a folder above it, with a symlink to /root/.ssh/id_rsa
// must not get that key read, hashed into a report or sent to a model.
import { constants } from "node:fs";
import { open, realpath } from "node:fs/promises";
import { join, sep } from "node:path";

/** The file `path` (relative) under `dir`; throws an ENOENT-coded error when it is missing or resolves outside `dir`. */
export async function readFileInside(dir: string, path: string): Promise<Buffer> {
  const root = await realpath(dir);
  const full = join(root, path);
  const real = await realpath(full);
  if (!real.startsWith(`${root}${sep}`)) throw outside(full);
  // O_NOFOLLOW: the last component cannot be swapped for a symlink between the check and the open.
  const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

function outside(path: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${path} leads outside its folder; not read`);
  error.code = "ENOENT";
  return error;
}
