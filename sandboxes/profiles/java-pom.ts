// What the Maven prefetch reads from a pom before it lets Maven near it, and
// what it fetches beyond `dependency:go-offline`. Pure.
//
// The prefetch runs outside the sandbox with network, on a pom that the
// project's author (or a model) wrote. Maven executes code while it merely
// reads a project only through build extensions, so a pom with any is
// refused; nothing else in it runs, since the prefetch only resolves.
import { createHash } from "node:crypto";
import { XMLParser } from "fast-xml-parser";
import { MavenPomRefusedError } from "./java-errors.js";

/** Pinned: the plugin that resolves, never the project's choice. */
export const DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.11.0";

/** Bump when the prefetch fetches differently, so every stamp is stale. */
const PLAN_VERSION = "1";

export interface MavenPrefetchPlan {
  /** The surefire version the pom pins. */
  readonly surefireVersion: string;
  /** Fetched one by one with `dependency:get` after go-offline (groupId:artifactId:version). */
  readonly extraArtifacts: readonly string[];
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: true,
  // Versions stay text: "2.0" is no number.
  parseTagValue: false,
  isArray: (name) => ["plugin", "dependency", "extension"].includes(name),
});

/** Surefire picks its provider from the test classpath; go-offline does not fetch it. */
const PROVIDERS: readonly { readonly groups: readonly string[]; readonly provider: string }[] = [
  { groups: ["org.junit.jupiter", "org.junit.platform", "net.jqwik", "org.junit"], provider: "surefire-junit-platform" },
  { groups: ["org.testng"], provider: "surefire-testng" },
  { groups: ["junit"], provider: "surefire-junit4" },
];

/** Maven before 3.9 puts plexus-utils 1.1 on the class path of a plugin
 *  that does not depend on it (surefire does not); go-offline misses it. */
const MAVEN_38_INJECTED = "org.codehaus.plexus:plexus-utils:1.1";

export function mavenPrefetchPlan(pomXml: string, pomPath: string): MavenPrefetchPlan {
  let doc: Node;
  try {
    doc = parser.parse(pomXml, true) as Node;
  } catch (e) {
    throw new MavenPomRefusedError(pomPath, `not well-formed XML: ${(e as Error).message.split("\n")[0] ?? ""}`);
  }
  const project = node(doc["project"]);
  if (project === undefined) throw new MavenPomRefusedError(pomPath, "no <project> element");
  const properties = node(project["properties"]) ?? {};
  const build = node(project["build"]) ?? {};
  const plugins = [...list(node(build["plugins"])?.["plugin"]), ...list(node(node(build["pluginManagement"])?.["plugins"])?.["plugin"])];

  const extensions = list(node(build["extensions"])?.["extension"]).map(coordinates);
  const extending = plugins.filter((p) => text(p["extensions"]) === "true").map(coordinates);
  if (extensions.length + extending.length > 0) {
    throw new MavenPomRefusedError(
      pomPath,
      `build extensions run as Maven reads the pom, outside the sandbox, so they are not allowed (${[...extensions, ...extending].join(", ")}); remove them`,
    );
  }

  const surefire = plugins.find((p) => text(p["artifactId"]) === "maven-surefire-plugin" && text(p["version"]) !== "");
  if (surefire === undefined) {
    throw new MavenPomRefusedError(pomPath, "maven-surefire-plugin has no version: pin it in <build><pluginManagement> so the offline build uses exactly what the prefetch fetched");
  }
  const surefireVersion = interpolate(text(surefire["version"]), properties, pomPath);

  const dependencyGroups = new Set(
    [...list(node(project["dependencies"])?.["dependency"]), ...list(node(node(project["dependencyManagement"])?.["dependencies"])?.["dependency"])].map((d) =>
      text(d["groupId"]),
    ),
  );
  const providers = PROVIDERS.filter((p) => p.groups.some((g) => dependencyGroups.has(g))).map((p) => `org.apache.maven.surefire:${p.provider}:${surefireVersion}`);
  return { surefireVersion, extraArtifacts: [MAVEN_38_INJECTED, ...new Set(providers)] };
}

/** The stamp file name for one pom: a changed pom fetches again (only what is new reaches the network). */
export function pomStamp(pomXml: string): string {
  return `.fetched-${createHash("sha256").update(`${PLAN_VERSION}\n${pomXml}`).digest("hex").slice(0, 16)}`;
}

function interpolate(value: string, properties: Node, pomPath: string): string {
  const resolved = value.replace(/\$\{([\w.-]+)\}/g, (whole, name: string) => {
    const v = text(properties[name]);
    return v === "" ? whole : v;
  });
  if (resolved.includes("${")) throw new MavenPomRefusedError(pomPath, `cannot read the version ${value}: give it literally or as a <properties> entry`);
  return resolved;
}

function coordinates(n: Node): string {
  return `${text(n["groupId"]) || "org.apache.maven.plugins"}:${text(n["artifactId"])}`;
}

function node(value: unknown): Node | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Node) : undefined;
}

function list(value: unknown): Node[] {
  return Array.isArray(value) ? value.filter((v): v is Node => node(v) !== undefined) : [];
}

function text(value: unknown): string {
  return typeof value === "string" ? value.trim() : typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}
