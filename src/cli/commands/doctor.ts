// `protoforge doctor [--json]`: which isolation the sandbox gives generated
// code on this machine and why, the sandbox tools found (with the Debian
// package of each one missing), whether the runner is root, and each target
// language's toolchain. Exit 0 isolated (bubblewrap or namespaces) with every
// toolchain available, 1 limits-only or a toolchain missing, 2 setpriv or
// prlimit missing (the sandbox cannot run at all). The facts are gathered
// once; everything from facts to text or JSON is pure (doctorReport,
// formatDoctor, doctorJson), and so is the line `generate` and `resume`
// print before a run (sandboxLine).
import type { Command } from "commander";
import {
  createSandboxRunner,
  describeIsolation,
  isolationOf,
  limitsOnlyWarning,
  SANDBOX_UID,
  type Isolation,
  type SandboxProbe,
} from "../../../sandboxes/isolation/index.js";
import { targetDescriptors } from "../../../targets/index.js";
import { EXIT } from "../io.js";
import type { CommandRegistrar } from "./index.js";

export type SandboxToolName = keyof SandboxProbe["tools"];

/** The sandbox's tools, in the order shown, with their Debian package and what each is for. */
export const SANDBOX_TOOLS: readonly { readonly name: SandboxToolName; readonly debianPackage: string; readonly role: string }[] = [
  { name: "bwrap", debianPackage: "bubblewrap", role: "isolation (bubblewrap mode)" },
  { name: "setpriv", debianPackage: "util-linux", role: `required: drops privileges (and root to uid ${SANDBOX_UID})` },
  { name: "prlimit", debianPackage: "util-linux", role: "required: resource limits" },
  { name: "unshare", debianPackage: "util-linux", role: "isolation without bubblewrap (namespaces mode)" },
  { name: "ip", debianPackage: "iproute2", role: "the namespaces mode's loopback (else perl)" },
];

/** What to install for a language's toolchain, when it is missing (its descriptor's `install`). */
const TOOLCHAIN_INSTALL: Readonly<Record<string, string>> = Object.fromEntries(targetDescriptors().map((t) => [t.language, t.install]));

export interface ToolchainFact {
  readonly language: string;
  readonly available: boolean;
  readonly description: string;
  readonly reason?: string | undefined;
}

export interface DoctorFacts {
  readonly probe: SandboxProbe;
  readonly toolchains: readonly ToolchainFact[];
}

export type DoctorExit = (typeof EXIT)[keyof typeof EXIT];

/** The facts as `--json` prints them: every key always present, in this order. */
export interface DoctorReport {
  readonly isolation: Isolation;
  /** bubblewrap or namespaces: generated code is isolated, not only limited. */
  readonly isolated: boolean;
  /** setpriv and prlimit are there, so the sandbox can run a command at all. */
  readonly sandboxRuns: boolean;
  /** Which isolation is in force and why (describeIsolation). */
  readonly description: string;
  readonly bwrapReason: string | null;
  readonly namespacesReason: string | null;
  readonly root: boolean;
  /** The uid sandboxed commands drop to; null when they run as the current user. */
  readonly sandboxUid: number | null;
  readonly tools: Readonly<Record<SandboxToolName, { readonly path: string | null; readonly package: string; readonly role: string }>>;
  readonly toolchains: Readonly<Record<string, { readonly available: boolean; readonly description: string; readonly reason: string | null; readonly install: string | null }>>;
  /** What is wrong, each with what to install; empty when the exit code is 0. */
  readonly problems: readonly string[];
  readonly exitCode: DoctorExit;
}

export function doctorReport({ probe, toolchains }: DoctorFacts): DoctorReport {
  const isolation = isolationOf(probe);
  const isolated = isolation !== "limits-only";
  const missingRequired = (["setpriv", "prlimit"] as const).filter((name) => probe.tools[name] === null);
  const sandboxRuns = missingRequired.length === 0;
  const problems: string[] = [];
  if (!sandboxRuns) {
    problems.push(`${missingRequired.join(" and ")} (util-linux) ${missingRequired.length === 1 ? "is" : "are"} missing: the sandbox cannot run any command; install util-linux (apt-get install util-linux)`);
  }
  if (!isolated) {
    problems.push("generated code is NOT isolated (limits only): install bubblewrap (apt-get install bubblewrap), or allow user namespaces for util-linux unshare");
  }
  const toolchainFacts: Record<string, DoctorReport["toolchains"][string]> = {};
  for (const t of toolchains) {
    const install = t.available ? null : (TOOLCHAIN_INSTALL[t.language] ?? null);
    toolchainFacts[t.language] = { available: t.available, description: t.description, reason: t.available ? null : (t.reason ?? "unavailable"), install };
    if (!t.available) problems.push(`the ${t.language} toolchain is missing: ${t.reason ?? "unavailable"}${install === null ? "" : `; install ${install}`}`);
  }
  const tools = Object.fromEntries(
    SANDBOX_TOOLS.map(({ name, debianPackage, role }) => [name, { path: probe.tools[name], package: debianPackage, role }]),
  ) as DoctorReport["tools"];
  const exitCode = !sandboxRuns ? EXIT.failure : problems.length > 0 ? EXIT.findings : EXIT.ok;
  return {
    isolation,
    isolated,
    sandboxRuns,
    description: describeIsolation(probe),
    bwrapReason: probe.bwrapReason ?? null,
    namespacesReason: probe.namespacesReason ?? null,
    root: probe.isRoot,
    sandboxUid: probe.isRoot ? SANDBOX_UID : null,
    tools,
    toolchains: toolchainFacts,
    problems,
    exitCode,
  };
}

export function formatDoctor(report: DoctorReport): string {
  const column = (names: readonly string[]): number => Math.max(0, ...names.map((n) => n.length)) + 2;
  const toolWidth = column(Object.keys(report.tools));
  const languageWidth = column(Object.keys(report.toolchains));
  const lines = [`isolation: ${report.isolation}`, report.description, "", "sandbox tools:"];
  for (const [name, tool] of Object.entries(report.tools)) {
    lines.push(`  ${name.padEnd(toolWidth)}${tool.path ?? `missing (Debian package ${tool.package})`}`);
  }
  lines.push(
    report.sandboxUid === null
      ? "runner: not root; sandboxed commands run as the current user"
      : `runner: root; sandboxed commands drop to uid ${report.sandboxUid} (nobody)`,
    "",
    "toolchains:",
  );
  for (const [language, t] of Object.entries(report.toolchains)) {
    lines.push(`  ${language.padEnd(languageWidth)}${t.available ? t.description : `unavailable: ${t.reason ?? ""}`}`);
  }
  lines.push("");
  if (report.problems.length === 0) lines.push(`ok: generated code is isolated (${report.isolation}) and every toolchain is available`);
  for (const problem of report.problems) lines.push(`problem: ${problem}`);
  return `${lines.join("\n")}\n`;
}

export function doctorJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The one line `generate` and `resume` print before a run: the mode and why
 *  (for limits-only, the whole warning). */
export function sandboxLine(probe: SandboxProbe): string {
  switch (isolationOf(probe)) {
    case "bubblewrap":
      return "sandbox: bubblewrap — bwrap can create its namespaces here: no network, a read-only system, only the project folder writable";
    case "namespaces":
      return `sandbox: namespaces — ${probe.bwrapReason ?? "bubblewrap is unavailable"}; isolated with util-linux unshare`;
    case "limits-only":
      return `sandbox: limits-only — ${limitsOnlyWarning(probe).replace(/^protoforge sandbox: /, "")}`;
  }
}

/** Probes the host (cached per process) and detects every toolchain; a
 *  detection that throws counts as unavailable. */
export async function gatherDoctorFacts(): Promise<DoctorFacts> {
  const [probe, toolchains] = await Promise.all([
    createSandboxRunner().probe(),
    Promise.all(
      targetDescriptors().map(({ language, profile }) =>
        profile.detect().then(
          (info): ToolchainFact => ({ language, ...info }),
          (e: unknown): ToolchainFact => ({ language, available: false, description: language, reason: `detection failed: ${e instanceof Error ? e.message : String(e)}` }),
        ),
      ),
    ),
  ]);
  return { probe, toolchains };
}

export const registerDoctor: CommandRegistrar = (program: Command, io, setExit) => {
  program
    .command("doctor")
    .description("which isolation the sandbox gives generated code here and why, its tools, and each target language's toolchain")
    .option("--json", "print the facts as one JSON object")
    .action(async (opts: { readonly json?: boolean }) => {
      const report = doctorReport(await gatherDoctorFacts());
      io.out(opts.json ? doctorJson(report) : formatDoctor(report));
      setExit(report.exitCode);
    });
};
