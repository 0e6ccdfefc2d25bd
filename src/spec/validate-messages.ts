// Checks of messages: unique ids, known senders, requests that are answered,
// answers sent by the other role, authentication and timing sanity.
import type { SpecPath } from "./problems.js";
import type { ValidationContext } from "./validate-context.js";

export function validateMessages(ctx: ValidationContext): void {
  const { spec } = ctx;
  ctx.unique(spec.messages, (m) => m.id, (i) => ["messages", i, "id"], "message id", "duplicate-message-id");
  const answered = new Set<string>();
  const { initiator, responder } = spec.roles;
  if (initiator.name === responder.name) {
    ctx.error("duplicate-role-name", ["roles", "responder", "name"], `both roles are called \`${initiator.name}\`; give them different names`);
  } else if (initiator.name === "responder" || responder.name === "initiator") {
    const role = initiator.name === "responder" ? "initiator" : "responder";
    ctx.error("ambiguous-role-name", ["roles", role, "name"], `the ${role} cannot be called \`${spec.roles[role].name}\`: that is the other role's id`);
  }

  spec.messages.forEach((m, mi) => {
    const path: SpecPath = ["messages", mi];
    const sender = ctx.senderOf(m);
    if (sender === undefined) {
      ctx.error("unknown-role", [...path, "from"], `\`${m.from}\` is not a role: use initiator, responder, ${spec.roles.initiator.name} or ${spec.roles.responder.name}`);
    }
    if (m.intervalMs !== undefined && m.kind === "response") {
      ctx.error("interval-on-response", [...path, "intervalMs"], `a response is sent when its request arrives, not on an interval`);
    }
    if (m.kind !== "request") {
      if (m.responses.length > 0) ctx.error("answer-on-non-request", [...path, "responses"], `only requests have responses; \`${m.name}\` is ${m.kind === "oneway" ? "one-way" : `a ${m.kind}`}`);
      if (m.error !== undefined) ctx.error("answer-on-non-request", [...path, "error"], `only requests have an error answer; \`${m.name}\` is ${m.kind === "oneway" ? "one-way" : `a ${m.kind}`}`);
    } else if (m.responses.length === 0 && m.error === undefined) {
      ctx.error("unanswered-request", path, `request \`${m.name}\` has no responses and no error answer; add them or make it kind: oneway`);
    }
    const answers: [string, SpecPath][] = m.responses.map((r, ri) => [r, [...path, "responses", ri]]);
    if (m.error !== undefined) answers.push([m.error, [...path, "error"]]);
    for (const [name, at] of answers) {
      answered.add(name);
      const answer = ctx.messagesByName.get(name);
      if (!answer) {
        ctx.error("unresolved-message", at, `message \`${name}\` is not declared`);
        continue;
      }
      if (answer.kind !== "response") ctx.error("answer-not-response", at, `\`${name}\` answers \`${m.name}\` and must be kind: response (it is ${answer.kind})`);
      const answerSender = ctx.senderOf(answer);
      if (sender !== undefined && answerSender === sender) ctx.error("answer-wrong-role", at, `\`${name}\` answers \`${m.name}\` so it must be sent by the other role`);
    }
  });
  spec.messages.forEach((m, mi) => {
    if (m.kind === "response" && !answered.has(m.name)) {
      ctx.error("orphan-response", ["messages", mi], `response \`${m.name}\` answers no request; list it in a request's responses or error`);
    }
  });

  const auth = spec.security.authentication;
  if (auth.mode !== "none") {
    const at: SpecPath = ["security", "authentication", "message"];
    if (auth.message === undefined) ctx.error("auth-without-message", ["security", "authentication"], `authentication mode ${auth.mode} needs \`message\`: the request that carries the credentials`);
    else {
      const m = ctx.messagesByName.get(auth.message);
      if (!m) ctx.error("unresolved-message", at, `message \`${auth.message}\` is not declared`);
      else if (m.kind !== "request" || ctx.senderOf(m) !== "initiator") ctx.error("auth-message-kind", at, `\`${auth.message}\` must be a request sent by the initiator`);
    }
  }

  const { timing } = spec;
  if (timing.retry.initialBackoffMs > timing.retry.maxBackoffMs) {
    ctx.error("timing-inconsistent", ["timing", "retry", "initialBackoffMs"], `initialBackoffMs ${timing.retry.initialBackoffMs} exceeds maxBackoffMs ${timing.retry.maxBackoffMs}`);
  }
  if (timing.keepaliveIntervalMs >= timing.idleTimeoutMs) {
    ctx.error("timing-inconsistent", ["timing", "keepaliveIntervalMs"], `keepaliveIntervalMs ${timing.keepaliveIntervalMs} must be shorter than idleTimeoutMs ${timing.idleTimeoutMs}, or idle peers are cut off between keepalives`);
  }
  const major = Number(spec.protocol.version.split(".")[0]);
  if (major > 255) ctx.error("version-out-of-range", ["protocol", "version"], `the major version is carried in one byte of every frame header and must be at most 255 (it is ${major})`);
}
