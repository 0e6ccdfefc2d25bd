// The JavaScript behaviour engine's state (runtime-behaviour/behaviour-state.js,
// copied into generated projects with a behaviour section), driven directly
// with stand-in sessions and hub: a lost session waits for its token for the
// resume window and then ends, telling the groups it leaves; tokens are single
// use; a resumption takes the groups back; idempotent answers are bounded.
import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain JavaScript without declarations (checked by the generated project's tsc)
import { BehaviourState } from "../../src/emit/javascript/runtime-behaviour/behaviour-state.js";

interface FakeSession {
  id: number;
  hub: FakeHub;
  pushed: string[];
  canPush(m: { NAME: string }): boolean;
  push(m: { NAME: string }): Promise<boolean>;
}

class FakeHub {
  readonly groups = new Map<string, Set<FakeSession>>();
  join(group: string, s: FakeSession): void {
    const set = this.groups.get(group) ?? new Set<FakeSession>();
    set.add(s);
    this.groups.set(group, set);
  }
  leave(group: string, s: FakeSession): void {
    this.groups.get(group)?.delete(s);
  }
  remove(s: FakeSession): void {
    for (const set of this.groups.values()) set.delete(s);
  }
}

let ids = 0;
function session(hub: FakeHub): FakeSession {
  const s: FakeSession = {
    id: ++ids,
    hub,
    pushed: [],
    canPush: () => true,
    push: async (m) => {
      s.pushed.push(m.NAME);
      return true;
    },
  };
  return s;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup(windowMs: number | null) {
  const left: string[] = [];
  const state = new BehaviourState({
    windowMs,
    hubGroup: (_kind: string, key: string) => key,
    onLeft: async (record: { identity: string }, group: { key: string }) => void left.push(`${record.identity} left ${group.key}`),
    onError: (error: unknown) => {
      throw error;
    },
  });
  return { state, left, hub: new FakeHub() };
}

describe("BehaviourState", () => {
  it("keeps a lost session resumable for the window, its memberships kept, then ends it and tells its groups", async () => {
    const { state, left, hub } = setup(50);
    const a = session(hub);
    const record = await state.open(a, "alice");
    state.issue(record, new Uint8Array(32).fill(1));
    state.join(state.group("room", "general"), record, ["moderator"]);
    hub.remove(a);
    await sleep(0);
    expect(state.taken("alice")).toBe(false);
    expect(state.resumable(new Uint8Array(32).fill(1))).toBe(record);
    expect(state.memberOf(state.group("room", "general"), record)).toBeDefined();
    expect(left).toEqual([]);
    await sleep(120);
    expect(left).toEqual(["alice left general"]);
    expect(state.resumable(new Uint8Array(32).fill(1))).toBeUndefined();
    expect(state.group("room", "general").members.size).toBe(0);
  });

  it("ends a lost session at once without a resume window", async () => {
    const { state, left, hub } = setup(null);
    const a = session(hub);
    const record = await state.open(a, "alice");
    state.issue(record, new Uint8Array(32).fill(2));
    state.join(state.group("room", "general"), record, []);
    hub.remove(a);
    await sleep(0);
    expect(left).toEqual(["alice left general"]);
  });

  it("resumes on a new session once per token, the groups back in the hub", async () => {
    const { state, hub } = setup(10_000);
    const a = session(hub);
    const record = await state.open(a, "alice");
    const token = new Uint8Array(32).fill(3);
    state.issue(record, token);
    state.join(state.group("room", "general"), record, []);
    hub.remove(a);
    await sleep(0);
    const b = session(hub);
    await state.resume(b, record, ["room"]);
    expect(hub.groups.get("general")?.has(b)).toBe(true);
    expect(state.taken("alice")).toBe(true);
    state.issue(record, new Uint8Array(32).fill(4));
    expect(state.resumable(token)).toBeUndefined();
  });

  it("keeps the last `remember` idempotent answers per session", async () => {
    const { state, hub } = setup(null);
    const record = await state.open(session(hub), "alice");
    for (let key = 1; key <= 3; key++) state.keep(record, "SendMessage", key, { NAME: `answer ${key}` }, 2);
    expect(state.answered(record, "SendMessage", 1)).toBeUndefined();
    expect(state.answered(record, "SendMessage", 3)).toEqual({ NAME: "answer 3" });
  });

  it("replays the recorded events after an id, oldest first, across the session's groups", async () => {
    const { state, hub } = setup(null);
    const record = await state.open(session(hub), "alice");
    const general = state.group("room", "general");
    const random = state.group("room", "random");
    state.join(general, record, []);
    state.join(random, record, []);
    for (const g of [general, random, general]) {
      const id = state.nextItemId();
      state.record(g, 50, id, { id }).event = { NAME: `event ${id}` };
    }
    expect(state.missed(record, ["room"], 1n)).toEqual([{ NAME: "event 2" }, { NAME: "event 3" }]);
    expect(state.missed(record, ["room"], undefined)).toEqual([]);
  });

  it("counts the sequence numbers skipped: 1, 2, 4 misses 1; a repeat or a late one misses none", async () => {
    const { state, hub } = setup(null);
    const record = await state.open(session(hub), "alice");
    expect([1, 2, 4, 4, 3, 7n].map((n) => state.sequence(record, "Report.seq", n))).toEqual([0, 0, 1, 0, 0, 2]);
  });

  it("keeps a group only while it has members or history", async () => {
    const { state, hub } = setup(null);
    const record = await state.open(session(hub), "alice");
    expect(state.group("room", "nowhere").members.size).toBe(0);
    expect(state.groups.get("room")?.has("nowhere") ?? false).toBe(false);
    const general = state.group("room", "general");
    state.join(general, record, []);
    expect(state.group("room", "general")).toBe(general);
    state.leave(general, record);
    expect(state.groups.get("room")?.has("general")).toBe(false);
    state.join(general, record, []);
    state.record(general, 50, state.nextItemId(), {});
    state.leave(general, record);
    expect(state.group("room", "general").history).toHaveLength(1);
  });
});
