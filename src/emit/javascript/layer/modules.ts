// The smaller public modules: machine.js (role machines from the spec's
// state tables), protocol-info.js (the spec's constants), index.js (every
// public module); each with its declarations in types/.
import type { Machine, RoleId, Spec } from "../../../spec/model.js";
import { retransmitDelays } from "../../../wire/index.js";
import { symbols, type FileSet } from "../../index.js";
import { jsNumber } from "../scalar-literal.js";
import { jsStr } from "./code.js";
import type { JsModel } from "./model.js";

function table(role: RoleId, machine: Machine): string[] {
  const out = [`/** @type {MachineTable} */`, `export const ${role.toUpperCase()} = Object.freeze({`, `  role: ${jsStr(role)},`, `  initial: ${jsStr(machine.initial)},`];
  out.push(`  terminal: Object.freeze([${machine.states.filter((s) => s.terminal).map((s) => jsStr(s.name)).join(", ")}]),`, "  states: Object.freeze({");
  for (const s of machine.states) {
    const ts = s.transitions.map((t) => `/** @type {const} */ ([${jsStr(t.action)}, ${jsStr(t.message)}, ${jsStr(t.to)}])`);
    out.push(`    ${jsStr(s.name)}: Object.freeze([${ts.join(", ")}]),`);
  }
  out.push("  }),", "});");
  return out;
}

const MACHINE_CLASS = `
/** The two roles. @typedef {"initiator" | "responder"} RoleName */
/** What a role does with a message. @typedef {"send" | "receive"} Action */

/** The tables by role. */
export const MACHINES = Object.freeze({ initiator: INITIATOR, responder: RESPONDER });

/** Tracks one role's state and refuses messages its state has no transition for. */
export class RoleMachine {
  /** @param {"initiator" | "responder"} role */
  constructor(role) {
    if (role !== "initiator" && role !== "responder") throw new TypeError(\`role must be "initiator" or "responder", got \${String(role)}\`);
    /** @type {MachineTable} */
    this.table = MACHINES[role];
    /** @type {"initiator" | "responder"} */
    this.role = role;
    /** @type {string} */
    this.state = this.table.initial;
  }

  /** True once the machine reached a terminal state. @returns {boolean} */
  get terminal() {
    return this.table.terminal.includes(this.state);
  }

  /** @param {string} name @returns {boolean} */
  canSend(name) {
    return nextState(this.table, this.state, "send", name) !== undefined;
  }

  /** @param {string} name @returns {boolean} */
  canReceive(name) {
    return nextState(this.table, this.state, "receive", name) !== undefined;
  }

  /** The (action, message name) pairs the current state accepts. @returns {["send" | "receive", string][]} */
  allowed() {
    return allowedIn(this.table, this.state);
  }

  /** Moves on by sending \`name\`, or throws StateError. @param {string} name @returns {void} */
  send(name) {
    this.state = step(this.table, this.state, "send", name);
  }

  /** Moves on by receiving \`name\`, or throws StateError. @param {string} name @returns {void} */
  receive(name) {
    this.state = step(this.table, this.state, "receive", name);
  }
}
`;

const MACHINE_DTS = `
/** The two roles. */
export type RoleName = "initiator" | "responder";
/** What a role does with a message. */
export type Action = "send" | "receive";

/** One role's machine: per state, [action, message name, next state]. */
export interface MachineTable {
  readonly role: string;
  readonly initial: string;
  readonly terminal: readonly string[];
  readonly states: Readonly<Record<string, readonly (readonly [action: Action, message: string, to: string])[]>>;
}

export declare const INITIATOR: MachineTable;
export declare const RESPONDER: MachineTable;
export declare const MACHINES: { readonly initiator: MachineTable; readonly responder: MachineTable };

/** Tracks one role's state; refuses messages its state has no transition for (StateError). */
export declare class RoleMachine {
  constructor(role: RoleName);
  readonly table: MachineTable;
  readonly role: RoleName;
  state: string;
  get terminal(): boolean;
  canSend(name: string): boolean;
  canReceive(name: string): boolean;
  allowed(): [Action, string][];
  send(name: string): void;
  receive(name: string): void;
}
`;

export function machineModule(files: FileSet, model: JsModel): void {
  const { spec } = model;
  const f = files.file("javascript/src/machine.js", "javascript");
  f.preamble(`// The role machines of ${spec.protocol.name} (declared for TypeScript users in ../types/machine.d.ts).`);
  for (const name of ["allowedIn", "nextState", "step"]) f.addImport(symbols.javascript.from("./internal/machine-core.js", name));
  const impl = [
    `/** One role's machine: per state, [action, message name, next state]. @typedef {import("./internal/machine-core.js").MachineTable} MachineTable */`,
    "",
    ...table("initiator", spec.machines.initiator),
    "",
    ...table("responder", spec.machines.responder),
    MACHINE_CLASS,
  ];
  f.print(impl.join("\n"));
  files.file("javascript/types/machine.d.ts", "javascript").print(`// The role machines of ${spec.protocol.name}.${MACHINE_DTS}`);
}

type Constant = readonly [name: string, type: string, value: string, doc: string];

function constants(spec: Spec): Constant[] {
  const { timing, security, performance } = spec;
  const num = (v: number): string => jsNumber(v);
  const optional = (v: number | undefined): string => (v === undefined ? "null" : num(v));
  const optType = (v: number | undefined): string => (v === undefined ? "null" : "number");
  return [
    ["PROTOCOL_NAME", "string", jsStr(spec.protocol.name), "The protocol's name in the spec."],
    ["VERSION", "string", jsStr(spec.protocol.version), "The spec's version."],
    ["DESCRIPTION", "string", jsStr(spec.protocol.description), "What the protocol is for."],
    ["WIRE_VERSION", "number", num(spec.protocol.wireVersion), "The major of VERSION: the version byte of every frame header."],
    ["MAX_FRAME_BYTES", "number", num(security.maxFrameBytes), "Largest frame (14-byte header and payload) either side sends or accepts."],
    ["INITIATOR_NAME", "string", jsStr(spec.roles.initiator.name), "Display name of the initiator role."],
    ["RESPONDER_NAME", "string", jsStr(spec.roles.responder.name), "Display name of the responder role."],
    ["CONNECT_TIMEOUT_MS", "number", num(timing.connectTimeoutMs), "How long a client waits for a connection."],
    ["REQUEST_TIMEOUT_MS", "number", num(timing.requestTimeoutMs), "How long a request waits for its answer."],
    ["KEEPALIVE_INTERVAL_MS", "number", num(timing.keepaliveIntervalMs), "A peer that sent nothing for this long sends a PING."],
    ["IDLE_TIMEOUT_MS", "number", num(timing.idleTimeoutMs), "A peer that received nothing for this long closes the connection."],
    ["RETRY_MAX_ATTEMPTS", "number", num(timing.retry.maxAttempts), "Attempts of a reliable send or a connection, the first included."],
    ["RETRY_INITIAL_BACKOFF_MS", "number", num(timing.retry.initialBackoffMs), "Wait after the first attempt."],
    ["RETRY_MAX_BACKOFF_MS", "number", num(timing.retry.maxBackoffMs), "Longest wait between attempts."],
    ["RETRY_MULTIPLIER", "number", num(timing.retry.multiplier), "Factor between consecutive waits."],
    ["RETRANSMIT_DELAYS_MS", "readonly number[]", `Object.freeze([${retransmitDelays(timing.retry).join(", ")}])`, "The wait after each attempt (wire format 10.2)."],
    ["AUTH_MODE", "string", jsStr(security.authentication.mode), 'How peers authenticate: "none", "token", "password" or "api_key".'],
    ["AUTH_MESSAGE", security.authentication.message === undefined ? "null" : "string", security.authentication.message === undefined ? "null" : jsStr(security.authentication.message), "The message that authenticates a session, if any."],
    ["RATE_LIMIT_PER_SECOND", optType(security.rateLimit?.messagesPerSecond), optional(security.rateLimit?.messagesPerSecond), "Messages per second a peer may send, if limited."],
    ["RATE_LIMIT_BURST", optType(security.rateLimit?.burst), optional(security.rateLimit?.burst), "Messages a peer may send at once above the rate, if limited."],
    ["INPUT_VALIDATION", "boolean", security.inputValidation ? "true" : "false", "Whether received values are validated (the codec always validates)."],
    ["MAX_LATENCY_MS", optType(performance.maxLatencyMs), optional(performance.maxLatencyMs), "Target answer latency, if the spec sets one."],
    ["THROUGHPUT_PER_SECOND", optType(performance.throughputPerSecond), optional(performance.throughputPerSecond), "Target messages per second, if the spec sets one."],
    ["MAX_CONNECTIONS", optType(performance.maxConnections), optional(performance.maxConnections), "Concurrent connections a server should serve, if the spec sets one."],
  ];
}

export function protocolInfoModule(files: FileSet, model: JsModel): void {
  const { spec } = model;
  const impl = [`// Constants of ${spec.protocol.name} ${spec.protocol.version}, from its spec. Durations are in milliseconds.`];
  const dts = [`// Constants of ${spec.protocol.name} ${spec.protocol.version}, from its spec. Durations are in milliseconds.`];
  for (const [name, type, value, doc] of constants(spec)) {
    impl.push(`/** ${doc} @type {${type}} */`, `export const ${name} = ${value};`);
    dts.push(`/** ${doc} */`, `export declare const ${name}: ${type};`);
  }
  files.file("javascript/src/protocol-info.js", "javascript").print(impl.join("\n"));
  files.file("javascript/types/protocol-info.d.ts", "javascript").print(dts.join("\n"));
}

const PUBLIC = ["messages", "codec", "machine", "errors", "protocol-info"] as const;

export function indexModule(files: FileSet, model: JsModel): void {
  const lines = [`// The protocol layer of ${model.spec.protocol.name}: messages, codec, machines, errors, constants.`, ...PUBLIC.map((m) => `export * from "./${m}.js";`)];
  files.file("javascript/src/index.js", "javascript").print(lines.join("\n"));
  files.file("javascript/types/index.d.ts", "javascript").print(lines.join("\n"));
}

/** The layer's modules with declarations in types/, for testing/declarations.js. */
export const LAYER_DECLARED: readonly string[] = ["index", ...PUBLIC];
