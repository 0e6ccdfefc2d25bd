// `protoforge vectors SPEC --out DIR`: golden wire vectors for every message.
import type { Command } from "commander";
import { OutputDirError, writeGeneratedFiles } from "../../run/write-files.js";
import { loadSpecFile } from "../../spec/load.js";
import { SpecLoadError } from "../../spec/problems.js";
import { generateVectors, VectorError } from "../../wire/index.js";
import { EXIT } from "../io.js";
import type { CommandRegistrar } from "./index.js";

/** The vectors' own manifest marks a directory protoforge may rewrite. */
const MARKER = "manifest.json";

export const registerVectors: CommandRegistrar = (program: Command, io, setExit) => {
  program
    .command("vectors")
    .description("write golden wire vectors (valid frames as bytes and JSON, invalid frames with their error)")
    .argument("<spec>", "the spec file (YAML or JSON)")
    .requiredOption("--out <dir>", "directory to write the vectors into (new, empty, or written by protoforge before)")
    .action(async (file: string, opts: { out: string }) => {
      try {
        const { spec } = await loadSpecFile(file);
        const files = generateVectors(spec).map((f) => ({ ...f, path: f.path.replace(/^vectors\//, "") }));
        await writeGeneratedFiles(opts.out, files, MARKER);
        const manifest = JSON.parse(String(files.find((f) => f.path === MARKER)?.content ?? "{}")) as { valid?: unknown[]; invalid?: unknown[] };
        io.out(`${opts.out}: ${manifest.valid?.length ?? 0} valid and ${manifest.invalid?.length ?? 0} invalid vectors for ${spec.protocol.name} ${spec.protocol.version}\n`);
      } catch (e) {
        if (e instanceof SpecLoadError) {
          io.err(`${e.message}\n`);
          setExit(e.code === "invalid-spec" || e.code === "syntax" ? EXIT.findings : EXIT.failure);
        } else if (e instanceof OutputDirError || e instanceof VectorError) {
          io.err(`error [${e.code}]: ${e.message}\n`);
          setExit(EXIT.failure);
        } else throw e;
      }
    });
};
