// Rewrites the golden output of every example: `npm run golden:update`.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { EXAMPLES, GOLDEN_ROOT, goldenFiles } from "./golden-outputs.js";

for (const example of EXAMPLES) {
  const root = join(GOLDEN_ROOT, example);
  await rm(root, { recursive: true, force: true });
  const files = await goldenFiles(example);
  for (const file of files) {
    const target = join(root, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
  process.stdout.write(`${root}: ${files.length} files\n`);
}
