// A coder's answer for chat's R7 in Python, as a model would write it: the
// first member of a room is its moderator, and only the moderator may kick.
// The handlers are the emitter's default with the rule added; the behaviour
// test drives a real server and two clients over loopback. A weakened copy
// of the test (an early return, a value compared with itself) is green
// whatever the handlers do.
import { createEmitterRegistry } from "../../src/emit/emitter-registry.js";
import { chatWithoutBehaviour } from "./chat-without-behaviour.js";

/** The default handlers file of `language` over TCP, as the emitter writes it for chat without its behaviour section. */
export function chatDefaultHandlers(language: "python" | "javascript"): string {
  const path = language === "python" ? "python/src/chat/handlers.py" : "javascript/src/handlers.js";
  const file = createEmitterRegistry().get(language).generate(chatWithoutBehaviour(), { transport: "tcp" }).find((f) => f.path === path);
  if (file === undefined || typeof file.content !== "string") throw new Error(`the ${language} emitter wrote no ${path}`);
  return file.content;
}

/** The chat handlers.py with the moderation rule (R7) added to the emitter's default. */
export function moderationHandlers(defaultText: string): string {
  const edits: readonly (readonly [string, string])[] = [
    ["    ErrorReply,\n", "    ErrorCode,\n    ErrorReply,\n"],
    ["        self._ids = itertools.count(1)\n", "        self._ids = itertools.count(1)\n        self.moderators: dict[str, str] = {}\n        \"\"\"Each room's moderator: its first member.\"\"\"\n"],
    [
      "            summary=RoomSummary(room=message.room, members=[], is_moderator=False),",
      "            summary=RoomSummary(room=message.room, members=[], is_moderator=self.moderators.setdefault(message.room, user_of(session)) == user_of(session)),",
    ],
    [
      "        answer = KickOk(room=message.room, username=message.username)\n",
      "        if self.moderators.get(message.room) != user_of(session):\n            return ErrorReply(code=ErrorCode.NOT_A_MODERATOR, detail=\"only the room's moderator may kick\")\n        answer = KickOk(room=message.room, username=message.username)\n",
    ],
    ["class ServerHandlers:", "def user_of(session: ServerSession) -> str:\n    login = session.last(Login)\n    return login.username if login is not None else \"\"\n\n\nclass ServerHandlers:"],
  ];
  let text = defaultText;
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`the default handlers no longer contain ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return text;
}

export const MODERATION_TEST_PATH = "tests/test_behaviour_moderation.py";

export const MODERATION_TEST = `"""Moderation (R7): the first member of a room is its moderator; only the moderator may kick."""

from __future__ import annotations

import asyncio
import unittest

from chat.messages import ErrorCode, ErrorReply, JoinOk, JoinRoom, KickOk, KickUser, Login, LoginOk
from chat.transport.client import ChatClient
from chat.transport.server import ChatServer

TIMEOUT = 10.0


class ModerationTest(unittest.IsolatedAsyncioTestCase):
    async def test_the_first_member_moderates_and_may_kick(self) -> None:
        async with ChatServer() as server:
            async with ChatClient("127.0.0.1", server.port) as alice, ChatClient("127.0.0.1", server.port) as bob:
                self.assertIsInstance(await asyncio.wait_for(alice.login(Login(username="alice", password="password1")), TIMEOUT), LoginOk)
                self.assertIsInstance(await asyncio.wait_for(bob.login(Login(username="bob_b", password="password2")), TIMEOUT), LoginOk)
                first = await asyncio.wait_for(alice.join_room(JoinRoom(room="lobby")), TIMEOUT)
                assert isinstance(first, JoinOk)
                self.assertTrue(first.summary.is_moderator)
                second = await asyncio.wait_for(bob.join_room(JoinRoom(room="lobby")), TIMEOUT)
                assert isinstance(second, JoinOk)
                self.assertFalse(second.summary.is_moderator)
                kicked = await asyncio.wait_for(alice.kick_user(KickUser(room="lobby", username="bob_b")), TIMEOUT)
                self.assertEqual(kicked, KickOk(room="lobby", username="bob_b"))

    async def test_a_member_may_not_kick(self) -> None:
        async with ChatServer() as server:
            async with ChatClient("127.0.0.1", server.port) as alice, ChatClient("127.0.0.1", server.port) as bob:
                await asyncio.wait_for(alice.login(Login(username="alice", password="password1")), TIMEOUT)
                await asyncio.wait_for(bob.login(Login(username="bob_b", password="password2")), TIMEOUT)
                await asyncio.wait_for(alice.join_room(JoinRoom(room="lobby")), TIMEOUT)
                await asyncio.wait_for(bob.join_room(JoinRoom(room="lobby")), TIMEOUT)
                refused = await asyncio.wait_for(bob.kick_user(KickUser(room="lobby", username="alice")), TIMEOUT)
                assert isinstance(refused, ErrorReply)
                self.assertEqual(refused.code, ErrorCode.NOT_A_MODERATOR)
`;

/** The same test weakened without changing its counts: an early return before the assertions, and a value compared with itself. */
export const WEAKENED_MODERATION_TEST = MODERATION_TEST.replace(
  "                first = await asyncio.wait_for(alice.join_room(JoinRoom(room=\"lobby\")), TIMEOUT)\n",
  "                first = await asyncio.wait_for(alice.join_room(JoinRoom(room=\"lobby\")), TIMEOUT)\n                return\n",
)
  .replace("                assert isinstance(refused, ErrorReply)\n", "                assert isinstance(refused, ErrorReply | KickOk)\n")
  .replace("                self.assertEqual(refused.code, ErrorCode.NOT_A_MODERATOR)\n", "                self.assertEqual(refused, refused)\n");

/** The chat handlers.js with the moderation rule (R7) added to the emitter's default. */
export function moderationHandlersJs(defaultText: string): string {
  const edits: readonly (readonly [string, string])[] = [
    ["  ChatMessage,\n", "  ChatMessage,\n  ErrorCode,\n  ErrorReply,\n"],
    ["/** @import { ErrorReply, JoinRoom,", "/** @import { JoinRoom,"],
    ["    this.received = [];\n  }\n", "    this.received = [];\n    /** Each room's moderator: its first member. @type {Map<string, string>} */\n    this.moderators = new Map();\n  }\n"],
    ["        isModerator: false,\n", "        isModerator: this.#moderate(message.room, userOf(session)),\n"],
    [
      "  async onKickUser(session, message) {\n    this.remember(message);\n",
      "  async onKickUser(session, message) {\n    this.remember(message);\n    if (this.moderators.get(message.room) !== userOf(session)) {\n      return new ErrorReply({ code: ErrorCode.NOT_A_MODERATOR, detail: \"only the room's moderator may kick\" });\n    }\n",
    ],
    [
      "export class ServerHandlers {\n  #ids = 0;\n",
      "/** @param {ServerSession} session */\nfunction userOf(session) {\n  return session.last(Login)?.username ?? \"\";\n}\n\nexport class ServerHandlers {\n  #ids = 0;\n\n  /** @param {string} room @param {string} user */\n  #moderate(room, user) {\n    if (!this.moderators.has(room)) this.moderators.set(room, user);\n    return this.moderators.get(room) === user;\n  }\n",
    ],
  ];
  let text = defaultText;
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`the default handlers no longer contain ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return text;
}

export const MODERATION_TEST_JS_PATH = "test/behaviour-moderation.test.js";

export const MODERATION_TEST_JS = `// Moderation (R7): the first member of a room is its moderator; only the moderator may kick.
import assert from "node:assert/strict";
import { test } from "node:test";

import { ErrorCode, ErrorReply, JoinOk, JoinRoom, KickOk, KickUser, Login } from "../src/messages.js";
import { ChatClient } from "../src/transport/client.js";
import { ChatServer } from "../src/transport/server.js";

/** A logged-in client in the lobby, with its JoinOk. @param {number} port @param {string} username @returns {Promise<[ChatClient, JoinOk]>} */
async function member(port, username) {
  const client = new ChatClient("127.0.0.1", port);
  await client.connect();
  await client.login(new Login({ username, password: "password1" }));
  const joined = await client.joinRoom(new JoinRoom({ room: "lobby" }));
  assert.ok(joined instanceof JoinOk);
  return [client, joined];
}

test("the first member moderates and may kick", async () => {
  const server = new ChatServer();
  await server.start();
  const [alice, first] = await member(server.port, "alice");
  const [bob, second] = await member(server.port, "bob_b");
  try {
    assert.equal(first.summary.isModerator, true);
    assert.equal(second.summary.isModerator, false);
    const kicked = await alice.kickUser(new KickUser({ room: "lobby", username: "bob_b" }));
    assert.deepEqual(kicked, new KickOk({ room: "lobby", username: "bob_b" }));
  } finally {
    await alice.close();
    await bob.close();
    await server.close();
  }
});

test("a member may not kick", async () => {
  const server = new ChatServer();
  await server.start();
  const [alice] = await member(server.port, "alice");
  const [bob] = await member(server.port, "bob_b");
  try {
    const refused = await bob.kickUser(new KickUser({ room: "lobby", username: "alice" }));
    assert.ok(refused instanceof ErrorReply);
    assert.equal(refused.code, ErrorCode.NOT_A_MODERATOR);
  } finally {
    await alice.close();
    await bob.close();
    await server.close();
  }
});
`;
