import { describe, expect, it } from "vitest";
import { parseFileList, transportLayout } from "./transport-layout.js";

const tcp = [
  { path: "PROTOCOL.md", content: "same" },
  { path: "python/server.py", content: "tcp server" },
  { path: "python/tcp_only.py", content: "x" },
];
const udp = [
  { path: "PROTOCOL.md", content: "same" },
  { path: "python/server.py", content: "udp server" },
  { path: "python/udp_only.py", content: new Uint8Array([1, 2]) },
];

describe("transportLayout", () => {
  it("keeps TCP whole, at the example's root", () => {
    expect(transportLayout("tcp", tcp, tcp).map((f) => f.path)).toEqual(["PROTOCOL.md", "python/server.py", "python/tcp_only.py"]);
  });

  it("keeps another transport's differing and own files, and lists every path of its output", () => {
    const layout = transportLayout("udp", udp, tcp);
    expect(layout.map((f) => f.path)).toEqual(["transports/udp/files.txt", "transports/udp/python/server.py", "transports/udp/python/udp_only.py"]);
    expect(parseFileList(layout[0]?.bytes.toString("utf8") ?? "")).toEqual(["PROTOCOL.md", "python/server.py", "python/udp_only.py"]);
    expect(layout[2]?.bytes.equals(Buffer.from([1, 2]))).toBe(true);
  });
});
