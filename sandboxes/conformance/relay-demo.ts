// What a conformance relay starts before its sandbox does: a Node.js the
// sandbox user can run (the relay is a Node.js module) and the language's demo
// launch; or, when either is missing, why the suite cannot run.
import { join } from "node:path";
import { demoLaunch, DEMO_COMMANDS, type DemoCommand, type DemoRole } from "../interop/demo-commands.js";
import type { DemoLaunch } from "../interop/driver-source.js";
import { findNode } from "../profiles/node-binary.js";

export interface RelayDemo {
  /** The Node.js for the relay. */
  readonly node: string;
  /** The language's project: OUT/<language>. */
  readonly projectDir: string;
  readonly demo: DemoLaunch;
}

/** `relayName` names the relay in the reason when no Node.js is found. */
export async function relayDemo(
  o: { readonly outDir: string; readonly language: string; readonly commands?: Readonly<Record<string, DemoCommand>> },
  role: DemoRole,
  relayName: string,
): Promise<RelayDemo | { readonly reason: string }> {
  const node = await findNode();
  if (node === undefined) return { reason: `no Node.js the sandbox user can run, for the ${relayName}` };
  const projectDir = join(o.outDir, o.language);
  try {
    return { node: node.node, projectDir, demo: await demoLaunch(o.language, { projectDir, node: node.node }, role, o.commands ?? DEMO_COMMANDS) };
  } catch (e) {
    return { reason: e instanceof Error ? e.message : String(e) };
  }
}
