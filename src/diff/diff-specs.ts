// `protoforge diff OLD NEW`: every change between two versions of a spec,
// whether a peer of the new version still accepts what a deployed peer of
// the old one sends (docs/spec-diff.md), and the version it calls for. Pure.
import type { Spec } from "../spec/model.js";
import type { SpecDiff } from "./change-model.js";
import { where } from "./changes.js";
import { diffBehaviour } from "./diff-behaviour.js";
import { diffMachines } from "./diff-machines.js";
import { diffMessages } from "./diff-messages.js";
import { diffSettings } from "./diff-settings.js";
import { diffTypes } from "./diff-types.js";
import { diffValues, ERROR_KINDS } from "./diff-values.js";
import { checkVersion } from "./semver.js";

export function diffSpecs(oldSpec: Spec, newSpec: Spec): SpecDiff {
  const errors = (spec: Spec) => spec.errors.map((e) => ({ name: e.name, number: e.code }));
  const changes = [
    ...diffSettings(oldSpec, newSpec),
    ...diffTypes(oldSpec, newSpec),
    ...diffMessages(oldSpec, newSpec),
    ...diffValues(errors(oldSpec), errors(newSpec), where("errors", ["errors"], ["errors"]), ERROR_KINDS),
    ...diffMachines(oldSpec, newSpec),
    ...diffBehaviour(oldSpec, newSpec),
  ];
  return { changes, breaking: changes.some((c) => c.breaks.length > 0), version: checkVersion(oldSpec.protocol.version, newSpec.protocol.version, changes) };
}
