// A design eval fixture: a description (and optional request fields) with the
// concepts a competent designer would put in the spec. Each expected concept
// is a name or a list of acceptable alternatives.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import type { DesignRequest } from "../../agents/architect/request.js";
import { validateDesignRequest } from "../../agents/architect/request.js";

const fixtureSchema = z
  .object({
    description: z.string(),
    request: z.record(z.string(), z.unknown()).optional(),
    expect: z.array(z.union([z.string(), z.array(z.string()).min(1)])).min(1),
  })
  .strict();

export interface DesignFixture {
  readonly name: string;
  readonly request: DesignRequest;
  /** Each concept: acceptable names. */
  readonly expect: readonly (readonly string[])[];
}

export function loadFixtures(dir: string): DesignFixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((file) => {
      const raw = fixtureSchema.parse(parse(readFileSync(join(dir, file), "utf8")));
      return {
        name: file.replace(/\.yaml$/, ""),
        request: validateDesignRequest({ ...raw.request, description: raw.description }, file),
        expect: raw.expect.map((e) => (typeof e === "string" ? [e] : e)),
      };
    });
}
