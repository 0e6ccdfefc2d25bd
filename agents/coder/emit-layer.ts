// The coder's deterministic half: compile the spec into every output file
// (generateProjectFiles, pure) and write them (writeProjectFiles: generated
// files rewritten, the user's behaviour files written only once, stale ones
// removed, every generated file recorded with its sha256 in files.json).
import type { EmitterRegistry, TargetLanguage, Transport } from "../../src/emit/language.js";
import { writeProjectFiles } from "../../src/run/output-folder.js";
import { generateProjectFiles } from "../../src/run/project-files.js";
import type { Spec } from "../../src/spec/model.js";
import { FILES_RECORD, fileSha256, readGeneratedRecord, sha256 } from "../shared/workspace.js";

export interface EmitLayerInput {
  readonly dir: string;
  readonly spec: Spec;
  readonly specYaml: string;
  readonly languages: readonly TargetLanguage[];
  readonly transport: Transport;
  readonly emitters: EmitterRegistry;
}

export interface EmittedLayer {
  /** Generated files whose content changed, files written for the first time, and files removed (run-folder paths). */
  readonly changed: readonly string[];
  /** Every path to stage for the commit: all written and removed files and files.json. */
  readonly paths: readonly string[];
  readonly generatedCount: number;
  /** The emitters' user-owned files (behaviour), kept when they already existed. */
  readonly userFiles: readonly string[];
  readonly keptUserFiles: readonly string[];
}

export async function emitLayer(input: EmitLayerInput): Promise<EmittedLayer> {
  const files = generateProjectFiles({ spec: input.spec, specText: input.specYaml, languages: input.languages, transport: input.transport }, input.emitters);
  // What is on disk now, to tell a rewrite that restores or changes a file from one that writes the same bytes.
  const onDisk = new Map<string, string | undefined>();
  for (const file of files) onDisk.set(file.path, await fileSha256(input.dir, file.path));
  const report = await writeProjectFiles(input.dir, files);
  const after = await readGeneratedRecord(input.dir);
  const userFiles = files.filter((f) => f.ownership === "user").map((f) => f.path);
  const written = new Set(report.written);
  const changed = new Set<string>(report.removed);
  for (const file of files) {
    if (written.has(file.path) && onDisk.get(file.path) !== sha256(file.content)) changed.add(file.path);
  }
  return {
    changed: [...changed].sort(),
    paths: [...new Set([...report.written, ...report.removed, FILES_RECORD])].sort(),
    generatedCount: Object.keys(after).length,
    userFiles: userFiles.sort(),
    keptUserFiles: report.kept,
  };
}
