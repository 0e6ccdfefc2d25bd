// Family "behaviour": multi-peer cases derived from the spec's behaviour
// section (docs/decisions/0009, "Conformance cases each kind derives"). Each
// peer logs in with its own identity (distinct valid values of the identity
// field), then the case plays the rule from outside: a second login under a
// taken name, a join seen by the other members, a post broadcast, a retried
// post answered once, a kick. Every case has identities and group keys of its
// own, none of them the sample the other families use, so that no case meets
// another's sessions or groups on a server that keeps them after a connection
// closes (a resume window). TCP only for now (docs/conformance.md). Pure.
import { splitFieldRef, type Behaviour, type Group, type GroupEvent } from "../../spec/behaviour-model.js";
import type { Field, Message } from "../../spec/model.js";
import type { WireObject, WireValue } from "../../wire/values.js";
import type { CaseKit } from "./case-kit.js";
import { distinctValues, type IdentityPool } from "./identity-pool.js";
import type { Accept, ConformanceCase, FieldCheck } from "./case-model.js";
import { PeerScripts } from "./peer-scripts.js";
import { afterReceive, type RestingState, restingStates } from "./server-states.js";

/** How long a peer must get no event of a kind. */
export const NO_EVENT_MS = 300;
/** A capacity up to this is proven by filling the group (capacity + 1 peers). */
export const MAX_FILLED_CAPACITY = 128;
/** Posts before a join in the history case. */
const HISTORY_POSTS = 3;
/** Identities and group keys the derivation may hand out, beyond the largest case's. */
const POOL = 256;

export function behaviourCases(kit: CaseKit): ConformanceCase[] {
  const behaviour = kit.spec.behaviour;
  if (behaviour === undefined) return [];
  const d = new Derivation(kit, behaviour);
  const builders: Array<() => ConformanceCase | undefined> = [() => d.sessionUnique(), () => d.sessionEnds(), () => d.sessionResume(), () => d.sessionTakeover()];
  for (const g of behaviour.groups) {
    builders.push(() => d.members(g), () => d.already(g), () => d.full(g), () => d.perSession(g), () => d.leaveNotMember(g), () => d.history(g));
    for (const e of g.events) builders.push(() => d.broadcast(g, e));
    builders.push(() => d.remove(g), () => d.removeNotMember(g));
  }
  for (const guard of behaviour.guards) for (const request of guard.request) builders.push(() => d.guard(guard, request));
  for (const i of behaviour.idempotent) builders.push(() => d.idempotent(i.request, i.key));
  const cases: ConformanceCase[] = [];
  for (const build of builders) {
    d.begin();
    const c = build();
    if (c !== undefined) cases.push(c);
  }
  return cases;
}

const has = (m: Message, field: string): boolean => m.fields.some((f) => f.name === field);
/** An event sent on a client message (not on a change of membership). */
const onMessage = (e: GroupEvent): boolean => e.on !== "join" && e.on !== "leave" && e.on !== "remove";

class Derivation {
  /** The kit's identity pool: its message and field say where a peer's identity goes. */
  private get identity(): IdentityPool | undefined {
    return this.kit.identities;
  }
  /** Where each peer's requests of the group are received: the route there is its login. */
  private readonly serving: RestingState | undefined;

  private readonly roomPools = new Map<string, readonly WireValue[]>();
  /** The current case's identities, by peer, taken from the kit's pool as peers first need them. */
  private ids: WireValue[] = [];
  /** The first group key of the current case in the pool, and the next free one. */
  private roomBase = 1;
  private roomNext = 1;

  constructor(
    private readonly kit: CaseKit,
    private readonly b: Behaviour,
  ) {
    const wanted = b.groups[0]?.join.request ?? b.session?.ends[0] ?? b.guards[0]?.request[0];
    const resting = restingStates(kit.spec).filter((r) => r.route.length > 0);
    this.serving = resting.find((r) => wanted !== undefined && r.state.transitions.some((t) => t.action === "receive" && t.message === wanted)) ?? resting[0];
  }

  /** Starts a case: fresh identities, and group keys after the last case's (index 0, the sample, is never used). */
  begin(): void {
    this.ids = [];
    this.roomBase = this.roomNext;
  }

  /** Peer `peer`'s identity in the current case: one no other case of the kit uses. */
  private id(peer: number): WireValue | undefined {
    const pool = this.identity;
    if (pool === undefined) return undefined;
    while (this.ids.length <= peer) this.ids.push(pool.next());
    return this.ids[peer];
  }

  /** The identity field's name, as other messages and structs name the member (`username`). */
  private get idField(): string | undefined {
    return this.identity?.field;
  }

  private value(message: string, fields: Readonly<Record<string, WireValue | undefined>>): WireObject {
    const out: Record<string, WireValue | undefined> = { ...this.kit.sample(message) };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
    return out;
  }

  private ok(request: string): Accept[] {
    const m = this.kit.message(request);
    return m.responses.length > 0 ? m.responses.map((message) => ({ message })) : this.kit.answers(m).map((message) => ({ message }));
  }

  private refused(request: string, code: string): Accept[] {
    const error = this.kit.message(request).error;
    return error === undefined ? [] : [{ message: error, codes: [code] }];
  }

  /** The route to the serving state, the identity message carrying the peer's identity (its answer kept as `capture`). */
  private login(s: PeerScripts, peer: number, asPeer = peer, capture?: string): void {
    for (const step of this.serving?.route ?? []) {
      const isIdentity = this.identity !== undefined && step.request === this.identity.message;
      const value = isIdentity && this.identity !== undefined ? this.value(step.request, { [this.identity.field]: this.id(asPeer) }) : this.kit.sample(step.request);
      if (step.answer === undefined) s.oneway(peer, step.request, value);
      else s.request(peer, step.request, value, [{ message: step.answer }], `to log peer ${peer} in${this.identity === undefined ? "" : ` as ${String(this.id(asPeer))}`}`, isIdentity && capture !== undefined ? { capture } : undefined);
    }
  }

  /** `count` group keys of the current case. */
  private rooms(g: Group, count: number): WireValue[] {
    let pool = this.roomPools.get(g.name);
    if (pool === undefined) {
      pool = distinctValues(this.kit, g.join.request, g.key, POOL);
      this.roomPools.set(g.name, pool);
    }
    this.roomNext = Math.max(this.roomNext, this.roomBase + count);
    const out = pool.slice(this.roomBase, this.roomBase + count);
    if (out.length < count) throw new Error(`behaviourCases: more than ${POOL} values of ${g.join.request}.${g.key} needed`);
    return out;
  }

  private join(s: PeerScripts, g: Group, peer: number, room: WireValue, check?: readonly FieldCheck[]): void {
    s.request(peer, g.join.request, this.value(g.join.request, { [g.key]: room }), this.ok(g.join.request), `peer ${peer} joins ${String(room)}`, check === undefined ? undefined : { fields: check });
  }

  private counter = 0;

  /** A request of the group (`key` set), with a fresh value of its idempotency key so that no two are the same post. */
  private groupValue(message: string, g: Group, room: WireValue, fields: Readonly<Record<string, WireValue | undefined>> = {}): WireObject {
    const key = this.b.idempotent.find((i) => i.request === message)?.key;
    const extra: Record<string, WireValue | undefined> = {};
    if (key !== undefined) {
      const base = this.kit.sample(message)[key];
      this.counter++;
      extra[key] = typeof base === "bigint" ? base + BigInt(this.counter) : typeof base === "number" ? base + this.counter : typeof base === "string" ? `${base}${this.counter}` : base;
    }
    return this.value(message, { ...(has(this.kit.message(message), g.key) ? { [g.key]: room } : {}), ...extra, ...fields });
  }

  /** Sends a request or oneway of the group; a request's answer is one of its responses. */
  private act(s: PeerScripts, peer: number, message: string, value: WireObject, purpose: string): void {
    if (this.kit.message(message).kind === "request") s.request(peer, message, value, this.ok(message), purpose);
    else s.oneway(peer, message, value);
  }

  private make(name: string, proves: readonly string[], summary: string, s: PeerScripts): ConformanceCase {
    return { name: `behaviour/${name}`, family: "behaviour", proves: [...new Set(proves)], summary, transports: ["tcp"], steps: s.steps };
  }

  sessionUnique(): ConformanceCase | undefined {
    const session = this.b.session;
    if (session?.unique === undefined || this.identity === undefined) return undefined;
    const s = new PeerScripts(this.kit);
    this.login(s, 0);
    const login = this.identity.message;
    s.request(1, login, this.value(login, { [this.identity.field]: this.id(0) }), this.refused(login, session.unique), `peer 1 logs in as ${String(this.id(0))}, peer 0's identity`);
    return this.make("session-unique", ["behaviour:session.unique", `message:${login}`, `field:${session.identity}`, `error:${session.unique}`], `peer 0 logs in as ${String(this.id(0))}; peer 1 logs in under the same ${this.identity.field}: refused with ${session.unique}`, s);
  }

  sessionEnds(): ConformanceCase | undefined {
    const session = this.b.session;
    const end = session?.ends[0];
    if (session === undefined || end === undefined || this.serving === undefined) return undefined;
    const g = this.b.groups.find((x) => x.leave !== undefined && x.events.some((e) => e.on === "leave"));
    const s = new PeerScripts(this.kit);
    const proves = ["behaviour:session.ends", `message:${end}`];
    let summary = `peer 0 sends ${end}`;
    this.login(s, 0);
    const room = g === undefined ? undefined : this.rooms(g, 1)[0];
    if (g !== undefined && room !== undefined) {
      this.login(s, 1);
      this.join(s, g, 0, room);
      this.join(s, g, 1, room);
      summary = `peers 0 and 1 in ${g.name} ${String(room)}; ${summary}`;
    }
    this.act(s, 0, end, this.kit.sample(end), `peer 0 ends its session`);
    const next = afterReceive(this.kit.spec, this.serving.state, end);
    if (next?.terminal === true) s.close(0, `${end} leads the server to ${next.name}, a terminal state`);
    const leave = g?.events.find((e) => e.on === "leave");
    if (g !== undefined && leave !== undefined && room !== undefined) {
      s.event(1, leave.send, this.eventChecks(g, leave, room, 0), `peer 0 left ${g.name} ${String(room)} when its session ended`);
      proves.push(`behaviour:groups.${g.name}.events`, `message:${leave.send}`);
      summary += `: peer 1 gets ${leave.send} about peer 0`;
    }
    if (session.unique !== undefined && this.identity !== undefined) {
      this.login(s, 2, 0);
      proves.push(`behaviour:session.unique`);
      summary += `; a new login as ${String(this.id(0))} is accepted`;
    }
    return this.make("session-ends", proves, summary, s);
  }

  /** What a resume case needs: the resume request and its answer, the token's answer field, and where the token goes. */
  private resumeParts() {
    const resume = this.b.session?.resume;
    const issued = resume?.token[0];
    if (resume === undefined || issued === undefined || this.identity === undefined || this.serving === undefined) return undefined;
    const present = splitFieldRef(resume.present);
    const request = this.kit.message(present.owner);
    const answer = request.responses[0];
    const token = splitFieldRef(issued);
    const initial = this.kit.spec.machines.responder.states.find((st) => st.name === this.kit.spec.machines.responder.initial);
    const freshConnection = initial?.transitions.some((t) => t.action === "receive" && t.message === request.name) === true;
    if (answer === undefined || request.error === undefined || !freshConnection || !this.kit.message(this.identity.message).responses.includes(token.owner)) return undefined;
    const g = this.b.groups.find((x) => resume.restores.includes(x.name));
    return { resume, issued, request, answer, fill: [{ field: present.field, capture: "login", path: token.field }], group: g, identity: this.identity };
  }

  /** Peer 0 logs in (its answer kept as `login`) and, when a group comes back with the session, joins one with peer 1. */
  private resumeScene(s: PeerScripts, g: Group | undefined): WireValue | undefined {
    this.login(s, 0, 0, "login");
    const room = g === undefined ? undefined : (this.rooms(g, 1)[0] as WireValue);
    if (g !== undefined && room !== undefined) {
      this.login(s, 1);
      this.join(s, g, 0, room);
      this.join(s, g, 1, room);
    }
    return room;
  }

  /** The resume answer's checks: peer 0's identity, and the restored group among its groups. */
  private resumedChecks(answer: string, g: Group | undefined, room: WireValue | undefined): { readonly checks: FieldCheck[]; readonly lists: boolean } {
    const checks: FieldCheck[] = [];
    const resumed = this.kit.message(answer);
    if (this.identity !== undefined && has(resumed, this.identity.field)) checks.push({ kind: "equals", path: this.identity.field, value: this.id(0) as WireValue });
    if (g === undefined || room === undefined) return { checks, lists: false };
    const list = resumed.fields.find((f) => f.type.kind === "list" && f.type.of.kind === "struct" && this.structFields(f.type.of.name).some((x) => x.name === g.key));
    if (list !== undefined) checks.push({ kind: "contains", path: list.name, items: [{ [g.key]: room }] });
    return { checks, lists: list !== undefined };
  }

  /** Peer 1 posts in the group; `peer` (the resumed session) gets the event. Returns the summary's words, if any. */
  private postReachesResumed(s: PeerScripts, g: Group | undefined, room: WireValue | undefined, peer: number): string {
    const post = g?.events.find((e) => e.to === "members" && onMessage(e) && this.kit.message(e.on).kind === "request");
    if (g === undefined || room === undefined || post === undefined) return "";
    const value = this.groupValue(post.on, g, room);
    s.request(1, post.on, value, this.ok(post.on), `peer 1 sends ${post.on} to ${String(room)}`);
    s.event(peer, post.send, this.eventChecks(g, post, room, 1, value), `peer 0's membership of ${String(room)} came back with its session`);
    return `, and gets peer 1's ${post.send} there`;
  }

  sessionResume(): ConformanceCase | undefined {
    const parts = this.resumeParts();
    if (parts === undefined) return undefined;
    const { resume, issued, request, answer, fill, group: g } = parts;
    const s = new PeerScripts(this.kit);
    const proves = ["behaviour:session.resume", `message:${request.name}`, `message:${answer}`, `field:${issued}`, `field:${resume.present}`, `error:${resume.expired}`];
    const room = this.resumeScene(s, g);
    s.disconnect(0, "peer 0's connection is lost");
    const { checks, lists } = this.resumedChecks(answer, g, room);
    let summary = `peer 0 logs in${g === undefined ? "" : ` and joins ${String(room)} with peer 1`}, then loses its connection; peer 2 presents its token in ${request.name}: ${answer}${lists ? ` listing ${String(room)}` : ""}`;
    if (g !== undefined) proves.push(`behaviour:session.resume.restores`);
    s.requestFilled(2, request.name, this.kit.sample(request.name), fill, [{ message: answer }], `peer 2, a new connection, resumes peer 0's session with its token`, { fields: checks });
    summary += this.postReachesResumed(s, g, room, 2);
    s.requestFilled(3, request.name, this.kit.sample(request.name), fill, this.refused(request.name, resume.expired), `peer 3 presents peer 0's first token again (tokens are single use)`);
    summary += `; the same token again: ${resume.expired}`;
    return this.make("session-resume", proves, summary, s);
  }

  /** A resume while the session's connection still looks open (half-open, not yet seen gone): it takes the session over. TCP: a connection the server closes. */
  sessionTakeover(): ConformanceCase | undefined {
    const parts = this.resumeParts();
    if (parts === undefined) return undefined;
    const { request, answer, fill, group: g } = parts;
    const s = new PeerScripts(this.kit);
    const room = this.resumeScene(s, g);
    const { checks, lists } = this.resumedChecks(answer, g, room);
    s.requestFilled(2, request.name, this.kit.sample(request.name), fill, [{ message: answer }], `peer 2, a new connection, resumes peer 0's session while peer 0's connection is still open`, { fields: checks });
    s.close(0, `peer 2's ${request.name} took peer 0's session over`);
    let summary = `peer 0 logs in${g === undefined ? "" : ` and joins ${String(room)} with peer 1`}; with its connection still open, peer 2 presents its token in ${request.name}: ${answer}${lists ? ` listing ${String(room)}` : ""}, and the server closes peer 0's connection`;
    summary += this.postReachesResumed(s, g, room, 2);
    const proves = ["behaviour:session.resume", "behaviour:session.resume.takeover", `message:${request.name}`, `message:${answer}`, ...(g === undefined ? [] : ["behaviour:session.resume.restores"])];
    return { ...this.make("session-takeover", proves, summary, s), transports: ["tcp"] };
  }

  private structFields(name: string): readonly Field[] {
    const t = this.kit.spec.types.find((x) => x.kind === "struct" && x.name === name);
    return t?.kind === "struct" ? t.fields : [];
  }

  /** Where `ref` (`RoomSummary.members`) sits in `message`'s value: the field itself, or inside a struct field. */
  private pathIn(message: string, ref: string): string | undefined {
    const { owner, field } = splitFieldRef(ref);
    const m = this.kit.message(message);
    if (owner === message) return has(m, field) ? field : undefined;
    const holder = m.fields.find((f) => f.type.kind === "struct" && f.type.name === owner);
    return holder === undefined ? undefined : `${holder.name}.${field}`;
  }

  /** The join answer's member list and the name of the member's identity field in it. */
  private membersOf(g: Group): { readonly path: string; readonly idField: string; readonly attributes: readonly string[] } | undefined {
    const answer = this.kit.message(g.join.request).responses[0];
    if (g.members === undefined || answer === undefined || this.idField === undefined) return undefined;
    const path = this.pathIn(answer, g.members);
    const ref = splitFieldRef(g.members);
    const holder = this.kit.spec.types.find((t) => t.kind === "struct" && t.name === ref.owner);
    const holderFields = holder?.kind === "struct" ? holder.fields : this.kit.spec.messages.find((m) => m.name === ref.owner)?.fields;
    const listType = holderFields?.find((f) => f.name === ref.field)?.type;
    const item = listType?.kind === "list" && listType.of.kind === "struct" ? listType.of.name : undefined;
    const struct = this.kit.spec.types.find((t) => t.kind === "struct" && t.name === item);
    if (path === undefined || struct?.kind !== "struct" || !struct.fields.some((f) => f.name === this.idField)) return undefined;
    return { path, idField: this.idField, attributes: g.attributes.filter((a) => splitFieldRef(a.field).owner === struct.name).map((a) => splitFieldRef(a.field).field) };
  }

  members(g: Group): ConformanceCase | undefined {
    const list = this.membersOf(g);
    const room = this.rooms(g, 1)[0];
    if (list === undefined || room === undefined) return undefined;
    const member = (peer: number, first: boolean): WireObject => {
      const out: Record<string, WireValue> = { [list.idField]: this.id(peer) as WireValue };
      for (const a of list.attributes) out[a] = first;
      return out;
    };
    const s = new PeerScripts(this.kit);
    this.login(s, 0);
    this.login(s, 1);
    this.join(s, g, 0, room, [{ kind: "contains", path: list.path, items: [member(0, true)] }]);
    this.join(s, g, 1, room, [{ kind: "contains", path: list.path, items: [member(0, true), member(1, false)] }]);
    const attrs = list.attributes.length === 0 ? "" : `, peer 0 (the first) with ${list.attributes.join(", ")} and peer 1 without`;
    return this.make(`group-${g.name}-members`, [`behaviour:groups.${g.name}.members`, `behaviour:groups.${g.name}.join`, `field:${g.members ?? ""}`, ...g.attributes.map((a) => `behaviour:groups.${g.name}.attributes.${a.name}`), `message:${g.join.request}`], `peers 0 and 1 join ${String(room)}: the second join's ${list.path} lists both${attrs}`, s);
  }

  already(g: Group): ConformanceCase | undefined {
    if (g.join.already === undefined) return undefined;
    const room = this.rooms(g, 1)[0] as WireValue;
    const s = new PeerScripts(this.kit);
    this.login(s, 0);
    this.join(s, g, 0, room);
    s.request(0, g.join.request, this.value(g.join.request, { [g.key]: room }), this.refused(g.join.request, g.join.already), `peer 0 joins ${String(room)} again`);
    return this.make(`group-${g.name}-already`, [`behaviour:groups.${g.name}.join`, `message:${g.join.request}`, `error:${g.join.already}`], `peer 0 joins ${String(room)} twice: the second is refused with ${g.join.already}`, s);
  }

  full(g: Group): ConformanceCase | undefined {
    const { capacity, full } = g.join;
    if (capacity === undefined || full === undefined || capacity > MAX_FILLED_CAPACITY || this.identity === undefined) return undefined;
    const room = this.rooms(g, 1)[0] as WireValue;
    const s = new PeerScripts(this.kit);
    for (let peer = 0; peer < capacity; peer++) {
      this.login(s, peer);
      this.join(s, g, peer, room);
    }
    this.login(s, capacity);
    s.request(capacity, g.join.request, this.value(g.join.request, { [g.key]: room }), this.refused(g.join.request, full), `peer ${capacity} joins the full ${String(room)}`);
    return this.make(`group-${g.name}-full`, [`behaviour:groups.${g.name}.join`, `message:${g.join.request}`, `error:${full}`], `${capacity} peers join ${String(room)}; one more is refused with ${full}`, s);
  }

  perSession(g: Group): ConformanceCase | undefined {
    const per = g.perSession;
    if (per === undefined) return undefined;
    const rooms = this.rooms(g, per.max + 1);
    const s = new PeerScripts(this.kit);
    this.login(s, 0);
    for (const room of rooms.slice(0, per.max)) this.join(s, g, 0, room);
    const last = rooms[per.max] as WireValue;
    s.request(0, g.join.request, this.value(g.join.request, { [g.key]: last }), this.refused(g.join.request, per.error), `peer 0 joins a ${per.max + 1}th ${g.name}`);
    return this.make(`group-${g.name}-per-session`, [`behaviour:groups.${g.name}.perSession`, `message:${g.join.request}`, `error:${per.error}`], `peer 0 joins ${per.max} ${g.name}s; one more is refused with ${per.error}`, s);
  }

  leaveNotMember(g: Group): ConformanceCase | undefined {
    const leave = g.leave;
    if (leave?.notMember === undefined) return undefined;
    const room = this.rooms(g, 1)[0] as WireValue;
    const s = new PeerScripts(this.kit);
    this.login(s, 0);
    this.join(s, g, 0, room);
    const value = this.value(leave.request, { [g.key]: room });
    s.request(0, leave.request, value, this.ok(leave.request), `peer 0 leaves ${String(room)}`);
    s.request(0, leave.request, value, this.refused(leave.request, leave.notMember), `peer 0 leaves ${String(room)} again`);
    return this.make(`group-${g.name}-leave-not-member`, [`behaviour:groups.${g.name}.leave`, `message:${leave.request}`, `error:${leave.notMember}`], `peer 0 joins ${String(room)} and leaves it twice: the second leave is refused with ${leave.notMember}`, s);
  }

  history(g: Group): ConformanceCase | undefined {
    const history = g.history;
    const recorded = g.events.find((e) => e.record && onMessage(e) && this.kit.message(e.on).kind === "request");
    const answer = this.kit.message(g.join.request).responses[0];
    const replay = history?.replay.find((r) => splitFieldRef(r).owner === answer);
    if (history === undefined || recorded === undefined || replay === undefined || history.size < HISTORY_POSTS) return undefined;
    const item = this.kit.spec.types.find((t) => t.kind === "struct" && t.name === history.item);
    const post = this.kit.message(recorded.on);
    const carried = post.fields.find((f) => f.name !== g.key && item?.kind === "struct" && item.fields.some((x) => x.name === f.name && x.typeText === f.typeText) && f.type.kind === "string");
    if (carried === undefined) return undefined;
    const texts = distinctValues(this.kit, post.name, carried.name, HISTORY_POSTS);
    const room = this.rooms(g, 1)[0] as WireValue;
    const s = new PeerScripts(this.kit);
    this.login(s, 0);
    this.login(s, 1);
    this.join(s, g, 0, room);
    for (const text of texts) s.request(0, post.name, this.groupValue(post.name, g, room, { [carried.name]: text }), this.ok(post.name), `peer 0 posts ${JSON.stringify(text)}`);
    this.join(s, g, 1, room, [{ kind: "ordered", path: splitFieldRef(replay).field, items: texts.map((t) => ({ [carried.name]: t })) }]);
    return this.make(`group-${g.name}-history`, [`behaviour:groups.${g.name}.history`, `field:${replay}`, `message:${post.name}`, `type:${history.item}`], `peer 0 posts ${HISTORY_POSTS} messages to ${String(room)}, then peer 1 joins: its ${replay} holds the ${HISTORY_POSTS}, oldest first`, s);
  }

  /** The checks an event of `g` about `subject` (the member who acted or changed) must pass. */
  private eventChecks(g: Group, e: GroupEvent, room: WireValue, subject: number, sent?: WireObject): FieldCheck[] {
    const m = this.kit.message(e.send);
    const checks: FieldCheck[] = [];
    if (has(m, g.key)) checks.push({ kind: "equals", path: g.key, value: room });
    for (const [k, v] of Object.entries(e.set)) checks.push({ kind: "equals", path: k, value: v });
    if (this.idField !== undefined && has(m, this.idField) && this.id(subject) !== undefined) checks.push({ kind: "equals", path: this.idField, value: this.id(subject) as WireValue });
    if (sent !== undefined) {
      const request = this.kit.message(e.on);
      for (const f of request.fields) {
        const v = sent[f.name];
        if (f.name === g.key || v === undefined || checks.some((c) => c.path === f.name)) continue;
        const path = this.sameFieldIn(m, f);
        if (path !== undefined) checks.push({ kind: "equals", path, value: v });
      }
    }
    return checks;
  }

  /** The path of a field named and typed like `f` in `m`, top level or one struct down. */
  private sameFieldIn(m: Message, f: Field): string | undefined {
    if (m.fields.some((x) => x.name === f.name && x.typeText === f.typeText)) return f.name;
    for (const holder of m.fields) {
      if (holder.type.kind !== "struct") continue;
      const name = holder.type.name;
      const struct = this.kit.spec.types.find((t) => t.kind === "struct" && t.name === name);
      if (struct?.kind === "struct" && struct.fields.some((x) => x.name === f.name && x.typeText === f.typeText)) return `${holder.name}.${f.name}`;
    }
    return undefined;
  }

  broadcast(g: Group, e: GroupEvent): ConformanceCase | undefined {
    const room = this.rooms(g, 1)[0] as WireValue;
    const s = new PeerScripts(this.kit);
    const toSender = e.to === "members";
    const proves = [`behaviour:groups.${g.name}.events`, `message:${e.send}`];
    const senderSees = (peer: number, checks: FieldCheck[], what: string): void => {
      if (toSender) s.event(peer, e.send, checks, `to: members includes ${what}`);
      else s.noEvent(peer, e.send, checks, NO_EVENT_MS, `to: others leaves out ${what}`);
    };
    let summary: string;
    if (e.on === "join") {
      this.login(s, 0);
      this.login(s, 1);
      this.join(s, g, 0, room);
      this.join(s, g, 1, room);
      const checks = this.eventChecks(g, e, room, 1);
      s.event(0, e.send, checks, `peer 1 joined ${String(room)}`);
      senderSees(1, checks, "the member who joined");
      summary = `peers 0 and 1 join ${String(room)}: peer 0 gets ${e.send} about peer 1, peer 1 ${toSender ? "too" : "none"}`;
      proves.push(`message:${g.join.request}`);
    } else if (e.on === "leave") {
      const leave = g.leave;
      if (leave === undefined) return undefined;
      this.login(s, 0);
      this.login(s, 1);
      this.join(s, g, 0, room);
      this.join(s, g, 1, room);
      s.request(1, leave.request, this.value(leave.request, { [g.key]: room }), this.ok(leave.request), `peer 1 leaves ${String(room)}`);
      const checks = this.eventChecks(g, e, room, 1);
      s.event(0, e.send, checks, `peer 1 left ${String(room)}`);
      senderSees(1, checks, "the member who left");
      summary = `peers 0 and 1 join ${String(room)}, peer 1 leaves: peer 0 gets ${e.send} about peer 1, peer 1 ${toSender ? "too" : "none"}`;
      proves.push(`message:${leave.request}`);
    } else if (e.on === "remove") {
      const remove = g.remove;
      if (remove === undefined || this.id(1) === undefined) return undefined;
      for (const peer of [0, 1, 2]) this.login(s, peer);
      for (const peer of [0, 1, 2]) this.join(s, g, peer, room);
      this.kick(s, g, room, 0, 1);
      const checks = this.eventChecks(g, e, room, 1);
      s.event(2, e.send, checks, `peer 0 removed peer 1 from ${String(room)}`);
      senderSees(1, checks, "the member removed");
      summary = `peers 0, 1 and 2 join ${String(room)}, peer 0 removes peer 1: peer 2 gets ${e.send} about peer 1, peer 1 ${toSender ? "too" : "none"}`;
      proves.push(`message:${remove.request}`);
    } else {
      const on = this.kit.message(e.on);
      this.login(s, 0);
      this.login(s, 1);
      this.join(s, g, 0, room);
      this.join(s, g, 1, room);
      const value = this.groupValue(on.name, g, room);
      this.act(s, 0, on.name, value, `peer 0 sends ${on.name} to ${String(room)}`);
      const checks = this.eventChecks(g, e, room, 0, value);
      s.event(1, e.send, checks, `peer 0 sent ${on.name} to ${String(room)}`);
      senderSees(0, checks, "the sender");
      summary = `peers 0 and 1 join ${String(room)}, peer 0 sends ${on.name}: peer 1 gets ${e.send}, peer 0 ${toSender ? "too" : "none"}`;
      proves.push(`message:${on.name}`);
    }
    return this.make(`group-${g.name}-broadcast-${e.on}`, proves, summary, s);
  }

  /** `by` sends the group's remove request naming `target`'s identity; expects its response. */
  private kick(s: PeerScripts, g: Group, room: WireValue, by: number, target: number, accept?: readonly Accept[]): void {
    const remove = g.remove;
    if (remove === undefined) return;
    const { field } = splitFieldRef(remove.member);
    s.request(by, remove.request, this.value(remove.request, { [g.key]: room, [field]: this.id(target) }), accept ?? this.ok(remove.request), `peer ${by} removes peer ${target} from ${String(room)}`);
  }

  remove(g: Group): ConformanceCase | undefined {
    const remove = g.remove;
    if (remove === undefined || this.id(1) === undefined) return undefined;
    const room = this.rooms(g, 1)[0] as WireValue;
    const s = new PeerScripts(this.kit);
    const proves = [`behaviour:groups.${g.name}.remove`, `message:${remove.request}`];
    this.login(s, 0);
    this.login(s, 1);
    this.join(s, g, 0, room);
    this.join(s, g, 1, room);
    this.kick(s, g, room, 0, 1);
    let summary = `peer 0 (the first member) removes peer 1 from ${String(room)}`;
    if (remove.notify !== undefined) {
      const m = this.kit.message(remove.notify);
      s.event(1, remove.notify, has(m, g.key) ? [{ kind: "equals", path: g.key, value: room }] : [], `peer 1 was removed from ${String(room)}`);
      proves.push(`message:${remove.notify}`);
      summary += `: peer 1 gets ${remove.notify}`;
    }
    const post = g.events.find((e) => e.to === "members" && onMessage(e) && this.kit.message(e.on).kind === "request");
    if (post !== undefined) {
      const value = this.groupValue(post.on, g, room);
      s.request(0, post.on, value, this.ok(post.on), `peer 0 sends ${post.on} to ${String(room)}`);
      const checks = this.eventChecks(g, post, room, 0, value);
      s.event(0, post.send, checks, `peer 0 is still a member`);
      s.noEvent(1, post.send, checks, NO_EVENT_MS, `peer 1 is no longer a member of ${String(room)}`);
      summary += `, then no ${post.send} of ${String(room)}`;
      const guard = this.b.guards.find((x) => x.member === g.name && x.attribute === undefined && x.request.includes(post.on) && this.kit.message(post.on).error !== undefined);
      if (guard !== undefined) {
        s.request(1, post.on, this.groupValue(post.on, g, room), this.refused(post.on, guard.error), `peer 1 sends ${post.on} to ${String(room)} after its removal`);
        proves.push(`error:${guard.error}`);
        summary += `, and its ${post.on} there is refused with ${guard.error}`;
      }
    }
    return this.make(`group-${g.name}-remove`, proves, summary, s);
  }

  removeNotMember(g: Group): ConformanceCase | undefined {
    const remove = g.remove;
    if (remove?.notMember === undefined || this.id(1) === undefined) return undefined;
    const room = this.rooms(g, 1)[0] as WireValue;
    const s = new PeerScripts(this.kit);
    this.login(s, 0);
    this.login(s, 1);
    this.join(s, g, 0, room);
    this.kick(s, g, room, 0, 1, this.refused(remove.request, remove.notMember));
    return this.make(`group-${g.name}-remove-not-member`, [`behaviour:groups.${g.name}.remove`, `message:${remove.request}`, `error:${remove.notMember}`], `peer 0 (the first member of ${String(room)}) removes peer 1, who is not a member: refused with ${remove.notMember}`, s);
  }

  guard(guard: Behaviour["guards"][number], request: string): ConformanceCase | undefined {
    const g = this.b.groups.find((x) => x.name === guard.member);
    if (g === undefined) return undefined;
    const m = this.kit.message(request);
    const room = this.rooms(g, 1)[0] as WireValue;
    const s = new PeerScripts(this.kit);
    const proves = [`behaviour:guards`, `message:${request}`, `error:${guard.error}`];
    this.login(s, 0);
    this.login(s, 1);
    if (guard.attribute !== undefined) {
      // Peer 0 joins first and holds the attribute (grant: first); peer 1 does not.
      if (g.attributes.find((a) => a.name === guard.attribute)?.grant !== "first" || m.error === undefined) return undefined;
      this.join(s, g, 0, room);
      this.join(s, g, 1, room);
      const target = g.remove?.request === request ? { [splitFieldRef(g.remove.member).field]: this.id(0) } : {};
      s.request(1, request, this.groupValue(request, g, room, target), this.refused(request, guard.error), `peer 1, a member without ${guard.attribute}, sends ${request}`);
      return this.make(`guard-${request}-attribute`, [...proves, `behaviour:groups.${g.name}.attributes.${guard.attribute}`], `peers 0 and 1 join ${String(room)}; peer 1, without ${guard.attribute}, sends ${request}: refused with ${guard.error}`, s);
    }
    this.join(s, g, 1, room);
    const value = this.groupValue(request, g, room);
    const event = g.events.find((e) => e.on === request);
    let summary = `peer 1 joins ${String(room)}; peer 0, not a member, sends ${request} there`;
    if (m.kind === "request") {
      if (m.error === undefined) return undefined;
      s.request(0, request, value, this.refused(request, guard.error), `peer 0 is not a member of ${String(room)}`);
      summary += `: refused with ${guard.error}`;
    } else {
      // A PING after the oneway: its PONG comes after the server handled the oneway, events included.
      s.oneway(0, request, value);
      s.on(0, (script) => script.expectPong(script.ping()));
    }
    if (event !== undefined) {
      s.noEvent(1, event.send, this.eventChecks(g, event, room, 0, value), NO_EVENT_MS, `peer 0's ${request} is refused`);
      summary += `${m.kind === "request" ? ", and" : ":"} peer 1 gets no ${event.send}`;
    } else if (m.kind !== "request") return undefined;
    return this.make(`guard-${request}-not-member`, proves, summary, s);
  }

  idempotent(request: string, key: string): ConformanceCase | undefined {
    const m = this.kit.message(request);
    if (m.kind !== "request") return undefined;
    const g = this.b.groups.find((x) => x.events.some((e) => e.on === request) || this.b.guards.some((gd) => gd.member === x.name && gd.request.includes(request)));
    const event = g?.events.find((e) => e.on === request);
    const s = new PeerScripts(this.kit);
    const proves = ["behaviour:idempotent", `message:${request}`, `field:${request}.${key}`];
    this.login(s, 0);
    let value = this.kit.sample(request);
    let summary = `peer 0 sends ${request} twice with the same ${key}: the second answer equals the first, field for field`;
    const room = g === undefined ? undefined : (this.rooms(g, 1)[0] as WireValue);
    if (g !== undefined && room !== undefined) {
      this.login(s, 1);
      this.join(s, g, 0, room);
      this.join(s, g, 1, room);
      value = this.groupValue(request, g, room);
    }
    s.request(0, request, value, this.ok(request), `peer 0 sends ${request}`, { capture: "first" });
    s.request(0, request, value, this.ok(request), `peer 0 sends the same ${request} again`, { sameAs: "first" });
    if (g !== undefined && event !== undefined && room !== undefined) {
      const checks = this.eventChecks(g, event, room, 0, value);
      s.event(1, event.send, checks, `peer 0 sent ${request} to ${String(room)}`);
      s.noEvent(1, event.send, checks, NO_EVENT_MS, `the retried ${request} has its effect once`);
      proves.push(`message:${event.send}`);
      summary += `, and peer 1 gets one ${event.send}`;
    }
    return this.make(`idempotent-${request}`, proves, summary, s);
  }
}
