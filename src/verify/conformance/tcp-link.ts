// The TCP link: one connection (to the port, or through the sandbox relay),
// frames cut by the reference deframer (wire-format §10.1). Every wait is
// bounded by its deadline.
import type { Socket } from "node:net";
import { createDeframer, type FrameLimits, WireError } from "../../wire/index.js";
import { connectStream, type Endpoint } from "./endpoint.js";
import { ConformanceError } from "./errors.js";
import { LinkEvents } from "./link-events.js";
import type { Link, LinkEvent, OpenLink } from "./link.js";

export function tcpOpener(endpoint: Endpoint, limits: FrameLimits): OpenLink {
  return async (deadline) => new TcpLink(await connectStream(endpoint, deadline), limits);
}

class TcpLink implements Link {
  private readonly events = new LinkEvents();
  private ended = false;

  constructor(
    private readonly socket: Socket,
    limits: FrameLimits,
  ) {
    const deframer = createDeframer(limits);
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => {
      if (this.ended) return;
      try {
        for (const bytes of deframer.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length))) this.emit({ kind: "frame", bytes });
      } catch (e) {
        if (!(e instanceof WireError)) throw e;
        this.emit({ kind: "garbage", error: e });
        this.end("the server's bytes broke the framing");
        socket.destroy();
      }
    });
    socket.on("end", () => this.end("the server closed the connection"));
    socket.on("error", (e) => this.end(`connection error: ${e.message}`));
    socket.on("close", () => this.end("the connection closed"));
  }

  send(bytes: Uint8Array): Promise<void> {
    if (this.ended || this.socket.destroyed) return Promise.reject(new ConformanceError("send", "the connection is closed"));
    return new Promise((resolve, reject) => {
      this.socket.write(bytes, (e) => (e ? reject(new ConformanceError("send", e.message)) : resolve()));
    });
  }

  next(deadline: number): Promise<LinkEvent> {
    return this.events.next(deadline);
  }

  close(): void {
    this.ended = true;
    this.socket.destroy();
  }

  private end(why: string): void {
    if (this.ended) return;
    this.ended = true;
    this.emit({ kind: "closed", why });
  }

  private emit(e: LinkEvent): void {
    this.events.push(e);
  }
}
