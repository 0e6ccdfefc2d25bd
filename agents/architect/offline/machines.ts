// The two role machines, derived from the messages alone so every design
// composes the same way and passes the model check:
//
//   initiator: connecting ─Hello▶ handshaking ─Welcome▶ ready … ─Goodbye▶ closed
//   responder: awaiting_hello ─Hello▶ checking ─Welcome▶ serving … ─Goodbye▶ closed
//
// After the handshake each role runs two lanes at once, and its states are
// their product: the initiator's requests (ready / awaiting_<request>) and
// the responder's requests (idle / executing_<request> on the initiator,
// idle / awaiting_<request>_reply on the responder). Events and one-way
// messages are self-loops, received in every state where they can arrive,
// so nothing arrives unspecified; every request waits for its answer, so
// nothing deadlocks.
import type { MachineInput } from "../../../src/spec/schema.js";
import type { MessageDraft } from "./draft.js";
import { snake } from "./text/naming.js";

type Transition = { send?: string; receive?: string; to: string };
type StateOut = { name: string; doc?: string; terminal?: boolean; transitions: Transition[] };

export interface Machines {
  readonly initiator: MachineInput;
  readonly responder: MachineInput;
}

const send = (message: string, to: string): Transition => ({ send: message, to });
const receive = (message: string, to: string): Transition => ({ receive: message, to });

export function buildMachines(messages: readonly MessageDraft[]): Machines {
  const of = (pred: (m: MessageDraft) => boolean) => messages.filter(pred);
  const handshake = of((m) => m.lane === "handshake")[0];
  const resume = of((m) => m.lane === "resume")[0];
  const discover = of((m) => m.lane === "discover");
  const goodbye = of((m) => m.lane === "close")[0];
  const main = of((m) => m.lane === "main");
  const clientRequests = main.filter((m) => m.kind === "request" && m.from === "initiator");
  const serverRequests = main.filter((m) => m.kind === "request" && m.from === "responder");
  const serverEvents = main.filter((m) => m.kind === "event" && m.from === "responder");
  const clientOneways = main.filter((m) => m.kind === "oneway" && m.from === "initiator");
  const answers = (m: MessageDraft) => [...m.responses, ...(m.error !== undefined ? [m.error] : [])];

  const cReq = [undefined, ...clientRequests];
  const sReq = [undefined, ...serverRequests];
  const clientName = (r: MessageDraft | undefined, s: MessageDraft | undefined) =>
    [r ? `awaiting_${snake(r.name)}` : "", s ? `executing_${snake(s.name)}` : ""].filter((x) => x !== "").join("_and_") || "ready";
  const serverName = (r: MessageDraft | undefined, s: MessageDraft | undefined) =>
    [r ? `handling_${snake(r.name)}` : "", s ? `awaiting_${snake(s.name)}_reply` : ""].filter((x) => x !== "").join("_and_") || "serving";

  const client: StateOut[] = [];
  const server: StateOut[] = [];

  // Handshake, resumption and discovery before the session.
  const cConnecting: StateOut = { name: "connecting", doc: "Connected, no session yet.", transitions: [] };
  const sAwaiting: StateOut = { name: "awaiting_hello", doc: "Connection accepted, no session yet.", transitions: [] };
  client.push(cConnecting);
  server.push(sAwaiting);
  if (handshake) {
    cConnecting.transitions.push(send(handshake.name, "handshaking"));
    client.push({ name: "handshaking", doc: "Waiting for the session to be accepted.", transitions: [...handshake.responses.map((r) => receive(r, "ready")), ...(handshake.error ? [receive(handshake.error, "closed")] : [])] });
    sAwaiting.transitions.push(receive(handshake.name, "checking"));
    server.push({ name: "checking", doc: "Checking the peer's identity.", transitions: [...handshake.responses.map((r) => send(r, "serving")), ...(handshake.error ? [send(handshake.error, "closed")] : [])] });
  }
  if (resume) {
    cConnecting.transitions.push(send(resume.name, "resuming"));
    client.push({ name: "resuming", doc: "Waiting for the session to be resumed.", transitions: [...resume.responses.map((r) => receive(r, "ready")), ...(resume.error ? [receive(resume.error, "connecting")] : [])] });
    sAwaiting.transitions.push(receive(resume.name, "checking_resume"));
    server.push({ name: "checking_resume", doc: "Checking the resume token.", transitions: [...resume.responses.map((r) => send(r, "serving")), ...(resume.error ? [send(resume.error, "awaiting_hello")] : [])] });
  }
  for (const d of discover) {
    const waiting = `discovering${discover.length > 1 ? `_${snake(d.name)}` : ""}`;
    const answering = `answering_${snake(d.name)}`;
    cConnecting.transitions.push(send(d.name, waiting));
    client.push({ name: waiting, doc: "Waiting for offers.", transitions: answers(d).map((r) => receive(r, "connecting")) });
    sAwaiting.transitions.push(receive(d.name, answering));
    server.push({ name: answering, transitions: answers(d).map((r) => send(r, "awaiting_hello")) });
  }

  // The session: the product of the two request lanes.
  for (const r of cReq) {
    for (const s of sReq) {
      const here = clientName(r, s);
      const t: Transition[] = [];
      if (r === undefined) {
        for (const req of clientRequests) t.push(send(req.name, clientName(req, s)));
        for (const o of clientOneways) t.push(send(o.name, here));
        if (s === undefined && goodbye) t.push(send(goodbye.name, "closed"));
      } else {
        for (const a of answers(r)) t.push(receive(a, clientName(undefined, s)));
      }
      if (s === undefined) for (const q of serverRequests) t.push(receive(q.name, clientName(r, q)));
      else for (const a of answers(s)) t.push(send(a, clientName(r, undefined)));
      for (const e of serverEvents) t.push(receive(e.name, here));
      client.push({ name: here, ...(r === undefined && s === undefined ? { doc: "In session, nothing outstanding." } : {}), transitions: t });
    }
  }
  for (const r of cReq) {
    for (const s of sReq) {
      const here = serverName(r, s);
      const t: Transition[] = [];
      if (r === undefined) {
        for (const req of clientRequests) t.push(receive(req.name, serverName(req, s)));
        for (const o of clientOneways) t.push(receive(o.name, here));
        if (goodbye) t.push(receive(goodbye.name, "closed"));
        for (const e of serverEvents) t.push(send(e.name, here));
        if (s === undefined) for (const q of serverRequests) t.push(send(q.name, serverName(r, q)));
      } else {
        for (const a of answers(r)) t.push(send(a, serverName(undefined, s)));
      }
      if (s !== undefined) for (const a of answers(s)) t.push(receive(a, serverName(r, undefined)));
      server.push({ name: here, ...(r === undefined && s === undefined ? { doc: "In session, nothing outstanding." } : {}), transitions: t });
    }
  }
  client.push({ name: "closed", terminal: true, transitions: [] });
  server.push({ name: "closed", terminal: true, transitions: [] });

  return { initiator: toMachine("connecting", client), responder: toMachine("awaiting_hello", server) };
}

function toMachine(initial: string, states: readonly StateOut[]): MachineInput {
  return {
    initial,
    states: states.map((s) => ({
      name: s.name,
      ...(s.doc !== undefined ? { doc: s.doc } : {}),
      terminal: s.terminal === true,
      transitions: s.transitions.map((t) => ({ ...(t.send !== undefined ? { send: t.send } : { receive: t.receive }), to: t.to })) as MachineInput["states"][number]["transitions"],
    })),
  };
}
