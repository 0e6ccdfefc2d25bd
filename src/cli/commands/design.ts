// `protoforge design "DESCRIPTION"` or `protoforge design --request FILE`:
// the offline architect. Writes the spec (to --out, or stdout) and prints a
// summary: roles, messages, timing, security, assumptions. No model, no network.
import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { parseDesignRequest, TRANSPORTS, validateDesignRequest, type DesignRequest, type Transport } from "../../../agents/architect/request.js";
import { designSpec } from "../../../agents/architect/offline/design-spec.js";
import { DesignError } from "../../../agents/architect/offline/errors.js";
import { EXIT } from "../io.js";
import type { CommandRegistrar } from "./index.js";

interface DesignOpts {
  request?: string;
  transport?: string;
  out?: string;
  quiet?: boolean;
}

export const registerDesign: CommandRegistrar = (program: Command, io, setExit) => {
  program
    .command("design")
    .description("write a spec from a plain-language description, offline (no model, no network)")
    .argument("[description]", "the protocol, in plain language")
    .option("--request <file>", "a request file (YAML): description, network_protocol, performance_requirements, security_requirements, additional_features, ...")
    .option("--transport <transport>", `transport to design for: ${TRANSPORTS.join(", ")}`)
    .option("--out <file>", "where to write the spec (default: stdout)")
    .option("--quiet", "do not print the summary")
    .action(async (description: string | undefined, opts: DesignOpts) => {
      try {
        if (opts.transport !== undefined && !(TRANSPORTS as readonly string[]).includes(opts.transport)) {
          throw new DesignError("request-invalid", `--transport must be one of ${TRANSPORTS.join(", ")} (got ${opts.transport})`, ["transport"]);
        }
        let request: DesignRequest;
        if (opts.request !== undefined) {
          if (description !== undefined) throw new DesignError("request-invalid", "give either a description or --request, not both", ["description"]);
          const file = resolve(io.cwd, opts.request);
          let text: string;
          try {
            text = await readFile(file, "utf8");
          } catch (e) {
            throw new DesignError("request-unreadable", `cannot read ${opts.request}: ${(e as Error).message}`, [opts.request]);
          }
          request = parseDesignRequest(text, opts.request);
        } else {
          request = validateDesignRequest({ description: description ?? "" }, "description");
        }
        const result = designSpec(request, opts.transport !== undefined ? { transport: opts.transport as Transport } : {});
        if (opts.out !== undefined) {
          await writeFile(resolve(io.cwd, opts.out), result.specYaml, "utf8");
          if (opts.quiet !== true) io.out(`wrote ${opts.out}\n${result.summary}`);
        } else {
          io.out(result.specYaml);
          if (opts.quiet !== true) io.err(result.summary);
        }
      } catch (e) {
        if (!(e instanceof DesignError)) throw e;
        io.err(`error [${e.code}]: ${e.message}\n`);
        setExit(e.code === "internal-invalid-spec" ? EXIT.failure : EXIT.findings);
      }
    });
};
