// DIR/.protoforge/run.json: what `protoforge resume DIR` needs to continue a
// run: the checkpoint thread, the request, the budgets, the model (never its
// key) and the commit the run started from. Written once, when the run
// starts, and committed with the architect's step.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { STATE_DIR } from "../../src/run/output-folder.js";
import { BUDGET_LIMITS } from "../../src/run/budget.js";
import { stableJson } from "../../src/run/report/stable-json.js";
import { runRequestSchema } from "./run-request.js";

export const RUN_FILE = `${STATE_DIR}/run.json`;

export const runFileSchema = z.object({
  format: z.literal(1),
  threadId: z.string().min(1),
  request: runRequestSchema,
  budgets: z.object({
    maxRounds: z.int().min(1).max(BUDGET_LIMITS.maxRounds),
    maxTokens: z.int().min(1).max(BUDGET_LIMITS.maxTokens),
    timeoutMs: z.int().min(1).max(BUDGET_LIMITS.timeoutMs),
  }),
  model: z.object({
    /** `offline` or `openai:MODEL`, as given. */
    spec: z.string().min(1),
    baseUrl: z.string().optional(),
    /** For people: modelLabel of the resolved config (provider and model name, no endpoint). */
    label: z.string().min(1),
    /** The sampling temperature asked for (--temperature or the config file); absent: the endpoint's default. */
    temperature: z.number().min(0).max(2).optional(),
    /** --record DIR or --replay DIR (absolute): a resumed run goes on recording into it, or replaying from it. */
    cassette: z.object({ mode: z.enum(["record", "replay"]), dir: z.string().min(1) }).optional(),
  }),
  /** The prompt folder given with --prompts (absolute); absent: the package's prompts/. */
  prompts: z.string().min(1).optional(),
  /** HEAD before the run's first commit; absent in a new folder. */
  baseCommit: z.string().optional(),
  promptSet: z.string().min(1),
});

export type RunFile = z.output<typeof runFileSchema>;

export class RunFileError extends Error {
  override readonly name = "RunFileError";
  constructor(
    readonly code: "no-run" | "bad-run-file",
    readonly dir: string,
    message: string,
  ) {
    super(message);
  }
}

export async function writeRunFile(dir: string, run: RunFile): Promise<void> {
  await writeFile(join(dir, RUN_FILE), stableJson(runFileSchema.parse(run)));
}

export async function readRunFile(dir: string): Promise<RunFile> {
  let text: string;
  try {
    text = await readFile(join(dir, RUN_FILE), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR") {
      throw new RunFileError("no-run", dir, `${dir} holds no protoforge run (no ${RUN_FILE}); start one with \`protoforge generate … --out ${dir}\``);
    }
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new RunFileError("bad-run-file", dir, `${join(dir, RUN_FILE)} is not JSON: ${(e as Error).message}`);
  }
  const parsed = runFileSchema.safeParse(json);
  if (!parsed.success) throw new RunFileError("bad-run-file", dir, `${join(dir, RUN_FILE)} is not a run file: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}
