// Offline end to end on both examples of the seed document — the sensor
// description over every transport (in Python, JavaScript and Java over TCP,
// Python and JavaScript over UDP and HTTP) and the chat request with its
// fields over TCP: design, emit, sandboxed build and tests of every project, the
// conformance of each demo server (and over TCP each client), the interop
// matrix between them, review; every run ends in one round and
// its git log carries the steps with their trailers. The sensor runs succeed;
// the chat run ends layer-complete, since its requirements about behaviour
// (moderation, history, rate limits) are left to the handlers offline.
// A run keeps about one core busy, so the runs go two at a time
// (maxConcurrency of the toolchain project), from caches filled beforehand.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import { beforeAll, describe, type ExpectStatic, it } from "vitest";
import { parse, stringify } from "yaml";
import { readFile } from "node:fs/promises";
import { TRANSPORTS } from "../../src/emit/language.js";
import { cli } from "../cli/run-cli.js";
import { SENSOR_DESCRIPTION } from "./support/answers.js";
import { E2E_TIMEOUT_MS } from "./support/real-toolchain.js";
import { tempDir } from "./support/run-helpers.js";
import { fillDependencyCachesPerTransport } from "../integration/dependency-caches.js";

/** The seed's chat request: its description and request fields, as a request file. */
async function chatRequestFile(dir: string): Promise<string> {
  const fixture = parse(await readFile("evals/design/fixtures/01-chat-seed.yaml", "utf8")) as { description: string; request: Record<string, unknown> };
  const { network_protocol: _transport, output_directory: _out, ...fields } = fixture.request;
  const file = join(dir, "chat-request.yaml");
  await writeFile(file, stringify({ description: fixture.description, ...fields }));
  return file;
}

interface JsonResult {
  readonly status: string;
  readonly results: readonly { readonly language: string; readonly ok: boolean; readonly summary: { readonly passed: number; readonly failed: number } }[];
  readonly interop: readonly { readonly server: string; readonly client: string; readonly transport: string; readonly ok: boolean }[];
  readonly conformance: readonly { readonly language: string; readonly side: string; readonly ok: boolean; readonly passed: number; readonly total: number }[];
}

/** `expect` is the test's own: the runs go concurrently. */
async function expectEnded(expect: ExpectStatic, dir: string, run: { code: number; out: string; err: string }, transport: string, status: "succeeded" | "layer-complete", languages: readonly string[]): Promise<void> {
  expect(run.code, run.out + run.err).toBe(0);
  // `--json` prints the files written, then the result: the last JSON document of stdout.
  const result = JSON.parse(run.out.slice(run.out.lastIndexOf('{\n  "type": "result"'))) as JsonResult;
  expect(result.status, run.out).toBe(status);
  const sides = transport === "tcp" ? ["server", "client"] : ["server"];
  expect(result.conformance.map((c) => [c.language, c.side, c.ok, c.passed === c.total && c.total > 0])).toEqual(
    languages.flatMap((language) => sides.map((side) => [language, side, true, true])),
  );
  expect(result.results.map((r) => [r.language, r.ok, r.summary.failed])).toEqual(languages.map((language) => [language, true, 0]));
  // Every ordered pair of different languages, servers in the order given.
  expect(result.interop.map((p) => [p.server, p.client, p.transport, p.ok])).toEqual(
    languages.flatMap((server) => languages.filter((client) => client !== server).map((client) => [server, client, transport, true])),
  );
  const log = await simpleGit(dir).raw(["log", "--reverse", "--format=%s%n%(trailers:only)"]);
  for (const agent of ["architect", "coder", "tester", "reviewer"]) expect(log).toMatch(new RegExp(`\\[round 1\\] ${agent}: .*\\nAgent: ${agent}\\nRound: 1\\nModel: offline\\nPrompt-Set: [0-9a-f]{12}\\nTests: `));
  expect(log).toMatch(/Tests: [1-9]\d* passed, 0 failed/);
}

const LANGUAGES = ["python", "javascript"] as const;
/** The seed's sensor description in every language protoforge writes (over TCP; Java over UDP and
 *  HTTP is built, conformed and paired in test/integration/examples-in-sandbox.test.ts). */
const ALL_LANGUAGES = ["python", "javascript", "java"] as const;
const sensorLanguages = (transport: string): readonly string[] => (transport === "tcp" ? ALL_LANGUAGES : LANGUAGES);

beforeAll(() => fillDependencyCachesPerTransport(ALL_LANGUAGES), 600_000);

describe("protoforge generate offline on the seed examples, every transport", () => {
  it.for(TRANSPORTS)(
    "sensor description over %s (over TCP in Java too)",
    { concurrent: true, timeout: E2E_TIMEOUT_MS },
    async (transport, { expect }) => {
      const dir = join(await tempDir("pf-matrix-"), `sensor-${transport}`);
      await expectEnded(expect, dir, await cli("generate", SENSOR_DESCRIPTION, "--lang", sensorLanguages(transport).join(","), "--transport", transport, "--out", dir, "--json"), transport, "succeeded", sensorLanguages(transport));
    },
  );

  // The chat request over UDP and HTTP ran the same code as over TCP above the transport; the
  // transports themselves are examples-in-sandbox's (chat.yaml over each, in every language).
  it.for(["tcp"] as const)(
    "chat request over %s",
    { concurrent: true, timeout: E2E_TIMEOUT_MS },
    async (transport, { expect }) => {
      const base = await tempDir("pf-matrix-");
      const dir = join(base, `chat-${transport}`);
      await expectEnded(expect, dir, await cli("generate", "--request", await chatRequestFile(base), "--lang", LANGUAGES.join(","), "--transport", transport, "--out", dir, "--json"), transport, "layer-complete", LANGUAGES);
    },
  );
});
