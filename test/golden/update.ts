// Rewrites the golden output of every example, every transport: `npm run golden:update`.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { EXAMPLES, GOLDEN_ROOT, goldenLayout } from "./golden-outputs.js";

for (const example of EXAMPLES) {
  const root = join(GOLDEN_ROOT, example);
  await rm(root, { recursive: true, force: true });
  for (const [transport, files] of await goldenLayout(example)) {
    for (const file of files) {
      const target = join(root, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.bytes);
    }
    process.stdout.write(`${root} ${transport}: ${files.length} files\n`);
  }
}
