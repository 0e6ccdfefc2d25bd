// What a Java project generated with --transport udp gets, without a JDK: the
// datagram runtime (UdpServer, UdpClient, DatagramLink/Inbox/Session,
// Retransmitter, DuplicateWindow) on top of the framed core, never the stream
// or HTTP classes, and no other transport gets the datagram runtime; facades
// over UdpServer/UdpClient; every copied file in <pkg>.transport.
import { describe, expect, it } from "vitest";
import { javaLayerFiles } from "../../src/emit/java/index.js";
import { transportRuntimeNames } from "../../src/emit/java/transport/runtime-copy.js";
import { example } from "../python-layer/support.js";

const DATAGRAM = ["DatagramInbox.java", "DatagramLink.java", "DatagramSession.java", "DuplicateWindow.java", "Retransmitter.java", "UdpClient.java", "UdpServer.java"];
const isDatagram = (f: string): boolean => /^(Udp|Datagram|Retransmitter|DuplicateWindow)/.test(f);

describe("the Java UDP transport's files", () => {
  it("UDP gets the datagram runtime and the framed core, never the stream or HTTP classes", () => {
    const udp = transportRuntimeNames("udp");
    expect(udp.filter(isDatagram)).toEqual(DATAGRAM);
    for (const f of ["FrameLink.java", "FrameChannel.java", "FramedServerSession.java", "FramedClient.java", "FrameHeader.java", "Hub.java", "ServerSession.java", "ClientBase.java", "DeliveryFailed.java", "RetryPolicy.java", "Timers.java"]) {
      expect(udp).toContain(f);
    }
    expect(udp.filter((f) => /^(Tcp|Stream|Http|Sse)/.test(f))).toEqual(["HttpStatusError.java"]); // the shared failure type
  });

  it("TCP and HTTP never get the datagram runtime", () => {
    expect(transportRuntimeNames("tcp").filter(isDatagram)).toEqual([]);
    expect(transportRuntimeNames("http").filter(isDatagram)).toEqual([]);
  });

  it("chat over UDP: facades over UdpServer/UdpClient, ProtocolInfo says udp, the runtime in dev.protoforge.chat.transport, deterministic", () => {
    const files = javaLayerFiles(example("chat"), { transport: "udp" });
    expect(javaLayerFiles(example("chat"), { transport: "udp" })).toEqual(files);
    const byPath = new Map(files.map((f) => [f.path, String(f.content)]));
    const transport = "java/src/main/java/dev/protoforge/chat/transport/";
    for (const f of DATAGRAM) {
      const content = byPath.get(`${transport}${f}`);
      expect(content, f).toBeDefined();
      expect(content).toContain("package dev.protoforge.chat.transport;");
      expect(content).not.toContain("__PACKAGE__");
    }
    expect(byPath.get(`${transport}ChatServer.java`)).toContain("extends UdpServer");
    expect(byPath.get(`${transport}ChatClient.java`)).toContain("extends UdpClient");
    expect(byPath.get("java/src/main/java/dev/protoforge/chat/ProtocolInfo.java")).toContain('TRANSPORT = "udp"');
    expect([...byPath.keys()].some((p) => p.endsWith("/TcpServer.java") || p.endsWith("/StreamLink.java"))).toBe(false);
  });
});
