// A small server in TypeScript on the reference codec (src/wire), following a
// spec's server machine and the stream reactions of wire-format §10.1 and
// §10.4, for the conformance runner's own tests, with the behaviour engine
// (reference-behaviour.ts) when the spec has a behaviour section. Plants turn
// one rule off.
import { createServer, type Server, type Socket } from "node:net";
import type { Spec } from "../../../src/spec/model.js";
import { createCaseKit } from "../../../src/verify/conformance/case-kit.js";
import { afterReceive, refusalCode } from "../../../src/verify/conformance/server-states.js";
import { CLOSING_ERRORS } from "../../../src/verify/conformance/wire-cases.js";
import { createDeframer, FLAG_RESPONSE, frameLimitsOf, WireError } from "../../../src/wire/index.js";
import type { WireObject } from "../../../src/wire/values.js";
import { type BehaviourConn, BehaviourEngine, type BehaviourPlants } from "./reference-behaviour.js";

export interface Plants extends BehaviourPlants {
  /** Refuses a request its state does not allow with another code than the state's refusal code. */
  readonly wrongErrorCode?: boolean;
  /** Answers requests in any state as if they were allowed. */
  readonly skipStateCheck?: boolean;
  /** Keeps the connection open (and deaf) after bad magic. */
  readonly keepOpenOnBadMagic?: boolean;
  /** Never answers a PING. */
  readonly ignorePing?: boolean;
  /** Answers a broken constraint with the default invalid code, ignoring the field's onInvalid. */
  readonly ignoreFieldErrors?: boolean;
}

export interface RunningReference {
  readonly port: number;
  close(): Promise<void>;
}

export async function startReferenceServer(spec: Spec, plants: Plants = {}, port = 0): Promise<RunningReference> {
  const kit = createCaseKit(spec);
  const machine = spec.machines.responder;
  const stateNamed = (name: string) => machine.states.find((s) => s.name === name);
  const fallbackCode = spec.errors.find((e) => e.name === "invalid_request")?.name ?? spec.errors[0]?.name ?? "";
  const invalidCode = spec.security.onInvalid ?? fallbackCode;
  /** The code answering a payload error: the broken field's onInvalid (its own value or an element of it), else the spec's default. */
  const payloadCode = (e: WireError): string => {
    const m = e.messageName === undefined ? undefined : kit.message(e.messageName);
    const own = m === undefined || e.code !== "constraint_violated" ? undefined : /^[^.]+\.([a-z0-9_]+)(?:\[\d+\])*$/.exec(e.path ?? "")?.[1];
    const mapped = own === undefined || plants.ignoreFieldErrors === true ? undefined : m?.fields.find((f) => f.name === own)?.onInvalid;
    return mapped ?? invalidCode;
  };
  const sockets = new Set<Socket>();
  const engine = spec.behaviour === undefined ? undefined : new BehaviourEngine(spec, spec.behaviour, kit, plants);

  const errorValue = (message: string, code: string, detail: string): WireObject => {
    const field = kit.codeField(message);
    return { ...kit.sample(message), ...(field === undefined ? {} : { [field]: code }), detail };
  };

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    const deframer = createDeframer(frameLimitsOf(spec));
    let state = stateNamed(machine.initial);
    let deaf = false;
    const reply = (message: string, value: WireObject, seq: number): void => {
      socket.write(kit.codec.encodeFrame(message, value, { seq }));
    };
    let eventSeq = 0;
    const conn: BehaviourConn = {
      event: (message, value) => {
        if (!socket.destroyed && !socket.writableEnded) socket.write(kit.codec.encodeFrame(message, value, { seq: ++eventSeq }));
      },
      close: () => socket.end(),
    };
    const drop = (): void => engine?.dropped(conn);
    socket.on("end", drop);
    socket.on("close", drop);
    socket.on("data", (chunk: Buffer) => {
      if (deaf) return;
      let frames: Uint8Array[];
      try {
        frames = deframer.push(new Uint8Array(chunk));
      } catch (e) {
        if (!(e instanceof WireError)) throw e;
        if (e.code === "bad_magic" && plants.keepOpenOnBadMagic === true) deaf = true;
        else socket.destroy();
        return;
      }
      for (const bytes of frames) {
        let frame;
        try {
          frame = kit.codec.decodeFrame(bytes);
        } catch (e) {
          if (!(e instanceof WireError)) throw e;
          if (CLOSING_ERRORS.has(e.code)) {
            socket.destroy();
            return;
          }
          const m = e.messageName === undefined ? undefined : kit.message(e.messageName);
          if (m?.error !== undefined) reply(m.error, errorValue(m.error, payloadCode(e), `${e.code}: ${e.message}`.slice(0, 200)), new DataView(bytes.buffer, bytes.byteOffset).getUint32(6));
          continue;
        }
        if (frame.kind === "control") {
          if (frame.control === "ping" && plants.ignorePing !== true) socket.write(kit.codec.encodeControl("pong", frame.header.sequence));
          continue;
        }
        const seq = frame.header.sequence;
        const message = kit.message(frame.messageName);
        if (message.from !== "initiator" || (frame.header.flags & FLAG_RESPONSE) !== 0 || state === undefined) {
          socket.destroy();
          return;
        }
        let next = afterReceive(spec, state, message.name);
        if (next === undefined && plants.skipStateCheck === true) {
          const anywhere = machine.states.find((st) => st.transitions.some((t) => t.action === "receive" && t.message === message.name));
          next = anywhere === undefined ? undefined : afterReceive(spec, anywhere, message.name);
        }
        if (next === undefined) {
          if (message.error === undefined) {
            socket.destroy();
            return;
          }
          const refusal = refusalCode(spec, state) ?? fallbackCode;
          const code = plants.wrongErrorCode === true ? (spec.errors.find((e) => e.name !== refusal)?.name ?? refusal) : refusal;
          reply(message.error, errorValue(message.error, code, `${message.name} is not allowed in ${state.name}`), seq);
          continue;
        }
        const handled = engine?.handle(conn, message, frame.value);
        if (message.kind === "request") {
          const answer = handled?.answer ?? message.responses[0] ?? message.error ?? "";
          reply(answer, handled?.value ?? kit.sample(answer), seq);
          state = stateNamed(next.transitions.find((t) => t.action === "send" && t.message === answer)?.to ?? next.name);
        } else state = next;
        if (state?.terminal === true) {
          socket.end();
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  const bound = typeof address === "object" && address !== null ? address.port : 0;
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
