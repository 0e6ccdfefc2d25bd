// How each language's demo is started inside the sandbox (docs/interop.md):
//   python     → OUT/python: .venv/bin/python -m <pkg>.demo server|client
//   javascript → OUT/javascript: node demo/server.js | demo/client.js
//   java       → OUT/java: java -cp target/classes:target/dependency/* <pkg>.demo.DemoServer | DemoClient
//   cpp        → OUT/cpp: build/demo_server | build/demo_client (the profile's warning build)
// The driver appends `--host H --port P`. Adding a language is one entry.
import { access, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { TargetLanguage } from "../../src/emit/target.js";
import { findCppDemo } from "./cpp-demo.js";
import type { DemoLaunch } from "./driver-source.js";
import { InteropError } from "./errors.js";
import { findJava, javaDemoLaunch, javaDemoPackage } from "./java-demo.js";

export type DemoRole = "server" | "client";

export interface DemoContext {
  /** The language's project, OUT/<language>. */
  readonly projectDir: string;
  /** The node binary the sandbox runs. */
  readonly node: string;
}

export type DemoCommand = (ctx: DemoContext, role: DemoRole) => Promise<DemoLaunch>;

/** One per target language (targets/index.ts collects it into the language's descriptor). */
export const DEMO_COMMANDS: { readonly [L in TargetLanguage]: DemoCommand } = {
  python: async (ctx, role) => {
    const pkg = await pythonDemoPackage(ctx.projectDir);
    return { cwd: ctx.projectDir, argv: [join(ctx.projectDir, ".venv/bin/python"), "-m", `${pkg}.demo`, role] };
  },
  javascript: async (ctx, role) => {
    const script = `demo/${role}.js`;
    await access(join(ctx.projectDir, script)).catch(() => {
      throw new InteropError("demo-not-found", `${join(ctx.projectDir, script)} does not exist`);
    });
    return { cwd: ctx.projectDir, argv: [ctx.node, script] };
  },
  java: async (ctx, role) => javaDemoLaunch(ctx.projectDir, await findJava(), await javaDemoPackage(ctx.projectDir), role),
  cpp: async (ctx, role) => findCppDemo(ctx.projectDir, role),
};

/** The package under OUT/python/src that has a demo.py (names.python.package of the protocol). */
export async function pythonDemoPackage(projectDir: string): Promise<string> {
  const src = join(projectDir, "src");
  const entries = await readdir(src, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    if (await access(join(src, e.name, "demo.py")).then(() => true, () => false)) found.push(e.name);
  }
  const [pkg, ...more] = found.sort();
  if (pkg === undefined) throw new InteropError("demo-not-found", `no package with a demo.py under ${src}`);
  if (more.length > 0) throw new InteropError("demo-not-found", `more than one package with a demo.py under ${src}: ${found.join(", ")}`);
  return pkg;
}

export async function demoLaunch(language: string, ctx: DemoContext, role: DemoRole, commands: Readonly<Record<string, DemoCommand>> = DEMO_COMMANDS): Promise<DemoLaunch> {
  const command = commands[language];
  if (command === undefined) throw new InteropError("no-demo-command", `no demo command is known for ${language} (known: ${Object.keys(commands).join(", ")})`);
  return command(ctx, role);
}
