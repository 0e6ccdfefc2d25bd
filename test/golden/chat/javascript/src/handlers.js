// Generated once by protoforge; yours to edit.

// Behaviour of chat: what the server does with each message, and what the client does with the server's own messages.
//
// Generated once with a working default for every message; edit freely, protoforge
// does not overwrite this file (nor types/handlers.d.ts, keep both in step; tsc checks
// that this file satisfies it, through testing/declarations.js). The transports
// check authentication, the role machines, the rate limit and the input before a handler runs.

import { randomBytes } from "node:crypto";

import { Behaviour } from "./behaviour.js";
import { Login, PresenceChange, PresenceUpdate } from "./messages.js";
/** @import { ErrorReply, JoinOk, JoinRoom, KickOk, KickUser, Kicked, LeaveOk, LeaveRoom, LoginOk, Logout, MemberTyping, Message, MessageAccepted, Resume, ResumeOk, RoomMessage, SendMessage, SetStatus, Typing } from "./messages.js" */
/** @import { ServerSession } from "./transport/session.js" */

/** How many handled messages `received` keeps. */
const KEEP = 1000;

/**
 * What the server does with each message a client sends.
 *
 * `session` is the sender's session: `session.last(Cls)` is its last message
 * of a kind, `session.data` is yours, `session.hub` reaches the other sessions
 * (`broadcast`, `join`, `leave`, `members`).
 */
export class ServerHandlers {
  #ids = 0;

  /** @param {{ clock?: (() => bigint) | undefined }} [init] `clock`: milliseconds since the epoch for timestamps (injectable for tests) */
  constructor({ clock } = {}) {
    /**
     * Milliseconds since the epoch, UTC, for timestamps.
     * @type {() => bigint}
     */
    this.clock = clock ?? (() => BigInt(Date.now()));
    /**
     * Every message handled, newest last (the last 1000): the default store.
     * @type {Message[]}
     */
    this.received = [];
    /** The rules of the spec's behaviour section and the state they keep (behaviour.js, regenerated): call it to keep them. */
    this.behaviour = new Behaviour({ clock: () => this.clock() });
  }

  /**
   * A fresh id (1, 2, 3, ...) for ids the server hands out.
   * @returns {number}
   */
  nextId() {
    this.#ids += 1;
    return this.#ids;
  }

  /**
   * Unpredictable bytes for tokens.
   * @param {number} size
   * @returns {Uint8Array}
   */
  randomBytes(size) {
    return new Uint8Array(randomBytes(size));
  }

  /**
   * Keeps `message` in `received`.
   * @param {Message} message
   */
  remember(message) {
    this.received.push(message);
    if (this.received.length > KEEP) this.received.shift();
  }

  /**
   * Authenticates a user with username and password and opens a session.
   *
   * Answer with LoginOk, or ErrorReply to refuse.
   *
   * The spec's behaviour section rules it: `this.behaviour.login` checks, changes the state and sends.
   * @param {ServerSession} session
   * @param {Login} message
   * @returns {Promise<LoginOk | ErrorReply>}
   */
  async onLogin(session, message) {
    this.remember(message);
    return this.behaviour.login(session, message);
  }

  /**
   * On a new connection after a lost one: restores the session, with its rooms, instead of logging in again.
   *
   * Answer with ResumeOk, or ErrorReply to refuse.
   *
   * The spec's behaviour section rules it: `this.behaviour.resume` checks, changes the state and sends.
   * @param {ServerSession} session
   * @param {Resume} message
   * @returns {Promise<ResumeOk | ErrorReply>}
   */
  async onResume(session, message) {
    this.remember(message);
    return this.behaviour.resume(session, message);
  }

  /**
   * Ends the session: the user leaves all rooms and the session token becomes invalid.
   *
   * The spec's behaviour section rules it: `this.behaviour.logout` checks, changes the state and sends.
   * @param {ServerSession} session
   * @param {Logout} message
   * @returns {Promise<void>}
   */
  async onLogout(session, message) {
    this.remember(message);
    await this.behaviour.logout(session, message);
  }

  /**
   * Joins a room; the other members get a PresenceUpdate (joined).
   *
   * Answer with JoinOk, or ErrorReply to refuse.
   *
   * The spec's behaviour section rules it: `this.behaviour.joinRoom` checks, changes the state and sends.
   * @param {ServerSession} session
   * @param {JoinRoom} message
   * @returns {Promise<JoinOk | ErrorReply>}
   */
  async onJoinRoom(session, message) {
    this.remember(message);
    return this.behaviour.joinRoom(session, message);
  }

  /**
   * Leaves a room; the other members get a PresenceUpdate (left).
   *
   * Answer with LeaveOk, or ErrorReply to refuse.
   *
   * The spec's behaviour section rules it: `this.behaviour.leaveRoom` checks, changes the state and sends.
   * @param {ServerSession} session
   * @param {LeaveRoom} message
   * @returns {Promise<LeaveOk | ErrorReply>}
   */
  async onLeaveRoom(session, message) {
    this.remember(message);
    return this.behaviour.leaveRoom(session, message);
  }

  /**
   * Posts a message to a room the user is in; the server broadcasts it to every member, the sender included.
   *
   * Answer with MessageAccepted, or ErrorReply to refuse.
   *
   * The spec's behaviour section rules it: `this.behaviour.sendMessage` checks, changes the state and sends.
   * @param {ServerSession} session
   * @param {SendMessage} message
   * @returns {Promise<MessageAccepted | ErrorReply>}
   */
  async onSendMessage(session, message) {
    this.remember(message);
    return this.behaviour.sendMessage(session, message);
  }

  /**
   * Changes the user's status; members of the user's rooms get a PresenceUpdate (status_changed).
   * @param {ServerSession} session
   * @param {SetStatus} message
   * @returns {Promise<void>}
   */
  async onSetStatus(session, message) {
    this.remember(message);
    const login = session.last(Login);
    for (const group of [...session.groups].sort()) {
      await session.hub.broadcast(new PresenceUpdate({
        room: group,
        username: login?.username ?? "bob",
        change: PresenceChange.STATUS_CHANGED,
        status: message.status,
      }), { group, exclude: session });
    }
  }

  /**
   * The user is typing in a room (active true; repeated every 3 s while typing) or stopped (active false). Best effort: may be lost.
   *
   * The spec's behaviour section rules it: `this.behaviour.typing` checks, changes the state and sends.
   * @param {ServerSession} session
   * @param {Typing} message
   * @returns {Promise<void>}
   */
  async onTyping(session, message) {
    this.remember(message);
    await this.behaviour.typing(session, message);
  }

  /**
   * A moderator removes a user from a room; the user gets Kicked, the other members a PresenceUpdate (kicked).
   *
   * Answer with KickOk, or ErrorReply to refuse.
   *
   * The spec's behaviour section rules it: `this.behaviour.kickUser` checks, changes the state and sends.
   * @param {ServerSession} session
   * @param {KickUser} message
   * @returns {Promise<KickOk | ErrorReply>}
   */
  async onKickUser(session, message) {
    this.remember(message);
    return this.behaviour.kickUser(session, message);
  }
}

/** What the client does with the messages the server sends on its own (they also go to the client's `events` queue). */
export class ClientHandlers {
  constructor() {
    /**
     * Every message handled, newest last (the last 1000).
     * @type {Message[]}
     */
    this.received = [];
  }

  /**
   * Keeps `message` in `received`.
   * @param {Message} message
   */
  remember(message) {
    this.received.push(message);
    if (this.received.length > KEEP) this.received.shift();
  }

  /**
   * A message posted to one of the user's rooms, pushed to every member of the room.
   * @param {RoomMessage} message
   * @returns {Promise<void>}
   */
  async onRoomMessage(message) {
    this.remember(message);
  }

  /**
   * A member of one of the user's rooms came, went or changed status. Not sent about the user's own joins and leaves.
   * @param {PresenceUpdate} message
   * @returns {Promise<void>}
   */
  async onPresenceUpdate(message) {
    this.remember(message);
  }

  /**
   * Another member is typing (or stopped). Receivers hide the indicator 6 s after the last active notice. Best effort: may be lost.
   * @param {MemberTyping} message
   * @returns {Promise<void>}
   */
  async onMemberTyping(message) {
    this.remember(message);
  }

  /**
   * The user was removed from a room by a moderator; no more events of the room follow. The user may join again.
   * @param {Kicked} message
   * @returns {Promise<void>}
   */
  async onKicked(message) {
    this.remember(message);
  }
}
