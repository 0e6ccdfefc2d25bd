// Checks the spec's behaviour section (docs/decisions/0009) against the rest
// of the spec: every message, field, error, group and attribute it names
// exists and fits the place, each problem at its spec path.
import type { SpecPath } from "./problems.js";
import type { BehaviourInput } from "./behaviour-schema.js";
import { BehaviourRefs, CLIENT_MESSAGE, CLIENT_REQUEST, isIdentifier, isInteger, SERVER_ANSWER } from "./behaviour-refs.js";
import type { ValidationContext } from "./validate-context.js";
import { validateGroups } from "./validate-groups.js";

export function validateBehaviour(ctx: ValidationContext): void {
  const behaviour = ctx.spec.behaviour;
  if (behaviour === undefined) return;
  const refs = new BehaviourRefs(ctx);
  const identity = validateSession(refs, behaviour);
  validateGroups(refs, behaviour.groups, identity);
  validateGuards(refs, behaviour);
  validateIdempotent(refs, behaviour);
  validateSequences(refs, behaviour);
  validateProgress(refs, behaviour);
}

/** Returns the identity field's name when the session declares one. */
function validateSession(refs: BehaviourRefs, behaviour: BehaviourInput): string | undefined {
  const session = behaviour.session;
  if (session === undefined) return undefined;
  const at: SpecPath = ["behaviour", "session"];
  const auth = refs.ctx.spec.security.authentication;
  const identity = refs.field(session.identity, [...at, "identity"], CLIENT_REQUEST);
  if (identity !== undefined && auth.message !== undefined && identity.owner !== auth.message) {
    refs.ctx.error("behaviour-identity", [...at, "identity"], `\`${session.identity}\` must be a field of ${auth.message}, the authentication request (security.authentication.message)`);
  }
  if (identity !== undefined && auth.message === undefined) {
    refs.ctx.error("behaviour-identity", [...at, "identity"], "a session identity needs security.authentication.message, the request that opens the session");
  }
  refs.expectType(identity, [...at, "identity"], isIdentifier, "a string, bytes or integer identity");
  if (session.unique !== undefined) refs.error(session.unique, [...at, "unique"]);
  session.ends.forEach((name, i) => refs.message(name, [...at, "ends", i], CLIENT_MESSAGE));
  const resume = session.resume;
  if (resume !== undefined) {
    const present = refs.field(resume.present, [...at, "resume", "present"], CLIENT_REQUEST);
    resume.token.forEach((ref, i) => {
      const token = refs.field(ref, [...at, "resume", "token", i], SERVER_ANSWER);
      if (token !== undefined && present !== undefined && token.field.type.trim() !== present.field.type.trim()) {
        refs.ctx.error("behaviour-wrong-type", [...at, "resume", "token", i], `\`${ref}\` is ${token.field.type} but \`${resume.present}\` is ${present.field.type}`);
      }
    });
    if (resume.window.field !== undefined) refs.expectType(refs.field(resume.window.field, [...at, "resume", "window", "field"], SERVER_ANSWER), [...at, "resume", "window", "field"], isInteger, "an integer (milliseconds)");
    refs.error(resume.expired, [...at, "resume", "expired"]);
    if (resume.replay !== undefined) {
      const after = refs.field(resume.replay.after, [...at, "resume", "replay", "after"], CLIENT_REQUEST);
      refs.expectType(after, [...at, "resume", "replay", "after"], isInteger, "an integer (the id of the last item the client got)");
      if (after !== undefined && present !== undefined && after.owner !== present.owner) {
        refs.ctx.error("behaviour-wrong-message", [...at, "resume", "replay", "after"], `\`${resume.replay.after}\` must be a field of ${present.owner}, the request that resumes`);
      }
      for (const name of resume.restores) {
        const group = behaviour.groups.find((g) => g.name === name);
        if (group !== undefined && group.history?.id === undefined) {
          refs.ctx.error("behaviour-incomplete", [...at, "resume", "replay"], `replay needs the history of group \`${name}\` with its \`id\` field`);
        }
      }
      if (resume.replay.count !== undefined) refs.expectType(refs.field(resume.replay.count, [...at, "resume", "replay", "count"], SERVER_ANSWER), [...at, "resume", "replay", "count"], isInteger, "an integer");
    }
    const groups = new Set(behaviour.groups.map((g) => g.name));
    resume.restores.forEach((name, i) => {
      if (!groups.has(name)) refs.ctx.error("behaviour-unknown-group", [...at, "resume", "restores", i], `group \`${name}\` is not declared in behaviour.groups`);
    });
  }
  return identity?.field.name;
}

function validateGuards(refs: BehaviourRefs, behaviour: BehaviourInput): void {
  behaviour.guards.forEach((guard, gi) => {
    const at: SpecPath = ["behaviour", "guards", gi];
    const group = behaviour.groups.find((g) => g.name === guard.member);
    if (group === undefined) refs.ctx.error("behaviour-unknown-group", [...at, "member"], `group \`${guard.member}\` is not declared in behaviour.groups`);
    guard.request.forEach((name, ri) => {
      const m = refs.message(name, [...at, "request", ri], CLIENT_MESSAGE);
      if (m !== undefined && group !== undefined && !m.fields.some((f) => f.name === group.key)) {
        refs.ctx.error("behaviour-missing-key", [...at, "request", ri], `\`${name}\` has no field \`${group.key}\` naming the ${group.name} it needs membership of`);
      }
    });
    if (guard.attribute !== undefined && group !== undefined && !group.attributes.some((a) => a.name === guard.attribute)) {
      refs.ctx.error("behaviour-unknown-attribute", [...at, "attribute"], `group \`${guard.member}\` has no attribute \`${guard.attribute}\``);
    }
    refs.error(guard.error, [...at, "error"]);
  });
}

function validateIdempotent(refs: BehaviourRefs, behaviour: BehaviourInput): void {
  refs.ctx.unique(behaviour.idempotent, (i) => i.request, (i) => ["behaviour", "idempotent", i, "request"], "idempotent request", "duplicate-name");
  behaviour.idempotent.forEach((entry, i) => {
    const at: SpecPath = ["behaviour", "idempotent", i];
    if (refs.message(entry.request, [...at, "request"], CLIENT_REQUEST) === undefined) return;
    refs.expectType(refs.field(`${entry.request}.${entry.key}`, [...at, "key"]), [...at, "key"], isIdentifier, "a string, bytes or integer key");
  });
}

function validateSequences(refs: BehaviourRefs, behaviour: BehaviourInput): void {
  behaviour.sequence.forEach((entry, i) => {
    const at: SpecPath = ["behaviour", "sequence", i];
    refs.expectType(refs.field(entry.field, [...at, "field"], CLIENT_MESSAGE), [...at, "field"], isInteger, "an integer");
    if (entry.gaps !== undefined) refs.expectType(refs.field(entry.gaps, [...at, "gaps"], SERVER_ANSWER), [...at, "gaps"], isInteger, "an integer");
  });
}

function validateProgress(refs: BehaviourRefs, behaviour: BehaviourInput): void {
  refs.ctx.unique(behaviour.progress, (p) => p.name, (i) => ["behaviour", "progress", i, "name"], "progress name", "duplicate-name");
  behaviour.progress.forEach((entry, i) => {
    const at: SpecPath = ["behaviour", "progress", i];
    refs.expectType(refs.field(entry.id, [...at, "id"], SERVER_ANSWER), [...at, "id"], isIdentifier, "a string, bytes or integer id");
    refs.expectType(refs.field(entry.at, [...at, "at"], CLIENT_REQUEST), [...at, "at"], isInteger, "an integer position");
    entry.acknowledged.forEach((ref, ai) => refs.expectType(refs.field(ref, [...at, "acknowledged", ai], SERVER_ANSWER), [...at, "acknowledged", ai], isInteger, "an integer position"));
    refs.error(entry.error, [...at, "error"]);
    const checksum = entry.checksum;
    if (checksum !== undefined) {
      refs.field(checksum.of, [...at, "checksum", "of"], CLIENT_REQUEST);
      refs.field(checksum.equals, [...at, "checksum", "equals"], CLIENT_REQUEST);
      refs.message(checksum.at, [...at, "checksum", "at"], CLIENT_REQUEST);
      refs.error(checksum.error, [...at, "checksum", "error"]);
    }
  });
}
