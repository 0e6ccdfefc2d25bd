// Finding Maven and its JDK where the sandbox looks for programs: the
// directories of its PATH (SAFE_PATH), so a Maven found here is the one the
// sandboxed steps run.
import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { SAFE_PATH } from "../isolation/types.js";

const run = promisify(execFile);
export const MIN_JAVA_MAJOR = 17;
export const JAVA_SEARCH_PATH: readonly string[] = SAFE_PATH.split(":");

export interface MavenToolchain {
  readonly mvn: string;
  readonly mavenVersion: string;
  readonly javaVersion: string;
  /** The JDK Maven runs on (its `runtime:` line). */
  readonly javaHome: string;
}

export type MavenLookup = { readonly found: MavenToolchain } | { readonly missing: string };

/** `mvn -v` into versions (pure). */
export function parseMavenVersion(text: string): { mavenVersion: string; javaVersion: string; javaHome: string } | undefined {
  const plain = text.replace(/\u001b\[[0-9;]*m/g, "");
  const maven = /Apache Maven (\S+)/.exec(plain)?.[1];
  const java = /Java version: ([^,\s]+)/.exec(plain)?.[1];
  const home = /runtime: (\S+)/.exec(plain)?.[1];
  return maven && java && home ? { mavenVersion: maven, javaVersion: java, javaHome: home } : undefined;
}

async function onPath(name: string, dirs: readonly string[]): Promise<string | undefined> {
  for (const dir of dirs) {
    const path = join(dir, name);
    if (await access(path, constants.X_OK).then(() => true, () => false)) return path;
  }
  return undefined;
}

export async function findMaven(dirs: readonly string[] = JAVA_SEARCH_PATH): Promise<MavenLookup> {
  const mvn = await onPath("mvn", dirs);
  if (mvn === undefined) return { missing: "no Maven (mvn)" };
  if ((await onPath("java", dirs)) === undefined) return { missing: "no Java (java)" };
  let text: string;
  try {
    const { stdout } = await run(mvn, ["-v", "-B"], { timeout: 60_000, env: { PATH: dirs.join(":"), HOME: process.env["HOME"] ?? "/" } });
    text = stdout;
  } catch (e) {
    return { missing: `${mvn} -v failed: ${(e as Error).message.split("\n")[0] ?? ""}` };
  }
  const parsed = parseMavenVersion(text);
  if (parsed === undefined) return { missing: `${mvn} -v printed no Maven and Java version` };
  const major = Number(parsed.javaVersion.split(".")[0]);
  if (!(major >= MIN_JAVA_MAJOR)) return { missing: `Maven runs on Java ${parsed.javaVersion}, and Java ${MIN_JAVA_MAJOR}+ is needed` };
  return { found: { mvn, ...parsed } };
}
