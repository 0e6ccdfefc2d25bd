// Family "http": the status table of wire-format §10.3, for the requests a
// server cannot take as messages — a body that is not JSON or not a valid
// payload, a missing or broken X-Protoforge-Seq, an unknown message or one
// only the server sends, a wrong method, a body over maxFrameBytes, another
// Content-Type, a credential that is not the session's, and the rate limit.
// The session and state families run over HTTP unchanged (through the HTTP
// link); this family is HTTP only. Pure.
import { WireError } from "../../wire/index.js";
import type { CaseKit } from "./case-kit.js";
import type { ConformanceCase, Step } from "./case-model.js";
import { type HttpExpectation, type HttpProbe, SEQ_HEADER } from "./http-probe.js";
import { credentialField, hasRetryField, RETRY_FIELD } from "./http-session.js";
import { restingStates } from "./server-states.js";
import { routeTo } from "./session-cases.js";

const JSON_TYPE = "application/json";
/** The rate-limit case floods with at most this many requests at once; a looser limit is not checked. */
export const MAX_FLOOD = 200;
/** A name no spec message has (message names are PascalCase identifiers). */
export const UNKNOWN_MESSAGE = "ProtoforgeNoSuchMessage";

export function httpCases(kit: CaseKit): ConformanceCase[] {
  const { spec } = kit;
  const machine = spec.machines.responder;
  const initial = machine.states.find((s) => s.name === machine.initial);
  const firstRequests = (initial?.transitions ?? []).filter((t) => t.action === "receive").map((t) => kit.message(t.message)).filter((m) => m.kind === "request");
  const target = firstRequests.find((m) => m.name === kit.authMessage) ?? firstRequests[0];
  if (target === undefined) return [];
  const p = `/${spec.protocol.name}`;
  const at = `${p}/messages/${target.name}`;
  const sample = kit.codec.toJsonText(target.name, kit.sample(target.name));
  const post = (body: string, headers: Record<string, string> = { "Content-Type": JSON_TYPE, [SEQ_HEADER]: "1" }, path = at): HttpProbe => ({ method: "POST", path, headers, body });
  const cases: ConformanceCase[] = [];
  const add = (name: string, summary: string, probe: HttpProbe, expect: HttpExpectation, describe: string, proves: readonly string[] = []): void => {
    const step: Step = { kind: "http", probe, expect, describe };
    cases.push({ name: `http/status/${name}`, family: "http", proves: [`http:§10.3 ${expect.status}`, ...proves], summary, transports: ["http"], steps: [step] });
  };

  add("400-bad-json", `a body that is not JSON: 400 bad_request`, post("{not json"), { status: 400, errors: ["bad_request"] }, `POST ${target.name} with a body that is not JSON`, [`message:${target.name}`]);
  const broken = `${sample.slice(0, -1)}${sample === "{}" ? "" : ","}"protoforge_unknown_key":1}`;
  const code = wireErrorOf(kit, target.name, broken);
  add(
    "400-bad-payload",
    `a JSON body that is not a valid ${target.name} (an unknown key): 400 with the wire error code (${code})`,
    post(broken),
    { status: 400, errors: [code] },
    `POST ${target.name} with an unknown key in its payload`,
    [`message:${target.name}`, `wire:${code}`],
  );
  add("400-missing-seq", `no ${SEQ_HEADER}: 400 bad_request`, post(sample, { "Content-Type": JSON_TYPE }), { status: 400, errors: ["bad_request"] }, `POST ${target.name} without ${SEQ_HEADER}`);
  add("400-bad-seq", `${SEQ_HEADER} beyond uint32: 400 bad_request`, post(sample, { "Content-Type": JSON_TYPE, [SEQ_HEADER]: "4294967296" }), { status: 400, errors: ["bad_request"] }, `POST ${target.name} with ${SEQ_HEADER}: 4294967296`);
  add("404-unknown-message", "a message the spec does not have: 404 unknown_message", post("{}", undefined, `${p}/messages/${UNKNOWN_MESSAGE}`), { status: 404, errors: ["unknown_message"] }, `POST ${UNKNOWN_MESSAGE}`, ["wire:unknown_message"]);
  const client = spec.roles.initiator.name;
  for (const m of spec.messages.filter((x) => x.from === "responder")) {
    add(
      `404-${m.name}-from-${client}`,
      `${m.name}, a ${m.kind} only the ${spec.roles.responder.name} sends, POSTed by the ${client}: 404 unknown_message`,
      post(kit.codec.toJsonText(m.name, kit.sample(m.name)), undefined, `${p}/messages/${m.name}`),
      { status: 404, errors: ["unknown_message"] },
      `POST ${m.name}`,
      [`message:${m.name}`, `role:${spec.roles.responder.name}`],
    );
  }
  add("405-GET-message", "a message read with GET: 405 method_not_allowed", { method: "GET", path: at, headers: {}, body: "" }, { status: 405, errors: ["method_not_allowed"] }, `GET ${at}`);
  add("405-POST-events", "the event stream POSTed to: 405 method_not_allowed", post("{}", undefined, `${p}/events`), { status: 405, errors: ["method_not_allowed"] }, `POST ${p}/events`);
  const limit = spec.security.maxFrameBytes;
  const filler = '{"protoforge_padding":"';
  add(
    "413-body-too-large",
    `a body of maxFrameBytes + 1 (${limit + 1}) bytes: 413 frame_too_large`,
    post(`${filler}${"a".repeat(limit + 1 - filler.length - 2)}"}`),
    { status: 413, errors: ["frame_too_large"] },
    `POST ${target.name} with a body of ${limit + 1} bytes`,
    ["wire:frame_too_large"],
  );
  add("415-content-type", "a body sent as text/plain: 415 unsupported_media_type", post(sample, { "Content-Type": "text/plain", [SEQ_HEADER]: "1" }), { status: 415, errors: ["unsupported_media_type"] }, `POST ${target.name} as text/plain`);

  const bearerCase = wrongBearerCase(kit);
  if (bearerCase !== undefined) cases.push(bearerCase);
  const flood = rateLimitCase(kit, p);
  if (flood !== undefined) cases.push(flood);
  return cases;
}

/** The wire error the reference decoder gives `body` as a payload of `message`. */
function wireErrorOf(kit: CaseKit, message: string, body: string): string {
  try {
    kit.codec.fromJson(message, JSON.parse(body));
  } catch (e) {
    if (e instanceof WireError) return e.code;
    throw e;
  }
  throw new Error(`http-cases: ${body} is a valid ${message}`);
}

/** After authenticating (the credential as bearer), a request with another bearer: 401 unauthorized (§10.3). */
function wrongBearerCase(kit: CaseKit): ConformanceCase | undefined {
  if (kit.authMessage === undefined || credentialField(kit.spec) === undefined) return undefined;
  const after = restingStates(kit.spec).find((r) => r.route.some((x) => x.request === kit.authMessage));
  const request = after?.state.transitions.map((t) => (t.action === "receive" ? kit.message(t.message) : undefined)).find((m) => m?.kind === "request");
  if (after === undefined || request === undefined) return undefined;
  const script = routeTo(kit, after);
  const seq = script.nextSeq();
  const probe: HttpProbe = {
    method: "POST",
    path: `/${kit.spec.protocol.name}/messages/${request.name}`,
    headers: { "Content-Type": JSON_TYPE, [SEQ_HEADER]: String(seq), Authorization: "Bearer protoforge-not-the-credential" },
    body: kit.codec.toJsonText(request.name, kit.sample(request.name)),
  };
  return {
    name: `http/status/401-wrong-bearer@${after.state.name}`,
    family: "http",
    proves: ["http:§10.3 401", "security:authentication", `state:server.${after.state.name}`],
    summary: `after ${kit.authMessage}, ${request.name} with a bearer that is not the session's credential: 401 unauthorized`,
    transports: ["http"],
    steps: [...script.steps, { kind: "http", probe, expect: { status: 401, errors: ["unauthorized"] }, describe: `POST ${request.name} #${seq} with another bearer` }],
  };
}

/** More requests at once than the rate limit admits: one gets 429 rate_limited with Retry-After and, where the spec has it, retry_after_ms. */
function rateLimitCase(kit: CaseKit, p: string): ConformanceCase | undefined {
  const limit = kit.spec.security.rateLimit;
  if (limit === undefined) return undefined;
  const copies = limit.burst + Math.ceil(limit.messagesPerSecond) + 5;
  if (copies > MAX_FLOOD) return undefined;
  const machine = kit.spec.machines.responder;
  const initial = machine.states.find((s) => s.name === machine.initial);
  const allowed = new Set((initial?.transitions ?? []).filter((t) => t.action === "receive").map((t) => t.message));
  // A request the initial state refuses with its error message: every copy is answered the same way, nothing changes.
  const m = kit.spec.messages.find((x) => x.from === "initiator" && x.kind === "request" && x.error !== undefined && !allowed.has(x.name));
  if (m === undefined) return undefined;
  const fields = hasRetryField(kit.spec) ? [RETRY_FIELD] : [];
  const probe: HttpProbe = { method: "POST", path: `${p}/messages/${m.name}`, headers: { "Content-Type": JSON_TYPE, [SEQ_HEADER]: "1" }, body: kit.codec.toJsonText(m.name, kit.sample(m.name)), copies };
  return {
    name: "http/status/429-rate-limited",
    family: "http",
    proves: ["http:§10.3 429", "security:rateLimit", ...fields.map((f) => `field:${f}`)],
    summary: `${copies} requests at once, over the rate limit (${limit.messagesPerSecond}/s, burst ${limit.burst}): 429 rate_limited with Retry-After${fields.length > 0 ? ` and ${fields.join(", ")}` : ""}`,
    transports: ["http"],
    steps: [{ kind: "http", probe, expect: { status: 429, errors: ["rate_limited"], integerHeaders: ["Retry-After"], integerFields: fields }, describe: `${copies}× POST ${m.name} at once` }],
  };
}
