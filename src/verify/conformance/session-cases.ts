// Families "session" and "state": every message the server machine receives in
// a resting state, sent after the shortest route there, gets one of the
// answers the machine sends next; every client message a resting state does
// not allow is refused (its error message with the state's refusal code, or
// a close when it has no error message: wire-format §10.4). Pure.
import type { Message, State } from "../../spec/model.js";
import type { CaseKit } from "./case-kit.js";
import type { Accept, ConformanceCase, ConformanceTransport } from "./case-model.js";
import { CaseScript } from "./script.js";
import { afterReceive, refusalCode, type RestingState, restingStates } from "./server-states.js";

const ALL: readonly ConformanceTransport[] = ["tcp", "udp", "http"];
/** How long a oneway must stay unanswered. */
export const ONEWAY_SILENCE_MS = 200;

export function sessionCases(kit: CaseKit): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const resting of restingStates(kit.spec)) {
    const seen = new Set<string>();
    for (const t of resting.state.transitions) {
      if (t.action !== "receive" || seen.has(t.message)) continue;
      seen.add(t.message);
      const c = receiveCase(kit, resting, kit.message(t.message));
      if (c !== undefined) cases.push(c);
    }
  }
  return cases;
}

export function wrongStateCases(kit: CaseKit): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  const initial = kit.spec.machines.responder.initial;
  for (const resting of restingStates(kit.spec)) {
    const refusal = refusalCode(kit.spec, resting.state);
    for (const m of kit.spec.messages) {
      if (m.from !== "initiator" || (m.kind !== "request" && m.kind !== "oneway")) continue;
      if (resting.state.transitions.some((t) => t.action === "receive" && t.message === m.name)) continue;
      const script = routeTo(kit, resting);
      const seq = script.send(m.name);
      if (m.error !== undefined) script.expectAnswer(m.name, seq, [refusal === undefined ? { message: m.error } : { message: m.error, codes: [refusal] }]);
      else script.expectClose(`${m.name} has no error message to refuse it with (wire-format §10.4)`);
      const where = resting.state.name === initial && kit.authMessage !== undefined ? `before-${kit.authMessage}` : `in-${resting.state.name}`;
      cases.push({
        name: `state/${m.name}-${where}`,
        family: "state",
        proves: [`state:server.${resting.state.name}`, `message:${m.name}`, ...(refusal === undefined ? [] : [`error:${refusal}`])],
        summary:
          m.error === undefined
            ? `${m.name} in ${resting.state.name}, which does not allow it: the server closes the connection`
            : `${m.name} in ${resting.state.name}, which does not allow it: refused with ${m.error}${refusal === undefined ? "" : ` (${refusal})`}`,
        transports: ALL,
        steps: script.steps,
      });
    }
  }
  return cases;
}

/** A script that has played the route to `resting`, each answer the one the route needs. */
export function routeTo(kit: CaseKit, resting: RestingState): CaseScript {
  const script = new CaseScript(kit);
  for (const step of resting.route) {
    const seq = script.send(step.request);
    if (step.answer !== undefined) script.expectAnswer(step.request, seq, [{ message: step.answer }], { purpose: `to reach ${resting.state.name}` });
  }
  return script;
}

function receiveCase(kit: CaseKit, resting: RestingState, message: Message): ConformanceCase | undefined {
  const { state } = resting;
  const next = afterReceive(kit.spec, state, message.name);
  if (next === undefined) return undefined;
  const proves = [`transition:server.${state.name}/${message.name}`, `message:${message.name}`];
  const script = routeTo(kit, resting);
  const at = state.name === kit.spec.machines.responder.initial ? "" : `@${state.name}`;
  if (message.kind === "request") {
    const answers = answersIn(kit, message, next);
    const refusal = refusalCode(kit.spec, state);
    const accept: Accept[] = answers.map((a) =>
      a === message.error && refusal !== undefined ? { message: a, notCodes: [refusal], notCodesWhy: `${state.name} refuses only the requests it does not allow with ${refusal}` } : { message: a },
    );
    script.exchange(message.name, accept);
    return {
      name: `session/${message.name}→${answers.join("|")}${at}`,
      family: "session",
      proves: [...proves, ...answers.map((a) => `message:${a}`)],
      summary: `${message.name} in ${state.name} is answered with ${answers.join(" or ")}`,
      transports: ALL,
      steps: script.steps,
    };
  }
  if (message.kind !== "oneway") return undefined;
  script.send(message.name);
  if (next.terminal) {
    script.expectClose(`${message.name} leads the server to ${next.name}, a terminal state`);
    return { name: `session/${message.name}→close${at}`, family: "session", proves, summary: `${message.name} in ${state.name} ends the session: the server closes the connection`, transports: ALL, steps: script.steps };
  }
  script.expectSilence(ONEWAY_SILENCE_MS);
  const probe = next.transitions.find((t) => t.action === "receive" && kit.message(t.message).kind === "request")?.message;
  if (probe !== undefined) script.exchange(probe, answersIn(kit, kit.message(probe), afterReceive(kit.spec, next, probe)).map((a) => ({ message: a })));
  else script.expectPong(script.ping());
  return {
    name: `session/${message.name}${at}`,
    family: "session",
    proves,
    summary: `${message.name} in ${state.name} gets no answer and the connection stays usable`,
    transports: ALL,
    steps: script.steps,
  };
}

/** The answers of `request` the machine sends from `next` (the state after receiving it), in declaration order; all declared answers when it sends none. */
function answersIn(kit: CaseKit, request: Message, next: State | undefined): string[] {
  const declared = kit.answers(request);
  const sent = declared.filter((a) => next?.transitions.some((t) => t.action === "send" && t.message === a));
  return sent.length > 0 ? sent : declared;
}
