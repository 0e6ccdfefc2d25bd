// `protoforge dissector SPEC --out DIR`: the spec's Wireshark dissector,
// DIR/<protocol>.lua (generate writes the same file to OUT/wireshark/).
import type { Command } from "commander";
import { generateDissector } from "../../emit/dissector/index.js";
import { defaultPort } from "../../emit/transport-common/script.js";
import { OutputDirError, writeGeneratedFiles } from "../../run/write-files.js";
import { loadSpecFile } from "../../spec/load.js";
import { SpecLoadError } from "../../spec/problems.js";
import { EXIT } from "../io.js";
import type { CommandRegistrar } from "./index.js";

export const registerDissector: CommandRegistrar = (program: Command, io, setExit) => {
  program
    .command("dissector")
    .description("write a Wireshark Lua dissector for the spec's protocol")
    .argument("<spec>", "the spec file (YAML or JSON)")
    .requiredOption("--out <dir>", "directory to write <protocol>.lua into (new, empty, or written by protoforge before)")
    .action(async (file: string, opts: { out: string }) => {
      try {
        const { spec } = await loadSpecFile(file);
        const lua = generateDissector(spec);
        const name = `${spec.protocol.name}.lua`;
        await writeGeneratedFiles(opts.out, [{ ...lua, path: name }], name);
        io.out(`${opts.out}/${name}: load it with tshark -X lua_script:${opts.out}/${name}; it decodes TCP and UDP port ${defaultPort({ spec })} (Decode As for others)\n`);
      } catch (e) {
        if (e instanceof SpecLoadError) {
          io.err(`${e.message}\n`);
          setExit(e.code === "invalid-spec" || e.code === "syntax" ? EXIT.findings : EXIT.failure);
        } else if (e instanceof OutputDirError) {
          io.err(`error [${e.code}]: ${e.message}\n`);
          setExit(EXIT.failure);
        } else throw e;
      }
    });
};
