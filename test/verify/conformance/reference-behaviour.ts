// The reference server's behaviour engine: reads spec.behaviour directly
// (sessions by identity, groups with members, attributes, history and
// events, guards, idempotent requests), shared by every connection of one
// server, so that the behaviour conformance cases run against something that
// implements them. Plants turn one rule off each. A connection that closes
// without the session's end leaves it resumable by its token, its
// memberships kept (their events dropped); a new login under its identity
// replaces it (so that the single-peer cases, which all log in as the sample,
// can follow each other), and the resume window is not timed.
import { splitFieldRef, type Behaviour, type Group, type GroupEvent } from "../../../src/spec/behaviour-model.js";
import type { Field, FieldType, Message, Spec } from "../../../src/spec/model.js";
import type { CaseKit } from "../../../src/verify/conformance/case-kit.js";
import type { WireObject, WireValue } from "../../../src/wire/values.js";
import { zeroValue } from "../../../src/emit/transport-common/zero-value.js";

export interface BehaviourPlants {
  /** A second login under a live session's identity is accepted. */
  readonly allowDuplicateIdentity?: boolean;
  /** Guarded requests from non-members (or members without the attribute) are served. */
  readonly skipGuards?: boolean;
  /** A retried idempotent request is handled again: a new answer, a second event. */
  readonly postRetriesTwice?: boolean;
  /** Events `to: others` go to the member who caused them too. */
  readonly echoEventsToSender?: boolean;
  /** Nothing is recorded: joins get an empty history. */
  readonly noHistory?: boolean;
  /** A removed member is told, but stays a member. */
  readonly keepRemovedMember?: boolean;
  /** A removed member is removed without being told. */
  readonly noNotify?: boolean;
  /** A resume token stays valid after it was used. */
  readonly reuseTokens?: boolean;
  /** A resume with the token of a session whose connection is still open is refused (no takeover). */
  readonly noTakeover?: boolean;
  /** A resumed session comes back without its memberships. */
  readonly noRestore?: boolean;
}

/** One connection as the engine sees it. */
export interface BehaviourConn {
  identity?: string | undefined;
  /** Pushes an event to the connection. */
  event(message: string, value: WireObject): void;
  /** Closes the connection (a resume took its session over). */
  close?(): void;
}

interface MemberState {
  conn: BehaviourConn;
  readonly identity: string;
  readonly attributes: Set<string>;
}

interface GroupState {
  readonly members: MemberState[];
  readonly history: WireObject[];
}

export type Handled = { readonly answer: string; readonly value: WireObject };

interface SessionState {
  readonly identity: string;
  /** The live connection; undefined while the session waits to be resumed. */
  conn: BehaviourConn | undefined;
  /** Stands in for the connection in the session's memberships while it is away. */
  readonly away: BehaviourConn;
  token: string | undefined;
}

const CHANGES = new Set(["join", "leave", "remove"]);

export class BehaviourEngine {
  private readonly sessions = new Map<string, SessionState>();
  private readonly tokens = new Map<string, SessionState>();
  private tokenCount = 0;
  private readonly groups = new Map<string, Map<string, GroupState>>();
  private readonly answered = new Map<string, Handled>();
  private nextId = 1n;

  constructor(
    private readonly spec: Spec,
    private readonly b: Behaviour,
    private readonly kit: CaseKit,
    private readonly plants: BehaviourPlants = {},
  ) {}

  /** Handles a client message the machine allowed: the answer of a request (undefined: the server's default), nothing for a oneway. */
  handle(conn: BehaviourConn, message: Message, value: WireObject): Handled | undefined {
    const idem = this.b.idempotent.find((i) => i.request === message.name);
    const idemKey = idem === undefined ? undefined : `${message.name}|${conn.identity ?? ""}|${String(value[idem.key])}`;
    if (idemKey !== undefined && this.plants.postRetriesTwice !== true) {
      const earlier = this.answered.get(idemKey);
      if (earlier !== undefined) return earlier;
    }
    const out = this.serve(conn, message, value);
    if (idemKey !== undefined && out !== undefined && out.answer !== message.error) this.answered.set(idemKey, out);
    return out;
  }

  /** The connection closed: a resumable session waits for its token, any other ends. */
  dropped(conn: BehaviourConn): void {
    const s = conn.identity === undefined ? undefined : this.sessions.get(conn.identity);
    if (s === undefined || s.conn !== conn || this.b.session?.resume === undefined) {
      this.endSession(conn);
      return;
    }
    s.conn = undefined;
    this.swapMember(conn, s.away);
    conn.identity = undefined;
  }

  private swapMember(from: BehaviourConn, to: BehaviourConn): void {
    for (const byKey of this.groups.values()) for (const state of byKey.values()) for (const m of state.members) if (m.conn === from) m.conn = to;
  }

  /** A new token of the session, set in `out` where `answer` carries one. */
  private issue(s: SessionState, answer: string, out: Record<string, WireValue | undefined>): void {
    const resume = this.b.session?.resume;
    if (resume === undefined) return;
    if (s.token !== undefined && this.plants.reuseTokens !== true) this.tokens.delete(s.token);
    const n = ++this.tokenCount;
    const bytes = new Uint8Array(32).map((_, i) => (n * 31 + i * 7) & 0xff);
    bytes[0] = n & 0xff;
    bytes[1] = (n >> 8) & 0xff;
    s.token = Buffer.from(bytes).toString("hex");
    this.tokens.set(s.token, s);
    for (const ref of resume.token) {
      const { owner, field } = splitFieldRef(ref);
      if (owner === answer) out[field] = bytes;
    }
  }

  private serve(conn: BehaviourConn, message: Message, value: WireObject): Handled | undefined {
    const session = this.b.session;
    if (session !== undefined) {
      const { owner, field } = splitFieldRef(session.identity);
      // A session's own rules only: a second authentication on the same connection, or a request
      // before one (both reach here only when a plant skips the machine), get the server's default.
      const present = session.resume === undefined ? undefined : splitFieldRef(session.resume.present);
      if (present !== undefined && session.resume !== undefined && message.name === present.owner && conn.identity === undefined) {
        const token = value[present.field];
        const s = token instanceof Uint8Array ? this.tokens.get(Buffer.from(token).toString("hex")) : undefined;
        if (s === undefined || (s.conn !== undefined && this.plants.noTakeover === true)) return this.refuse(message, session.resume.expired);
        // A session whose connection still looks open is taken over: that connection is closed.
        const previous = s.conn ?? s.away;
        if (s.conn !== undefined) {
          s.conn.identity = undefined;
          s.conn.close?.();
        }
        s.conn = conn;
        conn.identity = s.identity;
        this.sessions.set(s.identity, s);
        if (this.plants.noRestore === true) this.dropMemberships(previous);
        else this.swapMember(previous, conn);
        const handled = this.answer(message, value);
        const out: Record<string, WireValue | undefined> = { ...handled.value };
        this.issue(s, handled.answer, out);
        this.describeSession(s, handled.answer, out);
        return { answer: handled.answer, value: out };
      }
      if (message.name === owner && conn.identity !== undefined) return undefined;
      if (message.name !== owner && conn.identity === undefined) return undefined;
      if (message.name === owner) {
        const id = String(value[field]);
        const held = this.sessions.get(id);
        if (held?.conn !== undefined && session.unique !== undefined && this.plants.allowDuplicateIdentity !== true) return this.refuse(message, session.unique);
        if (held !== undefined && held.conn === undefined) this.forget(held);
        const s: SessionState = { identity: id, conn, away: { event: () => undefined }, token: undefined };
        this.sessions.set(id, s);
        conn.identity = id;
        const handled = this.answer(message, value);
        const out: Record<string, WireValue | undefined> = { ...handled.value };
        this.issue(s, handled.answer, out);
        return { answer: handled.answer, value: out };
      }
      if (session.ends.includes(message.name)) {
        this.endSession(conn);
        return undefined;
      }
    }
    for (const guard of this.b.guards) {
      if (!guard.request.includes(message.name) || this.plants.skipGuards === true) continue;
      const g = this.group(guard.member);
      const member = g === undefined ? undefined : this.stateOf(g, value).members.find((m) => m.conn === conn);
      if (member === undefined || (guard.attribute !== undefined && !member.attributes.has(guard.attribute))) return this.refuse(message, guard.error);
    }
    for (const g of this.b.groups) {
      if (g.join.request === message.name) return this.join(g, conn, message, value);
      if (g.leave?.request === message.name) return this.leave(g, conn, message, value);
      if (g.remove?.request === message.name) return this.remove(g, conn, message, value);
    }
    let answered: Handled | undefined;
    if (message.kind === "request") answered = this.answer(message, value);
    for (const g of this.b.groups) for (const e of g.events) if (e.on === message.name) this.emit(g, e, this.stateOf(g, value), value[g.key], conn, conn.identity, value);
    return answered;
  }

  private group(name: string): Group | undefined {
    return this.b.groups.find((g) => g.name === name);
  }

  private stateOf(g: Group, value: WireObject): GroupState {
    let byKey = this.groups.get(g.name);
    if (byKey === undefined) {
      byKey = new Map();
      this.groups.set(g.name, byKey);
    }
    const key = String(value[g.key]);
    let state = byKey.get(key);
    if (state === undefined) {
      state = { members: [], history: [] };
      byKey.set(key, state);
    }
    return state;
  }

  private refuse(message: Message, code: string): Handled | undefined {
    if (message.error === undefined) return undefined;
    const field = this.kit.codeField(message.error);
    return { answer: message.error, value: { ...this.kit.sample(message.error), ...(field === undefined ? {} : { [field]: code }) } };
  }

  /** The first response: its sample, fields named like the request's copied, a fresh value for each other `*_id` uint64. */
  private answer(request: Message, value: WireObject): Handled {
    const answer = request.responses[0] ?? request.error ?? "";
    const out: Record<string, WireValue | undefined> = { ...this.kit.sample(answer) };
    for (const f of this.kit.message(answer).fields) {
      const same = request.fields.find((r) => r.name === f.name && r.typeText === f.typeText);
      if (same !== undefined && value[f.name] !== undefined) out[f.name] = value[f.name];
      else if (f.name.endsWith("_id") && f.type.kind === "int" && f.type.bits === 64) out[f.name] = this.nextId++;
    }
    return { answer, value: out };
  }

  private join(g: Group, conn: BehaviourConn, message: Message, value: WireObject): Handled | undefined {
    const state = this.stateOf(g, value);
    if (state.members.some((m) => m.conn === conn)) return g.join.already === undefined ? undefined : this.refuse(message, g.join.already);
    if (g.perSession !== undefined && this.membershipsOf(g, conn) >= g.perSession.max) return this.refuse(message, g.perSession.error);
    if (g.join.capacity !== undefined && g.join.full !== undefined && state.members.length >= g.join.capacity) return this.refuse(message, g.join.full);
    const attributes = new Set(g.attributes.filter((a) => a.grant === "first" && state.members.length === 0).map((a) => a.name));
    const identity = conn.identity ?? "";
    state.members.push({ conn, identity, attributes });
    const handled = this.answer(message, value);
    const out: Record<string, WireValue | undefined> = { ...handled.value };
    if (g.members !== undefined) this.setAt(out, handled.answer, g.members, state.members.map((m) => this.memberValue(g, m)));
    if (g.history !== undefined) for (const r of g.history.replay) this.setAt(out, handled.answer, r, state.history.slice(-g.history.size));
    for (const e of g.events) if (e.on === "join") this.emit(g, e, state, value[g.key], conn, identity);
    return { answer: handled.answer, value: out };
  }

  private leave(g: Group, conn: BehaviourConn, message: Message, value: WireObject): Handled | undefined {
    const state = this.stateOf(g, value);
    const at = state.members.findIndex((m) => m.conn === conn);
    if (at < 0) return g.leave?.notMember === undefined ? undefined : this.refuse(message, g.leave.notMember);
    state.members.splice(at, 1);
    for (const e of g.events) if (e.on === "leave") this.emit(g, e, state, value[g.key], conn, conn.identity);
    return this.answer(message, value);
  }

  private remove(g: Group, _conn: BehaviourConn, message: Message, value: WireObject): Handled | undefined {
    const remove = g.remove;
    if (remove === undefined) return undefined;
    const state = this.stateOf(g, value);
    const target = String(value[splitFieldRef(remove.member).field]);
    const at = state.members.findIndex((m) => m.identity === target);
    const removed = state.members[at];
    if (removed === undefined) return remove.notMember === undefined ? undefined : this.refuse(message, remove.notMember);
    if (this.plants.keepRemovedMember !== true) state.members.splice(at, 1);
    if (remove.notify !== undefined && this.plants.noNotify !== true) removed.conn.event(remove.notify, this.overlay(remove.notify, { [g.key]: value[g.key] }));
    for (const e of g.events) if (e.on === "remove") this.emit(g, e, state, value[g.key], removed.conn, target);
    return this.answer(message, value);
  }

  private membershipsOf(g: Group, conn: BehaviourConn): number {
    let n = 0;
    for (const state of this.groups.get(g.name)?.values() ?? []) if (state.members.some((m) => m.conn === conn)) n++;
    return n;
  }

  private endSession(conn: BehaviourConn): void {
    for (const g of this.b.groups) {
      for (const [key, state] of this.groups.get(g.name) ?? []) {
        const at = state.members.findIndex((m) => m.conn === conn);
        if (at < 0) continue;
        state.members.splice(at, 1);
        for (const e of g.events) if (e.on === "leave") this.emit(g, e, state, key, conn, conn.identity);
      }
    }
    const s = conn.identity === undefined ? undefined : this.sessions.get(conn.identity);
    if (s !== undefined && s.conn === conn) this.forget(s);
    conn.identity = undefined;
  }

  /** The session is gone: its token, and its memberships while it was away. */
  private forget(s: SessionState): void {
    if (s.token !== undefined) this.tokens.delete(s.token);
    this.dropMemberships(s.away);
    if (this.sessions.get(s.identity) === s) this.sessions.delete(s.identity);
  }

  private dropMemberships(conn: BehaviourConn): void {
    for (const byKey of this.groups.values()) for (const state of byKey.values()) for (let i = state.members.length - 1; i >= 0; i--) if (state.members[i]?.conn === conn) state.members.splice(i, 1);
  }

  /** The resumed session in its answer: the identity field, and each restored group (a list of the group key's struct). */
  private describeSession(s: SessionState, answer: string, out: Record<string, WireValue | undefined>): void {
    const session = this.b.session;
    if (session === undefined) return;
    const fields = this.kit.message(answer).fields;
    const idField = splitFieldRef(session.identity).field;
    if (fields.some((f) => f.name === idField)) out[idField] = s.identity;
    for (const g of this.b.groups.filter((x) => session.resume?.restores.includes(x.name) === true)) {
      const list = fields.find((f) => f.type.kind === "list" && (this.structOf(f.type.of) ?? []).some((x) => x.name === g.key));
      if (list?.type.kind !== "list") continue;
      const items: WireObject[] = [];
      for (const [key, state] of this.groups.get(g.name) ?? []) {
        if (!state.members.some((m) => m.conn === s.conn)) continue;
        const item = this.defaultOf(list.type.of) as Record<string, WireValue>;
        item[g.key] = key;
        if (g.members !== undefined) {
          const { field } = splitFieldRef(g.members);
          if (field in item) item[field] = state.members.map((m) => this.memberValue(g, m));
        }
        items.push(item);
      }
      out[list.name] = items;
    }
  }

  /** Sends `e` to the group's members (`others`: not `subject`, unless planted), recording it when it says so. */
  private emit(g: Group, e: GroupEvent, state: GroupState, key: WireValue | undefined, subject: BehaviourConn, subjectId: string | undefined, sent?: WireObject): void {
    const fields: Record<string, WireValue | undefined> = { [g.key]: key, ...e.set };
    const idField = this.b.session === undefined ? undefined : splitFieldRef(this.b.session.identity).field;
    if (idField !== undefined && subjectId !== undefined) fields[idField] = subjectId;
    const event = this.overlay(e.send, fields, CHANGES.has(e.on) ? undefined : sent, e.on);
    if (e.record && g.history !== undefined && this.plants.noHistory !== true) {
      const item = this.itemOf(e.send, event, g.history.item);
      if (item !== undefined) {
        state.history.push(item);
        if (state.history.length > g.history.size) state.history.shift();
      }
    }
    const to = e.to === "others" && this.plants.echoEventsToSender !== true ? state.members.filter((m) => m.conn !== subject) : state.members;
    for (const m of to) m.conn.event(e.send, event);
    if (e.to === "others" && this.plants.echoEventsToSender === true && !state.members.some((m) => m.conn === subject)) subject.event(e.send, event);
  }

  /** `message`'s sample with `fields` set where it has them, and the request's fields copied by name and type (top level, or one struct down). */
  private overlay(message: string, fields: Readonly<Record<string, WireValue | undefined>>, sent?: WireObject, on?: string): WireObject {
    const m = this.kit.message(message);
    const out: Record<string, WireValue | undefined> = { ...this.kit.sample(message) };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined && m.fields.some((f) => f.name === k)) out[k] = v;
    if (sent === undefined || on === undefined) return out;
    const request = this.kit.message(on);
    for (const f of request.fields) {
      const v = sent[f.name];
      if (v === undefined || fields[f.name] !== undefined) continue;
      if (m.fields.some((x) => x.name === f.name && x.typeText === f.typeText)) {
        out[f.name] = v;
        continue;
      }
      for (const holder of m.fields) {
        const struct = this.structOf(holder.type);
        if (struct?.some((x) => x.name === f.name && x.typeText === f.typeText) === true) out[holder.name] = { ...(out[holder.name] as WireObject), [f.name]: v };
      }
    }
    for (const holder of m.fields) {
      const struct = this.structOf(holder.type);
      const idField = struct?.find((x) => x.name.endsWith("_id") && x.type.kind === "int" && x.type.bits === 64);
      if (idField !== undefined) out[holder.name] = { ...(out[holder.name] as WireObject), [idField.name]: this.nextId++ };
    }
    return out;
  }

  private structOf(t: FieldType): readonly Field[] | undefined {
    if (t.kind !== "struct") return undefined;
    const decl = this.spec.types.find((x) => x.kind === "struct" && x.name === t.name);
    return decl?.kind === "struct" ? decl.fields : undefined;
  }

  /** The history item in an event: the event itself, or its field of the item's struct. */
  private itemOf(message: string, event: WireObject, item: string): WireObject | undefined {
    if (message === item) return event;
    const holder = this.kit.message(message).fields.find((f) => f.type.kind === "struct" && f.type.name === item);
    return holder === undefined ? undefined : (event[holder.name] as WireObject);
  }

  /** Sets the value at `ref` (`RoomSummary.members`) inside `out`, an `answer`'s value. */
  private setAt(out: Record<string, WireValue | undefined>, answer: string, ref: string, v: WireValue): void {
    const { owner, field } = splitFieldRef(ref);
    if (owner === answer) {
      out[field] = v;
      return;
    }
    const holder = this.kit.message(answer).fields.find((f) => f.type.kind === "struct" && f.type.name === owner);
    if (holder !== undefined) out[holder.name] = { ...(out[holder.name] as WireObject), [field]: v };
  }

  /** A member as the group's member list shows it: identity and attributes by name, the rest defaults. */
  private memberValue(g: Group, m: MemberState): WireObject {
    const { owner, field } = splitFieldRef(g.members ?? "");
    const list = this.spec.types.flatMap((t) => (t.kind === "struct" && t.name === owner ? t.fields : [])).find((f) => f.name === field)?.type;
    const fields = list?.kind === "list" ? (this.structOf(list.of) ?? []) : [];
    const idField = this.b.session === undefined ? undefined : splitFieldRef(this.b.session.identity).field;
    const out: Record<string, WireValue> = {};
    for (const f of fields) out[f.name] = this.defaultOf(f.type);
    if (idField !== undefined) out[idField] = m.identity;
    for (const a of g.attributes) {
      const at = splitFieldRef(a.field);
      if (fields.some((f) => f.name === at.field)) out[at.field] = m.attributes.has(a.name);
    }
    return out;
  }

  private defaultOf(t: FieldType): WireValue {
    return zeroValue((name) => this.spec.types.find((x) => x.name === name), t);
  }
}
