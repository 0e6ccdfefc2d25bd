// The version part a set of changes calls for, and whether NEW's
// protocol.version gives it. The major is the wire version in every frame
// header, so a break without a new major lets old and new peers accept each
// other's frames and then misread them.
import type { Level, SpecChange, VersionCheck } from "./change-model.js";

const ORDER: readonly (Level | "none")[] = ["none", "patch", "minor", "major"];

type Triple = readonly [number, number, number];

const parse = (v: string): Triple => {
  const [a = 0, b = 0, c = 0] = v.split(".").map(Number);
  return [a, b, c];
};
const compare = (x: Triple, y: Triple) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];

export function requiredLevel(changes: readonly SpecChange[]): Level | "none" {
  return changes.reduce<Level | "none">((top, c) => (ORDER.indexOf(c.level) > ORDER.indexOf(top) ? c.level : top), "none");
}

export function checkVersion(oldVersion: string, newVersion: string, changes: readonly SpecChange[]): VersionCheck {
  const required = requiredLevel(changes);
  const [a, b, c] = parse(oldVersion);
  const lowestTriple: Triple = required === "major" ? [a + 1, 0, 0] : required === "minor" ? [a, b + 1, 0] : required === "patch" ? [a, b, c + 1] : [a, b, c];
  const lowest = lowestTriple.join(".");
  const ok = compare(parse(newVersion), lowestTriple) >= 0;
  const why = required === "none" ? "nothing on the wire, in JSON or in behaviour changed" : `the changes call for a new ${required}`;
  const message = ok ? `${oldVersion} -> ${newVersion}: ${why}` : `${newVersion} does not match: ${why}, so protocol.version must be at least ${lowest}`;
  return { old: oldVersion, new: newVersion, required, lowest, ok, message };
}
