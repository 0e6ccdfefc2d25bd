// The steps only a datagram link can run (wire-format §10.2): an ACK arrived,
// no ACK or PONG arrived, a duplicate's answer is the first answer again.
// Each wait is bounded by its deadline and a frame budget.
import { FLAG_RESPONSE } from "../../wire/index.js";
import type { Step } from "./case-model.js";
import { decode, describeFrame, describeUndecodable, type JudgeContext } from "./judge.js";
import type { Link, LinkEvent } from "./link.js";
import { UdpLink } from "./udp-link.js";

export type DatagramStep = Extract<Step, { kind: "expect-ack" | "expect-none" | "expect-same-answer" }>;
type Outcome = { readonly kind: "next" } | { readonly kind: "fail"; readonly reason: string };

const MAX_FRAMES = 256;

export async function runDatagramStep(step: DatagramStep, link: Link, judge: JudgeContext, deadline: number, waitMs: number): Promise<Outcome> {
  if (!(link instanceof UdpLink)) return { kind: "fail", reason: `${step.kind} needs a UDP link` };
  switch (step.kind) {
    case "expect-ack":
      return expectAck(step, link, deadline, waitMs);
    case "expect-none":
      return link.received(step.control, step.seq) ? { kind: "fail", reason: `got ${step.control.toUpperCase()} #${step.seq}, expected none (${step.why})` } : { kind: "next" };
    case "expect-same-answer":
      return expectSameAnswer(step, link, judge, deadline, waitMs);
  }
}

async function expectAck(step: Extract<Step, { kind: "expect-ack" }>, link: UdpLink, deadline: number, waitMs: number): Promise<Outcome> {
  const what = `ACK${step.response ? "|RESPONSE" : ""} #${step.seq}`;
  const unused: LinkEvent[] = [];
  try {
    for (let i = 0; i <= MAX_FRAMES; i++) {
      if (link.takeAck(step.seq, step.response)) return { kind: "next" };
      if (i === MAX_FRAMES) break;
      const e = await link.next(deadline);
      if (e.kind === "timeout") {
        const other = link.ackedWithOtherBit(step.seq, step.response) ? `; an ACK #${step.seq} came with RESPONSE ${step.response ? "clear" : "set"}` : "";
        return { kind: "fail", reason: `no ${what} within ${waitMs} ms (${step.why})${other}` };
      }
      if (e.kind === "closed") return { kind: "fail", reason: `waiting for ${what}: ${e.why}` };
      unused.push(e);
    }
    return { kind: "fail", reason: `more than ${MAX_FRAMES} datagrams without ${what}` };
  } finally {
    link.unread(unused);
  }
}

async function expectSameAnswer(step: Extract<Step, { kind: "expect-same-answer" }>, link: UdpLink, judge: JudgeContext, deadline: number, waitMs: number): Promise<Outcome> {
  const first = link.firstAnswer(step.seq);
  if (first === undefined) return { kind: "fail", reason: `no earlier answer to ${step.request} #${step.seq} to compare with` };
  for (let i = 0; i < MAX_FRAMES; i++) {
    const e = await link.next(deadline);
    if (e.kind === "timeout") return { kind: "fail", reason: `no answer to the duplicate of ${step.request} #${step.seq} within ${waitMs} ms (the first answer must be sent again)` };
    if (e.kind === "closed") return { kind: "fail", reason: `waiting for the answer to the duplicate of ${step.request} #${step.seq}: ${e.why}` };
    if (e.kind === "garbage") return { kind: "fail", reason: `the server sent a datagram that is not one frame (${e.error.code}: ${e.error.message})` };
    if (e.kind !== "frame") continue;
    const d = decode(judge.codec, e.bytes);
    if (!d.ok) return { kind: "fail", reason: `waiting for the answer to the duplicate of ${step.request} #${step.seq}, got ${describeUndecodable(d.error)}` };
    const f = d.frame;
    if (f.kind === "control" || (f.header.flags & FLAG_RESPONSE) === 0) continue;
    if (f.header.sequence !== step.seq) return { kind: "fail", reason: `expected the answer to the duplicate of ${step.request} #${step.seq}, got ${describeFrame(judge.codec, f)}` };
    if (bytesEqual(e.bytes, first)) return { kind: "next" };
    const was = decode(judge.codec, first);
    const before = was.ok ? describeFrame(judge.codec, was.frame) : `${first.length} bytes`;
    return { kind: "fail", reason: `the duplicate of ${step.request} #${step.seq} got ${describeFrame(judge.codec, f)}, not the first answer ${before} unchanged (delivered twice?)` };
  }
  return { kind: "fail", reason: `more than ${MAX_FRAMES} datagrams without the answer to the duplicate of ${step.request} #${step.seq}` };
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
