import { describe, expect, it } from "vitest";
import { formatSpecPath } from "../../src/spec/problems.js";
import { baseSpec, codes, mutate, parse } from "./base-spec.js";

interface Case {
  readonly rule: string;
  readonly edit: (spec: any) => void;
  readonly code: string;
  readonly path: string;
  readonly says: string;
}

const CASES: readonly Case[] = [
  { rule: "unique type and message names", edit: (s) => (s.types[1].name = "Ask"), code: "duplicate-name", path: "messages[0].name", says: "already used" },
  { rule: "unique message ids", edit: (s) => (s.messages[1].id = 1), code: "duplicate-message-id", path: "messages[1].id", says: "message id `1`" },
  { rule: "unique field names", edit: (s) => (s.messages[0].fields[1].name = "text"), code: "duplicate-name", path: "messages[0].fields[1].name", says: "field name" },
  { rule: "unique enum values", edit: (s) => (s.types[0].values[1].value = 0), code: "duplicate-value", path: "types[0].values[1].value", says: "enum value" },
  { rule: "unique error codes", edit: (s) => s.errors.push({ name: "other", code: 1, doc: "x" }), code: "duplicate-value", path: "errors[1].code", says: "error code" },
  { rule: "ErrorCode is reserved when errors exist", edit: (s) => s.types.push({ kind: "enum", name: "ErrorCode", doc: "x", values: [{ name: "a", value: 0, doc: "a" }] }), code: "reserved-name", path: "types[2].name", says: "derived from `errors`" },
  { rule: "type expressions parse", edit: (s) => (s.messages[0].fields[0].type = "str"), code: "unknown-type", path: "messages[0].fields[0].type", says: "unknown type `str`" },
  { rule: "named types resolve", edit: (s) => (s.messages[0].fields[1].type = "list<Place>"), code: "unresolved-type", path: "messages[0].fields[1].type", says: "`Place` is not declared" },
  { rule: "fields cannot hold messages", edit: (s) => (s.messages[0].fields[1].type = "Answer"), code: "unresolved-type", path: "messages[0].fields[1].type", says: "is a message" },
  { rule: "structs are not recursive", edit: (s) => s.types[1].fields.push({ name: "next", type: "Point", doc: "x", optional: true }), code: "recursive-type", path: "types[1]", says: "Point -> Point" },
  { rule: "min/max only on numbers", edit: (s) => (s.messages[0].fields[0].min = 1), code: "constraint-mismatch", path: "messages[0].fields[0].min", says: "apply to numbers" },
  { rule: "bounds fit the integer type", edit: (s) => (s.types[1].fields[0].type = "uint8", s.types[1].fields[0].max = 300), code: "constraint-mismatch", path: "types[1].fields[0].max", says: "outside the range of uint8" },
  { rule: "min <= max", edit: (s) => Object.assign(s.types[1].fields[0], { min: 5, max: 1 }), code: "constraint-mismatch", path: "types[1].fields[0].min", says: "greater than max" },
  { rule: "lengths only on string and bytes", edit: (s) => (s.types[1].fields[0].maxLength = 3), code: "constraint-mismatch", path: "types[1].fields[0].maxLength", says: "apply to string and bytes" },
  { rule: "minLength <= maxLength", edit: (s) => (s.messages[0].fields[0].minLength = 200), code: "constraint-mismatch", path: "messages[0].fields[0].minLength", says: "greater than maxLength" },
  { rule: "patterns compile", edit: (s) => (s.messages[0].fields[0].pattern = "([a-z"), code: "constraint-mismatch", path: "messages[0].fields[0].pattern", says: "not a valid regular expression" },
  { rule: "item counts only on lists", edit: (s) => (s.messages[0].fields[0].maxItems = 3), code: "constraint-mismatch", path: "messages[0].fields[0].maxItems", says: "apply to lists" },
  { rule: "senders are roles", edit: (s) => (s.messages[0].from = "browser"), code: "unknown-role", path: "messages[0].from", says: "`browser` is not a role" },
  { rule: "requests are answered or one-way", edit: (s) => (s.messages[0].responses = [], delete s.messages[0].error), code: "unanswered-request", path: "messages[0]", says: "make it kind: oneway" },
  { rule: "only requests have responses", edit: (s) => (s.messages[1].responses = ["Fail"]), code: "answer-on-non-request", path: "messages[1].responses", says: "only requests have responses" },
  { rule: "answers exist", edit: (s) => (s.messages[0].responses = ["Reply"]), code: "unresolved-message", path: "messages[0].responses[0]", says: "`Reply` is not declared" },
  { rule: "answers are responses", edit: (s) => (s.messages[1].kind = "event"), code: "answer-not-response", path: "messages[0].responses[0]", says: "must be kind: response" },
  { rule: "answers come from the other role", edit: (s) => (s.messages[1].from = "initiator"), code: "answer-wrong-role", path: "messages[0].responses[0]", says: "the other role" },
  { rule: "responses answer some request", edit: (s) => (s.messages[0].responses = []), code: "orphan-response", path: "messages[1]", says: "answers no request" },
  { rule: "authentication names its request", edit: (s) => (s.security = { authentication: { mode: "token" } }), code: "auth-without-message", path: "security.authentication", says: "needs `message`" },
  { rule: "authentication request is the initiator's", edit: (s) => (s.security = { authentication: { mode: "token", message: "Answer" } }), code: "auth-message-kind", path: "security.authentication.message", says: "request sent by the initiator" },
  { rule: "backoff bounds are ordered", edit: (s) => (s.timing = { retry: { initialBackoffMs: 9000, maxBackoffMs: 100 } }), code: "timing-inconsistent", path: "timing.retry.initialBackoffMs", says: "exceeds maxBackoffMs" },
  { rule: "keepalive is shorter than the idle timeout", edit: (s) => (s.timing = { keepaliveIntervalMs: 60000, idleTimeoutMs: 30000 }), code: "timing-inconsistent", path: "timing.keepaliveIntervalMs", says: "must be shorter than idleTimeoutMs" },
  { rule: "the major version fits a byte", edit: (s) => (s.protocol.version = "300.0.0"), code: "version-out-of-range", path: "protocol.version", says: "at most 255" },
  { rule: "initial state exists", edit: (s) => (s.machines.initiator.initial = "start"), code: "unknown-state", path: "machines.initiator.initial", says: "`start` is not among the states" },
  { rule: "transition targets exist", edit: (s) => (s.machines.initiator.states[0].transitions[0].to = "nowhere"), code: "unknown-state", path: "machines.initiator.states[0].transitions[0].to", says: "`nowhere`" },
  { rule: "transitions name declared messages", edit: (s) => (s.machines.responder.states[0].transitions.push({ receive: "Hello", to: "idle" })), code: "unresolved-message", path: "machines.responder.states[0].transitions[1].receive", says: "`Hello` is not declared" },
  { rule: "a role sends only its own messages", edit: (s) => s.machines.responder.states[0].transitions.push({ send: "Ask", to: "idle" }), code: "wrong-direction", path: "machines.responder.states[0].transitions[1].send", says: "cannot send `Ask`" },
  { rule: "a role receives only the peer's messages", edit: (s) => s.machines.initiator.states[0].transitions.push({ receive: "Ask", to: "idle" }), code: "wrong-direction", path: "machines.initiator.states[0].transitions[1].receive", says: "cannot receive `Ask`" },
  { rule: "no duplicate transitions", edit: (s) => s.machines.initiator.states[1].transitions.push({ receive: "Answer", to: "idle" }), code: "ambiguous-transition", path: "machines.initiator.states[1].transitions[2]", says: "waiting: receive Answer" },
  { rule: "no non-terminal dead ends", edit: (s) => (s.machines.initiator.states[2].terminal = false), code: "dead-end-state", path: "machines.initiator.states[2]", says: "no transitions and is not terminal" },
  { rule: "every state reachable", edit: (s) => s.machines.responder.states.push({ name: "limbo", terminal: true }), code: "unreachable-state", path: "machines.responder.states[3]", says: "cannot be reached" },
  { rule: "every message is sent", edit: (s) => (s.machines.responder.states[1].transitions = [{ send: "Answer", to: "done" }]), code: "never-sent", path: "messages[2]", says: "no state of its machine sends it" },
  { rule: "every message is received", edit: (s) => (s.machines.initiator.states[1].transitions = [{ receive: "Answer", to: "done" }]), code: "never-received", path: "messages[2]", says: "no state of its machine receives it" },
  { rule: "requirement ids unique", edit: (s) => s.requirements.push({ id: "R1", text: "x", category: "security" }), code: "duplicate-name", path: "requirements[1].id", says: "requirement id" },
  { rule: "traces resolve", edit: (s) => (s.requirements[0].tracedTo = ["field:Ask.nope"]), code: "unresolved-trace", path: "requirements[0].tracedTo[0]", says: "field `Ask.nope` does not exist" },
  { rule: "trace kinds are known", edit: (s) => (s.requirements[0].tracedTo = ["thing:Ask"]), code: "unresolved-trace", path: "requirements[0].tracedTo[0]", says: "must start with one of" },
  { rule: "roles have distinct names", edit: (s) => (s.roles.responder.name = "client"), code: "duplicate-role-name", path: "roles.responder.name", says: "both roles are called `client`" },
  { rule: "a role is not named after the other's id", edit: (s) => (s.roles.initiator.name = "responder"), code: "ambiguous-role-name", path: "roles.initiator.name", says: "the other role's id" },
  { rule: "responses have no interval", edit: (s) => (s.messages[1].intervalMs = 1000), code: "interval-on-response", path: "messages[1].intervalMs", says: "not on an interval" },
  { rule: "units only on numbers", edit: (s) => (s.messages[0].fields[0].unit = "ms"), code: "constraint-mismatch", path: "messages[0].fields[0].unit", says: "a unit applies to numbers" },
  { rule: "patterns are portable", edit: (s) => (s.messages[0].fields[0].pattern = "(?<=a)b"), code: "pattern-not-portable", path: "messages[0].fields[0].pattern", says: "lookbehind" },
  { rule: "patterns without back-references", edit: (s) => (s.messages[0].fields[0].pattern = "(a)\\1"), code: "pattern-not-portable", path: "messages[0].fields[0].pattern", says: "back-references" },
  { rule: "field names differ in camelCase", edit: (s) => s.messages[0].fields.push({ name: "a_1", type: "bool", doc: "x" }, { name: "a1", type: "bool", doc: "y" }), code: "name-collision", path: "messages[0].fields[3].name", says: "camelCase" },
  { rule: "snake_case has single underscores", edit: (s) => (s.messages[0].fields[0].name = "user__id"), code: "schema-invalid-format", path: "messages[0].fields[0].name", says: "single underscores" },
  { rule: "unknown keys are refused", edit: (s) => (s.messages[0].colour = "red"), code: "unknown-key", path: "messages[0].colour", says: "unknown key `colour`" },
  { rule: "names follow the conventions", edit: (s) => (s.messages[0].fields[0].name = "Text"), code: "schema-invalid-format", path: "messages[0].fields[0].name", says: "snake_case" },
  { rule: "onInvalid names a declared error", edit: (s) => (s.messages[0].fields[0].onInvalid = "too_long"), code: "unresolved-error", path: "messages[0].fields[0].onInvalid", says: "error `too_long` is not declared" },
  { rule: "security.onInvalid names a declared error", edit: (s) => (s.security = { onInvalid: "bad_request" }), code: "unresolved-error", path: "security.onInvalid", says: "error `bad_request` is not declared" },
  { rule: "onInvalid only on a message the server receives", edit: (s) => Object.assign(s.messages[1].fields[0], { type: "uint8", max: 3, onInvalid: "confused" }), code: "on-invalid-not-received", path: "messages[1].fields[0].onInvalid", says: "the server never receives `Answer`" },
  { rule: "onInvalid not on a type's field", edit: (s) => Object.assign(s.types[1].fields[0], { max: 3, onInvalid: "confused" }), code: "on-invalid-not-received", path: "types[1].fields[0].onInvalid", says: "`Point` is a type" },
  { rule: "onInvalid only on a constrained field", edit: (s) => (delete s.messages[0].fields[0].maxLength, (s.messages[0].fields[0].onInvalid = "confused")), code: "on-invalid-unconstrained", path: "messages[0].fields[0].onInvalid", says: "`Ask.text` has no constraints" },
  { rule: "onInvalid needs an error message to answer with", edit: (s) => (delete s.messages[0].error, (s.messages[0].fields[0].onInvalid = "confused")), code: "on-invalid-unanswered", path: "messages[0].fields[0].onInvalid", says: "no `error` message" },
  { rule: "onInvalid needs an ErrorCode in the error message", edit: (s) => ((s.messages[2].fields[0].type = "uint16"), (s.messages[0].fields[0].onInvalid = "confused")), code: "on-invalid-unanswered", path: "messages[0].fields[0].onInvalid", says: "no ErrorCode field" },
  { rule: "required keys are present", edit: (s) => delete s.messages[0].doc, code: "missing-key", path: "messages[0].doc", says: "required" },
];

describe("semantic validation", () => {
  it("accepts the base spec", () => {
    const result = parse(baseSpec());
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it.each(CASES)("$rule", ({ edit, code, path, says }) => {
    const result = mutate(edit);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const match = result.problems.find((p) => p.code === code && formatSpecPath(p.path) === path);
    expect(match, `problems were: ${JSON.stringify(result.problems.map((p) => [p.code, formatSpecPath(p.path), p.message]))}`).toBeDefined();
    expect(match?.message).toContain(says);
    expect(match?.position?.file).toBe("spec.yaml");
  });

  it("accepts onInvalid on a constrained request field and a spec-wide default", () => {
    const result = mutate((s) => {
      s.messages[0].fields[0].onInvalid = "confused";
      s.security = { onInvalid: "confused" };
    });
    expect(codes(result)).toEqual([]);
    if (result.ok) {
      expect(result.spec.messages[0]?.fields[0]?.onInvalid).toBe("confused");
      expect(result.spec.messages[0]?.fields[1]?.onInvalid).toBeUndefined();
      expect(result.spec.security.onInvalid).toBe("confused");
    }
  });

  it("accepts names that are reserved words in target languages", () => {
    const result = mutate((s) => {
      s.messages[0].fields[0].name = "class";
      s.messages[0].fields[1].name = "from";
      s.types[1].fields[0].name = "import";
      s.types[1].fields[1].name = "delete";
      s.types[0].values[0].name = "true";
    });
    expect(codes(result)).toEqual([]);
  });

  it("reports every problem at once", () => {
    const result = mutate((s) => {
      s.messages[1].id = 1;
      s.messages[0].fields[0].type = "str";
      s.machines.initiator.initial = "start";
    });
    expect(codes(result)).toEqual(expect.arrayContaining(["duplicate-message-id", "unknown-type", "unknown-state"]));
  });

  it("warns about a terminal state with transitions but accepts the spec", () => {
    const result = mutate((s) => s.machines.initiator.states[2].transitions = [{ send: "Ask", to: "waiting" }]);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings.map((w) => w.code)).toEqual(["terminal-with-transitions"]);
  });
});
