// Generated once by protoforge; yours to edit.

// Behaviour of chat: what the server does with each message, and what the client does with the server's own messages.
//
// Generated once with a working default for every message; edit freely, protoforge
// does not overwrite this file (nor types/handlers.d.ts, keep both in step; tsc checks
// that this file satisfies it, through testing/declarations.js). The transports
// check authentication, the role machines, the rate limit and the input before a handler runs.

import { randomBytes } from "node:crypto";

import {
  ChatMessage,
  JoinOk,
  KickOk,
  Kicked,
  LeaveOk,
  Login,
  LoginOk,
  MemberTyping,
  MessageAccepted,
  PresenceChange,
  PresenceUpdate,
  ResumeOk,
  RoomMessage,
  RoomSummary,
  UserStatus,
} from "./messages.js";
/** @import { ErrorReply, JoinRoom, KickUser, LeaveRoom, Logout, Message, Resume, SendMessage, SetStatus, Typing } from "./messages.js" */
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
   * The default accepts every credential: check them here.
   * @param {ServerSession} session
   * @param {Login} message
   * @returns {Promise<LoginOk | ErrorReply>}
   */
  async onLogin(session, message) {
    this.remember(message);
    return new LoginOk({
      sessionToken: this.randomBytes(32),
      resumeWindowMs: 600000,
      serverTime: this.clock(),
    });
  }

  /**
   * On a new connection after a lost one: restores the session, with its rooms, instead of logging in again.
   *
   * Answer with ResumeOk, or ErrorReply to refuse.
   * @param {ServerSession} session
   * @param {Resume} message
   * @returns {Promise<ResumeOk | ErrorReply>}
   */
  async onResume(session, message) {
    this.remember(message);
    const login = session.last(Login);
    return new ResumeOk({
      sessionToken: this.randomBytes(32),
      username: login?.username ?? "bob",
      rooms: [],
      replayedCount: 0,
    });
  }

  /**
   * Ends the session: the user leaves all rooms and the session token becomes invalid.
   * @param {ServerSession} session
   * @param {Logout} message
   * @returns {Promise<void>}
   */
  async onLogout(session, message) {
    this.remember(message);
  }

  /**
   * Joins a room; the other members get a PresenceUpdate (joined).
   *
   * Answer with JoinOk, or ErrorReply to refuse.
   * @param {ServerSession} session
   * @param {JoinRoom} message
   * @returns {Promise<JoinOk | ErrorReply>}
   */
  async onJoinRoom(session, message) {
    this.remember(message);
    const login = session.last(Login);
    const answer = new JoinOk({
      summary: new RoomSummary({
        room: message.room,
        members: [],
        isModerator: false,
      }),
      history: [],
    });
    session.hub.join(message.room, session);
    await session.hub.broadcast(new PresenceUpdate({
      room: message.room,
      username: login?.username ?? "bob",
      change: PresenceChange.JOINED,
      status: login?.status ?? UserStatus.ONLINE,
    }), { group: message.room, exclude: session });
    return answer;
  }

  /**
   * Leaves a room; the other members get a PresenceUpdate (left).
   *
   * Answer with LeaveOk, or ErrorReply to refuse.
   * @param {ServerSession} session
   * @param {LeaveRoom} message
   * @returns {Promise<LeaveOk | ErrorReply>}
   */
  async onLeaveRoom(session, message) {
    this.remember(message);
    const login = session.last(Login);
    const answer = new LeaveOk({ room: message.room });
    session.hub.leave(message.room, session);
    await session.hub.broadcast(new PresenceUpdate({
      room: message.room,
      username: login?.username ?? "bob",
      change: PresenceChange.LEFT,
      status: login?.status ?? UserStatus.ONLINE,
    }), { group: message.room, exclude: session });
    return answer;
  }

  /**
   * Posts a message to a room the user is in; the server broadcasts it to every member, the sender included.
   *
   * Answer with MessageAccepted, or ErrorReply to refuse.
   * @param {ServerSession} session
   * @param {SendMessage} message
   * @returns {Promise<MessageAccepted | ErrorReply>}
   */
  async onSendMessage(session, message) {
    this.remember(message);
    const login = session.last(Login);
    const answer = new MessageAccepted({
      clientMsgId: message.clientMsgId,
      messageId: BigInt(this.nextId()),
      sentAt: this.clock(),
    });
    await session.hub.broadcast(new RoomMessage({
      room: message.room,
      message: new ChatMessage({
        messageId: answer.messageId,
        sender: login?.username ?? "bob",
        text: message.text,
        sentAt: answer.sentAt,
      }),
    }), { group: message.room });
    return answer;
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
   * @param {ServerSession} session
   * @param {Typing} message
   * @returns {Promise<void>}
   */
  async onTyping(session, message) {
    this.remember(message);
    const login = session.last(Login);
    await session.hub.broadcast(new MemberTyping({
      room: message.room,
      username: login?.username ?? "bob",
      active: message.active,
    }), { group: message.room, exclude: session });
  }

  /**
   * A moderator removes a user from a room; the user gets Kicked, the other members a PresenceUpdate (kicked).
   *
   * Answer with KickOk, or ErrorReply to refuse.
   * @param {ServerSession} session
   * @param {KickUser} message
   * @returns {Promise<KickOk | ErrorReply>}
   */
  async onKickUser(session, message) {
    this.remember(message);
    const login = session.last(Login);
    const answer = new KickOk({
      room: message.room,
      username: message.username,
    });
    await session.hub.broadcast(new PresenceUpdate({
      room: message.room,
      username: message.username,
      change: PresenceChange.KICKED,
      status: login?.status ?? UserStatus.ONLINE,
    }), { group: message.room, exclude: session });
    await session.hub.broadcast(new Kicked({
      room: message.room,
      moderator: login?.username ?? "bob",
      reason: message.reason,
    }), { group: message.room, exclude: session });
    return answer;
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
