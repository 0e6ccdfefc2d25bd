// The model check of a spec's two role state machines: an exhaustive,
// breadth-first exploration of how the initiator and the responder can
// interleave over bounded FIFO channels. Pure: no clock, no I/O.
//
// Semantics
// - A configuration is (initiator state, responder state, FIFO channel
//   initiator→responder, FIFO channel responder→initiator). The start is both
//   initial states with empty channels.
// - Send: a role in a non-terminal state with `send M → t` may fire it when
//   the channel toward its peer holds fewer than `channelBound` messages
//   (default 2); M is appended and the role moves to t.
// - Receive: a role in a non-terminal state may pop the head M of its
//   incoming channel when the state has `receive M → t`; it moves to t.
// - Discard: a role in a terminal state takes no transitions, but drops the
//   head of its incoming channel (the conversation is over and the transport
//   closes), so a terminal role drains its channel.
// - Moves of a configuration are tried initiator first, then responder, each
//   in the spec order of the state's transitions; with BFS this makes every
//   trace a shortest one and every report deterministic.
// Findings
// - unspecified-reception: the head of a role's incoming channel is a message
//   its current, non-terminal state has no receive transition for. Once per
//   (role, state, message), with the shortest trace to such a configuration.
// - deadlock: no move at all, and not (both roles terminal and both channels
//   empty). Once per (initiator state, responder state), with the shortest
//   trace. A configuration with an unspecified reception is reported as that,
//   never also as a deadlock.
// - dead-transition: a transition never fired in the explored configurations
//   (transitions of terminal states never fire).
// - refusal-not-allowed, events-after-end: the behaviour section's two
//   readings (behaviour-readings.ts): a request the behaviour refuses must have
//   its error answer in both machines, and no group event is sent after a
//   session's end until a session opens again.
// - incomplete: exploration stopped after `maxConfigurations` (default
//   1 000 000) configurations; every explored one was still fully checked,
//   but problems beyond them are not seen, and dead transitions may be live.
// Findings are sorted by kind (in FINDING_KINDS order), then spec path.
import type { Spec } from "../spec/model.js";
import { explore } from "./explore.js";
import { behaviourFindings } from "./behaviour-readings.js";
import { collectFindings, sortFindings } from "./findings.js";
import {
  DEFAULT_CHANNEL_BOUND,
  DEFAULT_MAX_CONFIGURATIONS,
  type ModelCheckOptions,
  type ModelCheckReport,
} from "./model-check-types.js";
import { compileProtocol } from "./protocol-graph.js";

export { formatFinding, formatTrace } from "./format-trace.js";
export {
  DEFAULT_CHANNEL_BOUND,
  DEFAULT_MAX_CONFIGURATIONS,
  FINDING_KINDS,
  type FindingKind,
  type ModelCheckFinding,
  type ModelCheckOptions,
  type ModelCheckReport,
  type TraceStep,
} from "./model-check-types.js";

/** Largest channel bound: channel lengths are stored in one UTF-16 code unit of a configuration key. */
const MAX_CHANNEL_BOUND = 0xffff;

/** Explores every configuration of `spec` (a validated spec) up to the limits in `options`.
 *  Throws RangeError when an option is not a positive integer (a caller's bug, not a finding). */
export function modelCheck(spec: Spec, options: ModelCheckOptions = {}): ModelCheckReport {
  const channelBound = options.channelBound ?? DEFAULT_CHANNEL_BOUND;
  const maxConfigurations = options.maxConfigurations ?? DEFAULT_MAX_CONFIGURATIONS;
  requirePositiveInteger("channelBound", channelBound, MAX_CHANNEL_BOUND);
  requirePositiveInteger("maxConfigurations", maxConfigurations, Number.MAX_SAFE_INTEGER);

  const graph = compileProtocol(spec);
  const exploration = explore(graph, channelBound, maxConfigurations);
  return {
    configurations: exploration.keys.length,
    moves: exploration.moves,
    channelBound,
    complete: exploration.complete,
    findings: sortFindings([...collectFindings(spec, graph, exploration, maxConfigurations), ...behaviourFindings(spec, graph)]),
  };
}

function requirePositiveInteger(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`model check: ${name} must be an integer from 1 to ${max} (got ${value})`);
  }
}
