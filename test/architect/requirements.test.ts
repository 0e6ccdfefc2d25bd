import { describe, expect, it } from "vitest";
import { requestSentences } from "../../agents/architect/offline/analyse.js";
import { extractRequirements } from "../../agents/architect/offline/detect/requirements.js";
import { splitSentences } from "../../agents/architect/offline/text/normalise.js";

describe("requirement extraction", () => {
  it("splits sentences and list items, dropping list intros", () => {
    const text = "Create a chat protocol. The protocol should support:\n- User authentication with usernames\n- Rooms that users can join\n";
    const reqs = extractRequirements(splitSentences(text).map((t) => ({ text: t, source: "description" as const })));
    expect(reqs.map((r) => r.text)).toEqual(["Create a chat protocol.", "User authentication with usernames.", "Rooms that users can join."]);
    expect(reqs.map((r) => r.id)).toEqual(["R1", "R2", "R3"]);
  });

  it("categorises by cue words and prioritises by modal verbs", () => {
    const reqs = extractRequirements(
      [
        "Users must authenticate with a password.",
        "Reports should be acknowledged and retried after failures.",
        "Responses arrive within 100 ms.",
        "Users may join rooms.",
        "Typing indicators would be easy to read.",
      ].map((text) => ({ text, source: "description" as const })),
    );
    expect(reqs.map((r) => r.category)).toEqual(["security", "reliability", "performance", "functional", "usability"]);
    expect(reqs.map((r) => r.priority)).toEqual(["must", "should", "must", "could", "must"]);
  });

  it("turns request fields into requirements of their category", () => {
    const reqs = extractRequirements(
      requestSentences({
        description: "Sensors report temperature.",
        security_requirements: ["rate_limiting"],
        additional_features: ["typing_indicators"],
        performance_requirements: { max_latency_ms: 100, message_throughput: "1000 messages/second" },
      }),
    );
    expect(reqs.map((r) => [r.text, r.category, r.priority])).toEqual([
      ["Sensors report temperature.", "functional", "must"],
      ["Responses arrive within 100 ms.", "performance", "must"],
      ["Throughput of 1000 messages/second.", "performance", "must"],
      ["Rate limiting.", "security", "must"],
      ["Typing indicators.", "functional", "should"],
    ]);
  });

  it("splits a clause that starts with 'with' into its own requirement", () => {
    expect(splitSentences("Sensors report every 30 seconds, with acknowledgements for each report.")).toEqual([
      "Sensors report every 30 seconds",
      "with acknowledgements for each report.",
    ]);
  });
});
