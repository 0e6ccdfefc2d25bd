// The event-stream reader of the HTTP link: events split anywhere across
// chunks, CRLF split between chunks, comments (the keepalive) skipped.
import { describe, expect, it } from "vitest";
import { SseReader } from "../../../src/verify/conformance/sse-reader.js";

describe("SseReader", () => {
  it("reads events whatever the chunking, skipping the keepalive comment", () => {
    const text = ':\n\nevent: RoomMessage\nid: 1\ndata: {"type":"RoomMessage","seq":1}\n\n:\n\nevent: Kicked\r\nid: 2\r\ndata: {"a":\r\ndata: 1}\r\n\r\n';
    for (const size of [1, 2, 3, 7, text.length]) {
      const reader = new SseReader();
      const events = [];
      for (let i = 0; i < text.length; i += size) events.push(...reader.push(text.slice(i, i + size)));
      expect(events, `chunks of ${size}`).toEqual([
        { event: "RoomMessage", id: "1", data: '{"type":"RoomMessage","seq":1}' },
        { event: "Kicked", id: "2", data: '{"a":\n1}' },
      ]);
    }
  });

  it("keeps an incomplete event until its blank line", () => {
    const reader = new SseReader();
    expect(reader.push("event: X\ndata: 1\n")).toEqual([]);
    expect(reader.push("\n")).toEqual([{ event: "X", id: undefined, data: "1" }]);
  });
});
