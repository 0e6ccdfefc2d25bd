// A small client in TypeScript on the reference codec (src/wire) that follows
// the demo contract (docs/interop.md): one session along the role machines'
// flow, its own machine checked before each send, PING answered with PONG, a
// request timeout of the spec's timing, a `stopped:` line and exit 1 when the
// session cannot go on, `done:` and exit 0 when it completed. For the client
// conformance runner's own tests; plants turn one rule off.
import { connect, type Socket } from "node:net";
import { createSpecView } from "../../../src/emit/transport-common/context.js";
import { scriptOf } from "../../../src/emit/transport-common/script.js";
import { deriveSessionFlow } from "../../../src/spec/flows.js";
import type { Spec, State } from "../../../src/spec/model.js";
import { createCaseKit } from "../../../src/verify/conformance/case-kit.js";
import { createDeframer, FLAG_RESPONSE, frameLimitsOf, nextSequence, WireError } from "../../../src/wire/index.js";

export interface ClientPlants {
  /** Never answers a PING. */
  readonly ignorePing?: boolean;
  /** Leaves out the first request of the flow and sends the others anyway (its machine unchecked). */
  readonly wrongState?: boolean;
  /** Gives its second frame the first one's sequence number. */
  readonly reuseSequence?: boolean;
  /** Does not notice that the server closed the connection (waits for its request timeout). */
  readonly hangOnClose?: boolean;
  /** Throws (a crash with a stack trace) when a request gets its error message. */
  readonly crashOnError?: boolean;
  /** Not a bug: reads nothing more once the answer to its last request is in, not even the rest of that read, as a client that closes on it at once (its FIN may be out before the next bytes come). */
  readonly deafAfterLastAnswer?: boolean;
}

export const CLIENT_PLANTS = ["ignorePing", "wrongState", "reuseSequence", "hangOnClose", "crashOnError"] as const;

class Stop extends Error {}

const EVENT_WAIT_MS = 2000;

/** Runs one session against host:port; resolves to the exit code (0 completed, 1 stopped). */
export async function runReferenceClient(spec: Spec, host: string, port: number, plants: ClientPlants = {}, out: (line: string) => void = console.log, abort?: AbortSignal): Promise<number> {
  const kit = createCaseKit(spec);
  const machine = spec.machines.initiator;
  const stateNamed = (name: string): State => machine.states.find((s) => s.name === name) ?? (machine.states[0] as State);
  let state = stateNamed(machine.initial);
  let seq = 0;
  let frames = 0;
  let closed: string | undefined;
  const pending = new Map<number, { resolve: (m: string) => void; reject: (e: Error) => void }>();
  const events: string[] = [];
  const eventWaiters: Array<() => void> = [];
  /** Answers still to come before the session's last one; set once the steps are known. */
  let answersLeft = Number.POSITIVE_INFINITY;
  let deaf = false;

  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect(port, host);
    s.once("connect", () => resolve(s));
    s.once("error", reject);
  });
  out(`connected to ${host}:${port} over TCP as the ${spec.roles.initiator.name}`);
  const stopAll = (why: string): void => {
    closed ??= why;
    for (const p of pending.values()) p.reject(new Stop(why));
    pending.clear();
  };
  const deframer = createDeframer(frameLimitsOf(spec));
  socket.on("data", (chunk: Buffer) => {
    if (deaf) return;
    let cut: Uint8Array[];
    try {
      cut = deframer.push(new Uint8Array(chunk));
    } catch (e) {
      if (!(e instanceof WireError)) throw e;
      socket.destroy();
      stopAll(`the server's bytes broke the framing (${e.code})`);
      return;
    }
    for (const bytes of cut) {
      let frame;
      try {
        frame = kit.codec.decodeFrame(bytes);
      } catch (e) {
        if (!(e instanceof WireError)) throw e;
        continue; // a payload error: the frame is dropped, the stream goes on
      }
      if (frame.kind === "control") {
        if (frame.control === "ping" && plants.ignorePing !== true) socket.write(kit.codec.encodeControl("pong", frame.header.sequence));
        continue;
      }
      const to = state.transitions.find((t) => t.action === "receive" && t.message === frame.messageName)?.to;
      if ((frame.header.flags & FLAG_RESPONSE) !== 0) {
        const p = pending.get(frame.header.sequence);
        if (p === undefined) continue;
        pending.delete(frame.header.sequence);
        if (to !== undefined) state = stateNamed(to);
        out(`<- ${frame.messageName} #${frame.header.sequence}`);
        p.resolve(frame.messageName);
        if (--answersLeft === 0 && plants.deafAfterLastAnswer === true) {
          deaf = true;
          return;
        }
        continue;
      }
      if (to === undefined) continue; // not expected now: dropped
      state = stateNamed(to);
      out(`<- ${frame.messageName} #${frame.header.sequence}`);
      events.push(frame.messageName);
      for (const w of eventWaiters.splice(0)) w();
    }
  });
  if (plants.hangOnClose !== true) {
    socket.on("end", () => stopAll("the server closed the connection"));
    socket.on("close", () => stopAll("the connection closed"));
  }
  socket.on("error", () => undefined);
  // Run in-process by a test, "killing" it ends the session at once.
  abort?.addEventListener("abort", () => {
    socket.destroy();
    stopAll("killed");
  });

  const send = (name: string): number => {
    if (closed !== undefined) throw new Stop(`cannot send ${name}: ${closed}`);
    const to = state.transitions.find((t) => t.action === "send" && t.message === name)?.to;
    if (to === undefined && plants.wrongState !== true) throw new Stop(`${name} is not allowed in ${state.name}`);
    if (to !== undefined) state = stateNamed(to);
    frames++;
    if (!(plants.reuseSequence === true && frames === 2)) seq = seq === 0 ? 1 : nextSequence(seq);
    socket.write(kit.codec.encodeFrame(name, kit.sample(name), { seq }));
    out(`-> ${name} #${seq}`);
    return seq;
  };
  const request = async (name: string): Promise<string> => {
    const answer = await exchange(name);
    if (plants.crashOnError === true && answer === kit.message(name).error) throw new Error(`unexpected ${answer}`);
    return answer;
  };
  const exchange = (name: string): Promise<string> => {
    const n = send(name);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(n);
        reject(new Stop(`no answer to ${name} (seq ${n}) within ${spec.timing.requestTimeoutMs} ms`));
      }, spec.timing.requestTimeoutMs);
      pending.set(n, {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  };

  const view = createSpecView(spec, { transport: "tcp" }, "reference");
  let steps = scriptOf(view, deriveSessionFlow(spec), (m, n) => `${m.name}${n}`);
  if (plants.wrongState === true) {
    const first = steps.findIndex((s) => s.kind === "request");
    steps = steps.filter((s, i) => i !== first && !(s.kind === "answer" && i === first + 1));
  }
  answersLeft = steps.filter((s) => s.kind === "request").length;
  const tasks = new Map<string, Promise<string>>();
  let answers = 0;
  let code = 0;
  try {
    for (const step of steps) {
      if (step.kind === "request") {
        const answer = request(step.message);
        answer.catch(() => undefined);
        if (step.task === undefined) {
          await answer;
          answers++;
        } else tasks.set(step.task, answer);
      } else if (step.kind === "oneway") send(step.message);
      else if (step.kind === "await") {
        await tasks.get(step.task);
        answers++;
      } else if (step.kind === "event" && !events.includes(step.message)) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, EVENT_WAIT_MS);
          eventWaiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    }
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    out(`stopped: ${e.message}`);
    code = 1;
  }
  out(`done: sent ${frames}, received ${answers} answers and ${events.length} events`);
  if (!socket.destroyed) await Promise.race([new Promise<void>((resolve) => socket.end(resolve)), new Promise<void>((resolve) => setTimeout(resolve, 1000))]);
  socket.destroy();
  return code;
}
