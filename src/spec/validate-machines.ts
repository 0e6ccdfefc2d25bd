// Checks of the two role state machines: states exist, transitions send what
// the role sends and receive what the other role sends, every state is
// reachable, no non-terminal dead ends, every message is sent and received.
import type { RoleId } from "./model.js";
import { ROLE_IDS } from "./model.js";
import type { ValidationContext } from "./validate-context.js";

export function validateMachines(ctx: ValidationContext): void {
  const sent = { initiator: new Set<string>(), responder: new Set<string>() };
  const received = { initiator: new Set<string>(), responder: new Set<string>() };
  for (const role of ROLE_IDS) validateMachine(ctx, role, sent[role], received[role]);

  ctx.spec.messages.forEach((m, mi) => {
    const sender = ctx.senderOf(m);
    if (sender === undefined) return;
    const receiver: RoleId = sender === "initiator" ? "responder" : "initiator";
    if (!sent[sender].has(m.name)) {
      ctx.error("never-sent", ["messages", mi], `\`${m.name}\` is sent by the ${sender} (${ctx.spec.roles[sender].name}) but no state of its machine sends it`);
    }
    if (!received[receiver].has(m.name)) {
      ctx.error("never-received", ["messages", mi], `\`${m.name}\` goes to the ${receiver} (${ctx.spec.roles[receiver].name}) but no state of its machine receives it`);
    }
  });
}

function validateMachine(ctx: ValidationContext, role: RoleId, sent: Set<string>, received: Set<string>): void {
  const machine = ctx.spec.machines[role];
  const base = ["machines", role] as const;
  const names = new Set(machine.states.map((s) => s.name));
  ctx.unique(machine.states, (s) => s.name, (i) => [...base, "states", i, "name"], "state name", "duplicate-name");
  if (!names.has(machine.initial)) ctx.error("unknown-state", [...base, "initial"], `initial state \`${machine.initial}\` is not among the states`);

  machine.states.forEach((state, si) => {
    const at = [...base, "states", si] as const;
    if (!state.terminal && state.transitions.length === 0) {
      ctx.error("dead-end-state", at, `state \`${state.name}\` has no transitions and is not terminal`);
    }
    if (state.terminal && state.transitions.length > 0) {
      ctx.warning("terminal-with-transitions", at, `terminal state \`${state.name}\` has transitions; a terminal state ends the conversation`);
    }
    state.transitions.forEach((t, ti) => {
      const tp = [...at, "transitions", ti] as const;
      if (!names.has(t.to)) ctx.error("unknown-state", [...tp, "to"], `state \`${t.to}\` is not among the ${role}'s states`);
      const name = t.send ?? t.receive ?? "";
      const key = t.send !== undefined ? "send" : "receive";
      const m = ctx.messagesByName.get(name);
      if (!m) {
        ctx.error("unresolved-message", [...tp, key], `message \`${name}\` is not declared`);
        return;
      }
      const sender = ctx.senderOf(m);
      if (sender === undefined) return;
      if (key === "send") {
        if (sender !== role) ctx.error("wrong-direction", [...tp, key], `the ${role} cannot send \`${name}\`: it is sent by the ${sender}`);
        else sent.add(name);
      } else {
        if (sender === role) ctx.error("wrong-direction", [...tp, key], `the ${role} cannot receive \`${name}\`: it sends it itself`);
        else received.add(name);
      }
    });
  });
  const moves = machine.states.flatMap((s, si) =>
    s.transitions.map((t, ti) => ({ key: `${s.name}: ${t.send !== undefined ? "send" : "receive"} ${t.send ?? t.receive ?? ""}`, si, ti })),
  );
  ctx.unique(
    moves,
    (x) => x.key,
    (i) => [...base, "states", moves[i]?.si ?? 0, "transitions", moves[i]?.ti ?? 0],
    "transition",
    "ambiguous-transition",
  );

  const reachable = new Set<string>();
  const queue = names.has(machine.initial) ? [machine.initial] : [];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (reachable.has(name)) continue;
    reachable.add(name);
    for (const t of machine.states.find((s) => s.name === name)?.transitions ?? []) if (names.has(t.to)) queue.push(t.to);
  }
  machine.states.forEach((state, si) => {
    if (!reachable.has(state.name)) ctx.error("unreachable-state", [...base, "states", si], `state \`${state.name}\` cannot be reached from \`${machine.initial}\``);
  });
}
