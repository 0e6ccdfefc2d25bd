// The state of the behaviour engine (src/behaviour.js), whatever the spec:
// sessions by identity, resume tokens (single use), groups with members and
// attributes, a bounded history with numbered items, and the answers kept
// for idempotent requests. The engine's methods decide what to check and
// send; this only keeps the state and the hub's groups in step with it.
//
// A session whose connection is lost without its end stays resumable for
// the resume window: its memberships are kept, events to it are dropped (the
// hub forgot the closed connection), and a resumption puts the new
// connection in its place.

/** @typedef {import("../messages.js").Message} Message */
/** @typedef {import("../transport/session.js").ServerSession} ServerSession */
/** @typedef {import("../transport/session.js").Hub} Hub */

/** One recorded item of a group's history, and the event that carried it (for replays). */
export class HistoryEntry {
  /** @param {number} id @param {unknown} item */
  constructor(id, item) {
    this.id = id;
    this.item = item;
    /** @type {Message | null} */
    this.event = null;
  }
}

/** A session by identity: its connection (null while it waits to be resumed), its token, its kept answers. */
export class SessionRecord {
  /** @param {string} identity @param {ServerSession} session */
  constructor(identity, session) {
    this.identity = identity;
    /** @type {ServerSession | null} */
    this.session = session;
    /** @type {string | null} */
    this.token = null;
    /** @type {Map<string, Message>} Answers of idempotent requests, by request and key, oldest first. */
    this.answers = new Map();
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.expiry = null;
    /** @type {Map<string, bigint>} The highest sequence number received, by numbered field. */
    this.sequences = new Map();
  }
}

/** A member of a group: its session record and the attributes it holds there. */
export class Member {
  /** @param {SessionRecord} record @param {readonly string[]} attributes */
  constructor(record, attributes) {
    this.record = record;
    /** @type {Set<string>} */
    this.attributes = new Set(attributes);
  }
}

/** One group (a room): its members by identity, in joining order, and its history. */
export class GroupState {
  /** @param {string} kind @param {string} key */
  constructor(kind, key) {
    this.kind = kind;
    this.key = key;
    /** @type {Map<string, Member>} */
    this.members = new Map();
    /** @type {HistoryEntry[]} */
    this.history = [];
  }
}

/**
 * What a session's end leaves behind, for the engine to tell the other members.
 * @typedef {(record: SessionRecord, group: GroupState) => Promise<void>} LeftHandler
 */

export class BehaviourState {
  /**
   * @param {{ windowMs: number | null, hubGroup: (kind: string, key: string) => string, onLeft: LeftHandler, onError: (error: unknown) => void }} settings
   * `windowMs`: how long a lost session stays resumable (null: it ends with its connection);
   * `hubGroup`: the hub's name of a group; `onLeft`: called for each group a session leaves when it ends;
   * `onError`: hears what failed while a session ended on its own (its connection lost, its window over).
   */
  constructor({ windowMs, hubGroup, onLeft, onError }) {
    this.windowMs = windowMs;
    this.hubGroup = hubGroup;
    this.onLeft = onLeft;
    this.onError = onError;
    /** @type {Map<string, SessionRecord>} */
    this.byIdentity = new Map();
    /** @type {Map<ServerSession, SessionRecord>} */
    this.bySession = new Map();
    /** @type {Map<string, SessionRecord>} */
    this.byToken = new Map();
    /** @type {Map<string, Map<string, GroupState>>} */
    this.groups = new Map();
    this.itemIds = 0;
    /** @type {WeakSet<Hub>} */
    this.watched = new WeakSet();
  }

  // --- sessions --------------------------------------------------------------

  /** Hears from `hub` when one of its sessions goes (a connection lost or closed). @param {Hub} hub */
  watch(hub) {
    if (this.watched.has(hub)) return;
    this.watched.add(hub);
    const remove = hub.remove.bind(hub);
    hub.remove = (session) => {
      remove(session);
      this.dropped(session).catch(this.onError);
    };
  }

  /** The session record of `session`: the one it opened, or one without identity (no authentication opened one). @param {ServerSession} session */
  sender(session) {
    this.watch(session.hub);
    let record = this.bySession.get(session);
    if (record === undefined) {
      record = new SessionRecord(`#${session.id}`, session);
      this.bySession.set(session, record);
    }
    return record;
  }

  /** Whether a session with a live connection has `identity`. @param {string} identity */
  taken(identity) {
    const held = this.byIdentity.get(identity);
    return held !== undefined && held.session !== null;
  }

  /**
   * Opens the session of `identity` on `session`; one waiting to be resumed under it ends first.
   * @param {ServerSession} session @param {string} identity
   */
  async open(session, identity) {
    this.watch(session.hub);
    const held = this.byIdentity.get(identity);
    if (held !== undefined) await this.end(held);
    const record = new SessionRecord(identity, session);
    this.byIdentity.set(identity, record);
    this.bySession.set(session, record);
    return record;
  }

  /** A fresh token of `record` (the one before is spent). @param {SessionRecord} record @param {Uint8Array} bytes */
  issue(record, bytes) {
    if (record.token !== null) this.byToken.delete(record.token);
    record.token = Buffer.from(bytes).toString("hex");
    this.byToken.set(record.token, record);
    return bytes;
  }

  /**
   * The session `token` resumes, if any: one waiting to be resumed, or one whose connection still looks
   * live (a half-open connection the server has not seen go yet), which the resumption takes over.
   * @param {Uint8Array} token
   */
  resumable(token) {
    return this.byToken.get(Buffer.from(token).toString("hex"));
  }

  /** `session` takes over `record` (closing the connection it had, if any); its groups of the kinds in `restores` come back, the others end. */
  async resume(/** @type {ServerSession} */ session, /** @type {SessionRecord} */ record, /** @type {readonly string[]} */ restores) {
    this.watch(session.hub);
    if (record.expiry !== null) clearTimeout(record.expiry);
    record.expiry = null;
    const previous = record.session;
    if (previous !== null && previous !== session) {
      this.bySession.delete(previous);
      for (const group of this.groupsOf(record)) previous.hub.leave(this.hubGroup(group.kind, group.key), previous);
      previous.close("its session was resumed on another connection");
    }
    record.session = session;
    this.bySession.set(session, record);
    for (const group of this.groupsOf(record)) {
      if (restores.includes(group.kind)) session.hub.join(this.hubGroup(group.kind, group.key), session);
      else await this.leaveWithNotice(record, group);
    }
  }

  /** The connection of `session` is gone: its session waits to be resumed, or ends. @param {ServerSession} session */
  async dropped(session) {
    const record = this.bySession.get(session);
    if (record === undefined) return;
    this.bySession.delete(session);
    if (record.session !== session) return;
    record.session = null;
    if (this.windowMs === null || record.token === null) {
      await this.end(record);
      return;
    }
    record.expiry = setTimeout(() => {
      this.end(record).catch(this.onError);
    }, this.windowMs);
    record.expiry.unref();
  }

  /** The session ends: it leaves every group (the other members are told), its identity and token are free. @param {SessionRecord} record */
  async end(record) {
    if (record.expiry !== null) clearTimeout(record.expiry);
    record.expiry = null;
    if (record.token !== null) this.byToken.delete(record.token);
    record.token = null;
    if (this.byIdentity.get(record.identity) === record) this.byIdentity.delete(record.identity);
    if (record.session !== null) this.bySession.delete(record.session);
    for (const group of this.groupsOf(record)) await this.leaveWithNotice(record, group);
    record.session = null;
  }

  /** @param {SessionRecord} record @param {GroupState} group */
  async leaveWithNotice(record, group) {
    this.leave(group, record);
    await this.onLeft(record, group);
  }

  // --- groups -----------------------------------------------------------------

  /**
   * The group of `kind` named `key`; an empty one, kept only once someone joins it, when there is none
   * (so requests naming groups nobody joined leave nothing behind).
   * @param {string} kind @param {string} key
   */
  group(kind, key) {
    return this.groups.get(kind)?.get(key) ?? new GroupState(kind, key);
  }

  /** The groups `record` belongs to, of one kind or of all, in order of their creation. @param {SessionRecord} record @param {string} [kind] */
  groupsOf(record, kind) {
    /** @type {GroupState[]} */
    const out = [];
    for (const [k, byKey] of this.groups) {
      if (kind !== undefined && k !== kind) continue;
      for (const group of byKey.values()) if (group.members.get(record.identity)?.record === record) out.push(group);
    }
    return out;
  }

  /** @param {GroupState} group @param {SessionRecord} record */
  memberOf(group, record) {
    const member = group.members.get(record.identity);
    return member?.record === record ? member : undefined;
  }

  /** @param {GroupState} group @param {SessionRecord} record @param {readonly string[]} attributes */
  join(group, record, attributes) {
    let byKey = this.groups.get(group.kind);
    if (byKey === undefined) this.groups.set(group.kind, (byKey = new Map()));
    if (!byKey.has(group.key)) byKey.set(group.key, group);
    group.members.set(record.identity, new Member(record, attributes));
    if (record.session !== null) record.session.hub.join(this.hubGroup(group.kind, group.key), record.session);
  }

  /** @param {GroupState} group @param {SessionRecord} record */
  leave(group, record) {
    if (this.memberOf(group, record) === undefined) return;
    group.members.delete(record.identity);
    if (group.members.size === 0 && group.history.length === 0) this.groups.get(group.kind)?.delete(group.key);
    if (record.session !== null) record.session.hub.leave(this.hubGroup(group.kind, group.key), record.session);
  }

  /**
   * Sends `message` to the members of `group` whose connection may take it now, but `exclude`.
   * @param {GroupState} group @param {Message} message @param {SessionRecord | null} [exclude]
   */
  async broadcast(group, message, exclude = null) {
    const pushes = [];
    for (const m of group.members.values()) {
      const session = m.record.session;
      if (m.record !== exclude && session !== null && session.canPush(message)) pushes.push(session.push(message));
    }
    await Promise.all(pushes);
  }

  /** Sends `message` to one member, if its connection may take it now. @param {SessionRecord} record @param {Message} message */
  async sendTo(record, message) {
    if (record.session !== null && record.session.canPush(message)) await record.session.push(message);
  }

  /** A fresh item id, increasing across the server. */
  nextItemId() {
    this.itemIds += 1;
    return this.itemIds;
  }

  /**
   * Records `item` into `group`'s history under `id`, keeping the last `size`.
   * @param {GroupState} group @param {number} size @param {number} id @param {unknown} item
   */
  record(group, size, id, item) {
    const entry = new HistoryEntry(id, item);
    group.history.push(entry);
    while (group.history.length > size) group.history.shift();
    return entry;
  }

  /**
   * The recorded events of `record`'s groups of the kinds in `kinds` newer than `after`, oldest first.
   * @param {SessionRecord} record @param {readonly string[]} kinds @param {number | bigint | undefined} after
   */
  missed(record, kinds, after) {
    if (after === undefined) return [];
    const entries = this.groupsOf(record).filter((g) => kinds.includes(g.kind)).flatMap((g) => g.history);
    return entries
      .filter((e) => e.event !== null && BigInt(e.id) > BigInt(after))
      .sort((a, b) => a.id - b.id)
      .flatMap((e) => (e.event === null ? [] : [e.event]));
  }

  // --- sequences ----------------------------------------------------------------

  /**
   * Takes sequence number `seq` of `field` from `record`: how many numbers it skips after the highest
   * received (0 for the first, a repeat or a late one, which leave the highest as it is).
   * @param {SessionRecord} record @param {string} field @param {number | bigint} seq
   */
  sequence(record, field, seq) {
    const n = BigInt(seq);
    const last = record.sequences.get(field);
    if (last !== undefined && n <= last) return 0;
    record.sequences.set(field, n);
    return last === undefined ? 0 : Number(n - last - 1n);
  }

  // --- idempotent requests ----------------------------------------------------

  /** The answer kept for request `name` with `key` from `record`. @param {SessionRecord} record @param {string} name @param {unknown} key */
  answered(record, name, key) {
    return record.answers.get(`${name}|${String(key)}`);
  }

  /**
   * Keeps `answer` (the last `remember` per session).
   * @param {SessionRecord} record @param {string} name @param {unknown} key @param {Message} answer @param {number} remember
   */
  keep(record, name, key, answer, remember) {
    record.answers.set(`${name}|${String(key)}`, answer);
    while (record.answers.size > remember) {
      const oldest = record.answers.keys().next();
      if (oldest.done === true) break;
      record.answers.delete(oldest.value);
    }
  }
}
