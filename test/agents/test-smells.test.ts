import { describe, expect, it } from "vitest";
import { findTestSmells } from "../../agents/reviewer/rules/test-smells.js";

const codes = (path: string, text: string) => findTestSmells(path, text).map((f) => `${f.code}@${f.location?.line}`);

const PY_GOOD = `import unittest


class KickTest(unittest.IsolatedAsyncioTestCase):
    async def test_kick_by_member_is_refused(self) -> None:
        answer = await kick(member)
        self.assertEqual(answer.code, ErrorCode.NOT_A_MODERATOR)
        self.assertEqual("a", "b" if answer else "a")
        self.assertTrue(answer.ok)
        if answer is None:
            return
        self.assertIsNotNone(answer.detail)
        assert answer.code == ErrorCode.NOT_A_MODERATOR
        # self.assertEqual(x, x) in a comment is not code
        text = "return self.assertEqual(x, x)"

    def helper(self) -> int:
        return (
            1
        )
`;

describe("test smells", () => {
  it("finds nothing in tests that check the code", () => {
    expect(codes("python/tests/test_behaviour_kick.py", PY_GOOD)).toEqual([]);
  });

  it("finds the weakened Python test: an early return before each assertion, and a value compared with itself", () => {
    const weakened = `class KickTest(unittest.IsolatedAsyncioTestCase):
    async def test_kick(self) -> None:
        answer = await kick(member)
        return
        self.assertEqual(answer.code, ErrorCode.NOT_A_MODERATOR)

    async def test_other(self) -> None:
        answer = await kick(member)
        self.assertEqual(answer.code,  answer.code)
        self.assertTrue(True)
        assert answer == answer
        assert True, "always"
        with self.subTest():
            raise SkipIt()
            self.assertIs(answer, None)
        self.assertEqual(answer.code, 3)
`;
    expect(codes("python/tests/test_behaviour_kick.py", weakened)).toEqual([
      "assertion-unreachable@5",
      "assertion-tautological@9",
      "assertion-tautological@10",
      "assertion-tautological@11",
      "assertion-tautological@12",
      "assertion-unreachable@15",
    ]);
  });

  it("finds the same smells in JavaScript, and leaves a return inside a nested callback alone", () => {
    const js = `import { test } from "node:test";
import assert from "node:assert/strict";

test("kick by a member is refused", async () => {
  const answer = await kick(member);
  assert.strictEqual(answer.code, answer.code);
  assert.ok(true);
  assert(1);
  const later = await new Promise((resolve) => {
    return resolve(answer);
  });
  assert.equal(later.code, "not_a_moderator");
  if (!answer) {
    throw new Error("no answer");
  }
  assert.deepStrictEqual(answer, { code: 11 });
  return;
  assert.strictEqual(answer.code, 11);
});
// assert.ok(true) in a comment is not code
const s = "assert.ok(true)";
`;
    expect(codes("javascript/test/behaviour-kick.test.js", js)).toEqual(["assertion-tautological@6", "assertion-tautological@7", "assertion-tautological@8", "assertion-unreachable@18"]);
  });

  it("compares the source of string arguments, not their blanked form", () => {
    expect(codes("python/tests/test_behaviour_x.py", `def test_x() -> None:\n    self.assertEqual("ab", "cd")\n    self.assertEqual("ab", "ab")\n`)).toEqual(["assertion-tautological@3"]);
  });

  it("finds the weakened JUnit test, and nothing in a sound one", () => {
    const java = `package dev.protoforge.chat;

class KickTest {
  @Test
  void kickByMemberIsRefused() {
    var answer = kick(member);
    assertEquals(answer.code(), answer.code());
    Assertions.assertTrue(true);
    assertNotNull("text");
    if (answer == null) {
      return;
    }
    assertEquals(ErrorCode.NOT_A_MODERATOR, answer.code(), "assertEquals(x, x) in a message");
    assertThrows(WireError.class, () -> { throw new WireError("x"); });
    assertTrue(answer.ok());
    return;
    assertEquals(11, answer.code());
  }
  // assertTrue(true) in a comment is not code
  String s = """
      assertTrue(true)
      """;
}
`;
    expect(codes("java/src/test/java/dev/protoforge/chat/BehaviourKickTest.java", java)).toEqual(["assertion-tautological@7", "assertion-tautological@8", "assertion-tautological@9", "assertion-unreachable@17"]);
  });

  it("finds the weakened GoogleTest test", () => {
    const cpp = `TEST(Kick, ByMemberIsRefused) {
  auto answer = kick(member);
  EXPECT_EQ(answer.code, answer.code);
  ASSERT_TRUE(true);
  EXPECT_EQ(answer.code, ErrorCode::NotAModerator);  // EXPECT_TRUE(true) in a comment
  if (!answer.ok) {
    return;
  }
  EXPECT_TRUE(answer.ok);
  return;
  EXPECT_EQ(answer.code, 11);
}
`;
    expect(codes("cpp/test/behaviour_kick_test.cpp", cpp)).toEqual(["assertion-tautological@3", "assertion-tautological@4", "assertion-unreachable@11"]);
  });

  it("reads only test languages it knows", () => {
    expect(findTestSmells("go/kick_test.go", "assert.Equal(t, a, a)")).toEqual([]);
  });
});
