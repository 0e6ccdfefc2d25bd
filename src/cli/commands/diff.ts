// `protoforge diff OLD NEW`: how a new version of a spec changes the wire,
// the JSON mapping and the behaviour, and which version number it calls for.
// Exit 0 compatible, 1 breaking or a protocol.version that does not match, 2
// when a spec cannot be read.
import type { Command } from "commander";
import { diffSpecs } from "../../diff/diff-specs.js";
import { formatDiffJson, formatDiffText } from "../../diff/format-diff.js";
import { loadSpecFile, type LoadedSpec } from "../../spec/load.js";
import { SpecLoadError } from "../../spec/problems.js";
import { EXIT } from "../io.js";
import type { CommandRegistrar } from "./index.js";

export const registerDiff: CommandRegistrar = (program: Command, io, setExit) => {
  program
    .command("diff")
    .description("classify every change between two versions of a spec as compatible or breaking (wire, JSON, behaviour)")
    .argument("<old>", "the spec deployed peers run (YAML or JSON)")
    .argument("<new>", "the changed spec")
    .option("--json", "print the changes as JSON")
    .action(async (oldFile: string, newFile: string, opts: { readonly json?: boolean }) => {
      let before: LoadedSpec;
      let after: LoadedSpec;
      try {
        before = await loadSpecFile(oldFile);
        after = await loadSpecFile(newFile);
      } catch (e) {
        if (!(e instanceof SpecLoadError)) throw e;
        io.err(`error [${e.code}]: cannot compare, ${e.file} is not a valid spec\n${e.message}\n`);
        setExit(EXIT.failure);
        return;
      }
      const diff = diffSpecs(before.spec, after.spec);
      const sides = { old: before, new: after };
      io.out(opts.json ? formatDiffJson(diff, sides) : formatDiffText(diff, sides));
      if (diff.breaking || !diff.version.ok) setExit(EXIT.findings);
    });
};
