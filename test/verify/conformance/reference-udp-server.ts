// A small UDP server in TypeScript on the reference codec (src/wire),
// following a spec's server machine and the datagram rules of wire-format
// §10.2 and §10.4 (UDP), for the conformance runner's own tests: one session
// per client address; a datagram that is not one well-formed frame is dropped
// unACKed; a RELIABLE frame is ACKed (RESPONSE mirrored), a duplicate again,
// and answered with the first answer; what it cannot take is dropped and the
// session goes on; a oneway into a terminal state ends the session. Plants
// turn one rule off.
import { createSocket, type RemoteInfo } from "node:dgram";
import type { Spec } from "../../../src/spec/model.js";
import { createCaseKit } from "../../../src/verify/conformance/case-kit.js";
import { afterReceive, refusalCode } from "../../../src/verify/conformance/server-states.js";
import { datagramHeader } from "../../../src/verify/conformance/udp-link.js";
import { type DecodedFrame, FLAG_ACK, FLAG_RELIABLE, FLAG_RESPONSE, HEADER_BYTES, WireError } from "../../../src/wire/index.js";
import type { WireObject } from "../../../src/wire/values.js";

export interface UdpPlants {
  /** Never ACKs a RELIABLE frame. */
  readonly noAck?: boolean;
  /** ACKs a RELIABLE datagram even when it is not one well-formed frame (bad magic, truncated, …). */
  readonly ackInvalid?: boolean;
  /** No duplicate suppression: a duplicate is handled (and answered) again. */
  readonly deliverDuplicate?: boolean;
  /** Answers a message only the server sends, sent by the client, with the error message. */
  readonly answerForeign?: boolean;
  /** Forgets the session of a client that sent a message only the server sends. */
  readonly forgetOnForeign?: boolean;
  /** Answers PING only from an address that has a session. */
  readonly pongInSessionOnly?: boolean;
}

export interface RunningUdpReference {
  readonly port: number;
  close(): Promise<void>;
}

interface Session {
  state: string;
  /** RELIABLE frames seen, by (RESPONSE bit, sequence), with the answer sent to each (if any). */
  readonly seen: Map<string, Uint8Array | null>;
}

export async function startReferenceUdpServer(spec: Spec, plants: UdpPlants = {}, port = 0): Promise<RunningUdpReference> {
  const kit = createCaseKit(spec, "udp");
  const machine = spec.machines.responder;
  const stateNamed = (name: string) => machine.states.find((s) => s.name === name);
  const fallbackCode = spec.errors.find((e) => e.name === "invalid_request")?.name ?? spec.errors[0]?.name ?? "";
  const invalidCode = spec.security.onInvalid ?? fallbackCode;
  /** The code answering a payload error: the broken field's onInvalid, else the spec's default (wire-format §5). */
  const payloadCode = (e: WireError): string => {
    const m = e.messageName === undefined ? undefined : kit.message(e.messageName);
    const own = m === undefined || e.code !== "constraint_violated" ? undefined : /^[^.]+\.([a-z0-9_]+)(?:\[\d+\])*$/.exec(e.path ?? "")?.[1];
    return (own === undefined ? undefined : m?.fields.find((f) => f.name === own)?.onInvalid) ?? invalidCode;
  };
  const anyError = spec.messages.find((m) => m.error !== undefined)?.error;
  const sessions = new Map<string, Session>();
  const socket = createSocket("udp4");

  const errorValue = (message: string, code: string, detail: string): WireObject => {
    const field = kit.codeField(message);
    return { ...kit.sample(message), ...(field === undefined ? {} : { [field]: code }), detail };
  };

  const onDatagram = (bytes: Uint8Array, from: RemoteInfo): void => {
    const key = `${from.address}:${from.port}`;
    const send = (out: Uint8Array): void => socket.send(out, from.port, from.address);
    const flagsByte = bytes.length >= 4 ? (bytes[3] ?? 0) : 0;
    const seqOf = (): number => (bytes.length >= HEADER_BYTES ? new DataView(bytes.buffer, bytes.byteOffset).getUint32(6) : 0);
    try {
      datagramHeader(bytes, kit.codec.limits);
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      if (plants.ackInvalid === true && (flagsByte & FLAG_RELIABLE) !== 0 && bytes.length >= HEADER_BYTES) send(kit.codec.encodeControl("ack", seqOf()));
      return;
    }
    const seq = seqOf();
    const response = (flagsByte & FLAG_RESPONSE) !== 0;
    if ((flagsByte & FLAG_ACK) !== 0) return;
    let session = sessions.get(key);
    const identity = `${response ? "R" : "-"}${seq}`;
    if ((flagsByte & FLAG_RELIABLE) !== 0) {
      if (plants.noAck !== true) send(kit.codec.encodeControl("ack", seq, { response }));
      const earlier = session?.seen.get(identity);
      if (earlier !== undefined && plants.deliverDuplicate !== true) {
        if (earlier !== null) send(earlier);
        return;
      }
    }
    let frame: DecodedFrame;
    try {
      frame = kit.codec.decodeFrame(bytes);
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      // A payload error in a request with an error message: answered with it (MAY); anything else is dropped.
      const m = e.messageName === undefined ? undefined : kit.message(e.messageName);
      if (m?.kind === "request" && m.error !== undefined && !response && e.code !== "invalid_flags") {
        const answer = kit.codec.encodeFrame(m.error, errorValue(m.error, payloadCode(e), `${e.code}: ${e.message}`.slice(0, 200)), { seq });
        session?.seen.set(identity, answer);
        send(answer);
      }
      return;
    }
    if (frame.kind === "control") {
      if (frame.control === "ping" && (plants.pongInSessionOnly !== true || session !== undefined)) send(kit.codec.encodeControl("pong", seq));
      return;
    }
    if (session === undefined) {
      session = { state: machine.initial, seen: new Map() };
      sessions.set(key, session);
    }
    if ((flagsByte & FLAG_RELIABLE) !== 0) session.seen.set(identity, null);
    const reply = (name: string, value: WireObject): void => {
      const answer = kit.codec.encodeFrame(name, value, { seq });
      if ((flagsByte & FLAG_RELIABLE) !== 0) session?.seen.set(identity, answer);
      send(answer);
    };
    const message = kit.message(frame.messageName);
    if (message.from !== "initiator") {
      if (plants.answerForeign === true && anyError !== undefined) reply(anyError, errorValue(anyError, fallbackCode, `${message.name} is sent by the server`));
      if (plants.forgetOnForeign === true) sessions.delete(key);
      return;
    }
    const state = stateNamed(session.state);
    const next = state === undefined ? undefined : afterReceive(spec, state, message.name);
    if (next === undefined || state === undefined) {
      if (message.error !== undefined && state !== undefined) reply(message.error, errorValue(message.error, refusalCode(spec, state) ?? fallbackCode, `${message.name} is not allowed in ${state.name}`));
      return;
    }
    let to = next.name;
    if (message.kind === "request") {
      const answer = message.responses[0] ?? message.error ?? "";
      reply(answer, kit.sample(answer));
      to = next.transitions.find((t) => t.action === "send" && t.message === answer)?.to ?? next.name;
    }
    if (stateNamed(to)?.terminal === true) sessions.delete(key);
    else session.state = to;
  };

  socket.on("message", (msg: Buffer, from) => onDatagram(new Uint8Array(msg.buffer, msg.byteOffset, msg.length), from));
  await new Promise<void>((resolve) => socket.bind(port, "127.0.0.1", resolve));
  return {
    port: socket.address().port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
