// The model check's public shapes: options, findings, traces and the report.
// Plain data, JSON-serialisable, so the CLI and the agents can pass them on.
import type { RoleId } from "../spec/model.js";

export interface ModelCheckOptions {
  /** Most messages a channel holds; a role cannot send into a full channel. Default 2. */
  channelBound?: number;
  /** Most configurations explored before stopping with an `incomplete` finding. Default 1 000 000. */
  maxConfigurations?: number;
}

export const DEFAULT_CHANNEL_BOUND = 2;
export const DEFAULT_MAX_CONFIGURATIONS = 1_000_000;

/** In report order: findings sort by this list, then by spec path. */
export const FINDING_KINDS = ["deadlock", "unspecified-reception", "refusal-not-allowed", "events-after-end", "dead-transition", "incomplete"] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface TraceStep {
  readonly role: RoleId;
  /** `discard`: a message reached a role in a terminal state and was dropped. */
  readonly action: "send" | "receive" | "discard";
  readonly message: string;
  /** State of `role` before the step. */
  readonly from: string;
  /** State of `role` after the step (equal to `from` for a discard). */
  readonly to: string;
}

export interface ModelCheckFinding {
  readonly kind: FindingKind;
  readonly summary: string;
  readonly role?: RoleId;
  readonly state?: string;
  readonly message?: string;
  /** spec path of the offending state or transition, e.g. ["machines","initiator","states",2,"transitions",0] */
  readonly path: (string | number)[];
  /** Shortest sequence of steps from the start to the offending configuration; empty for dead transitions, the behaviour readings and `incomplete`. */
  readonly trace: TraceStep[];
}

export interface ModelCheckReport {
  /** Distinct configurations explored. */
  readonly configurations: number;
  /** Moves fired, counting those that lead to an already explored configuration. */
  readonly moves: number;
  readonly channelBound: number;
  /** False when exploration stopped at `maxConfigurations`. */
  readonly complete: boolean;
  readonly findings: ModelCheckFinding[];
}
