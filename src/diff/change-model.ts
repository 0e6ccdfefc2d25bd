// What `protoforge diff` reports: each change between two versions of a spec,
// where it is, and whether a peer of the new version still accepts what a
// deployed peer of the old version sends (docs/spec-diff.md). Pure data.
import type { SpecPath } from "../spec/problems.js";

/** Where a change can break a deployed peer: the binary frames, the JSON mapping (HTTP), or what a peer does. */
export type Area = "wire" | "json" | "behaviour";

/** The version part a change calls for (semver): a break needs a new major, an addition a new minor. */
export type Level = "major" | "minor" | "patch";

export type ChangeKind =
  | "protocol-renamed"
  | "frame-limit-lowered"
  | "frame-limit-raised"
  | "authentication-changed"
  | "rate-limit-tightened"
  | "rate-limit-loosened"
  | "timing-changed"
  | "message-added"
  | "message-removed"
  | "message-renamed"
  | "message-renumbered"
  | "message-id-reused"
  | "message-kind-changed"
  | "message-direction-changed"
  | "response-added"
  | "response-removed"
  | "error-answer-changed"
  | "field-added"
  | "field-removed"
  | "field-moved"
  | "field-renamed"
  | "field-type-changed"
  | "field-made-required"
  | "field-made-optional"
  | "constraint-tightened"
  | "constraint-loosened"
  | "on-invalid-changed"
  | "unit-changed"
  | "enum-value-added"
  | "enum-value-removed"
  | "enum-value-renumbered"
  | "enum-value-renamed"
  | "error-added"
  | "error-removed"
  | "error-renumbered"
  | "initial-state-changed"
  | "state-added"
  | "state-removed"
  | "state-made-terminal"
  | "transition-added"
  | "transition-removed"
  | "transition-retargeted"
  | "behaviour-declared"
  | "behaviour-dropped"
  | "behaviour-changed";

/** A place in one of the two specs: the input path (for file and line) and how it reads. */
export interface Place {
  readonly side: "old" | "new";
  readonly path: SpecPath;
  /** `messages.Login.fields.username`: by names, as a reader finds it. */
  readonly label: string;
}

export interface SpecChange {
  readonly kind: ChangeKind;
  /** Where a deployed peer of the old version can fail with a peer of the new one; empty: compatible. */
  readonly breaks: readonly Area[];
  readonly level: Level;
  readonly at: Place;
  readonly message: string;
}

export interface VersionCheck {
  readonly old: string;
  readonly new: string;
  /** The smallest part the changes call for; `none` when nothing changed. */
  readonly required: Level | "none";
  /** The lowest version NEW may say. */
  readonly lowest: string;
  readonly ok: boolean;
  readonly message: string;
}

export interface SpecDiff {
  readonly changes: readonly SpecChange[];
  readonly breaking: boolean;
  readonly version: VersionCheck;
}
