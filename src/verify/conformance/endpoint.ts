// Where the implementation under test listens, and how the runner reaches it.
//
// - `direct`: its loopback address (the server runs on this host, e.g.
//   `protoforge conform --server CMD`).
// - `relay`: Unix sockets that a relay inside the sandbox listens on
//   (sandboxes/conformance/): the sandbox has a network of its own, so the
//   runner cannot reach the server's port, but a socket file in the sandbox's
//   scratch folder is reachable from both sides. Every connection to
//   `streamPath` is one byte stream to the server's port (so `http.request`
//   can use it as `socketPath`); every connection to `datagramPath` is one
//   datagram channel from a fresh UDP port of the relay's, datagrams framed as
//   <u32 big-endian length><bytes> both ways.
//
// Links (tcp-link.ts, udp-link.ts, http-link.ts) are written against this, so
// each transport works both ways without knowing which.
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { connect, type Socket } from "node:net";
import { ConformanceError } from "./errors.js";

export type Endpoint =
  | { readonly kind: "direct"; readonly host: string; readonly port: number }
  | { readonly kind: "relay"; readonly streamPath: string; readonly datagramPath: string };

/** Largest datagram a relay channel carries (the UDP maximum). */
export const RELAY_MAX_DATAGRAM = 65_535;

/** Options for `net.connect` and `http.request` that reach the server's stream port. */
export function streamTarget(endpoint: Endpoint): { readonly host: string; readonly port: number } | { readonly path: string } {
  return endpoint.kind === "direct" ? { host: endpoint.host, port: endpoint.port } : { path: endpoint.streamPath };
}

/** Describes the endpoint for messages: `127.0.0.1:4100` or `relay /tmp/x/relay.sock`. */
export function describeEndpoint(endpoint: Endpoint): string {
  return endpoint.kind === "direct" ? `${endpoint.host}:${endpoint.port}` : `relay ${endpoint.streamPath}`;
}

/** A new byte stream to the server's stream port; resolves once connected, fails at `deadline`. */
export function connectStream(endpoint: Endpoint, deadline: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = endpoint.kind === "direct" ? connect(endpoint.port, endpoint.host) : connect(endpoint.streamPath);
    const where = describeEndpoint(endpoint);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ConformanceError("connect", `could not connect to ${where} in time`));
    }, Math.max(0, deadline - Date.now()));
    socket.once("error", (e) => {
      clearTimeout(timer);
      reject(new ConformanceError("connect", `could not connect to ${where}: ${e.message}`));
    });
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.removeAllListeners("error");
      resolve(socket);
    });
  });
}

/** Datagrams to and from the server's UDP port, from a local port of their own. */
export interface DatagramChannel {
  /** Sends one datagram; resolves once handed to the transport. */
  send(bytes: Uint8Array): Promise<void>;
  /** Called for every datagram from the server, in arrival order. */
  onDatagram(listener: (bytes: Uint8Array) => void): void;
  /** Called once if the channel fails or the relay goes away. */
  onClose(listener: (why: string) => void): void;
  /** Closes the channel; safe to call twice. */
  close(): void;
}

/** A new datagram channel; resolves once it can send, fails at `deadline`. */
export async function openDatagramChannel(endpoint: Endpoint, deadline: number): Promise<DatagramChannel> {
  if (endpoint.kind === "direct") return directDatagrams(endpoint.host, endpoint.port, deadline);
  const socket = await new Promise<Socket>((resolve, reject) => {
    const s = connect(endpoint.datagramPath);
    const timer = setTimeout(() => {
      s.destroy();
      reject(new ConformanceError("connect", `could not reach the relay at ${endpoint.datagramPath} in time`));
    }, Math.max(0, deadline - Date.now()));
    s.once("error", (e) => {
      clearTimeout(timer);
      reject(new ConformanceError("connect", `could not reach the relay at ${endpoint.datagramPath}: ${e.message}`));
    });
    s.once("connect", () => {
      clearTimeout(timer);
      s.removeAllListeners("error");
      resolve(s);
    });
  });
  return relayDatagrams(socket);
}

function directDatagrams(host: string, port: number, deadline: number): Promise<DatagramChannel> {
  return new Promise((resolve, reject) => {
    const socket: UdpSocket = createSocket(host.includes(":") ? "udp6" : "udp4");
    const timer = setTimeout(() => {
      socket.close();
      reject(new ConformanceError("connect", `could not open a UDP socket to ${host}:${port} in time`));
    }, Math.max(0, deadline - Date.now()));
    socket.once("error", (e) => {
      clearTimeout(timer);
      reject(new ConformanceError("connect", `could not open a UDP socket to ${host}:${port}: ${e.message}`));
    });
    socket.connect(port, host, () => {
      clearTimeout(timer);
      socket.removeAllListeners("error");
      let closed = false;
      const closeListeners: ((why: string) => void)[] = [];
      const fail = (why: string): void => {
        if (closed) return;
        closed = true;
        // Close the socket too: a failed channel must not keep the process alive.
        socket.close();
        for (const l of closeListeners) l(why);
      };
      // ECONNREFUSED on a connected UDP socket: nothing listens any more.
      socket.on("error", (e) => fail(`UDP error: ${e.message}`));
      resolve({
        send: (bytes) =>
          new Promise((ok, no) => {
            if (closed) return no(new ConformanceError("send", "the UDP channel is closed"));
            socket.send(bytes, (e) => (e ? no(new ConformanceError("send", e.message)) : ok()));
          }),
        onDatagram: (listener) => socket.on("message", (msg: Buffer) => listener(new Uint8Array(msg.buffer, msg.byteOffset, msg.length))),
        onClose: (listener) => closeListeners.push(listener),
        close: () => {
          if (closed) return;
          closed = true;
          socket.close();
        },
      });
    });
  });
}

function relayDatagrams(socket: Socket): DatagramChannel {
  const listeners: ((bytes: Uint8Array) => void)[] = [];
  const closeListeners: ((why: string) => void)[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let closed = false;
  const fail = (why: string): void => {
    if (closed) return;
    closed = true;
    socket.destroy();
    for (const l of closeListeners) l(why);
  };
  socket.on("data", (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0);
      if (length > RELAY_MAX_DATAGRAM) return fail(`the relay sent a datagram of ${length} bytes`);
      if (pending.length < 4 + length) break;
      const bytes = new Uint8Array(pending.subarray(4, 4 + length));
      pending = pending.subarray(4 + length);
      for (const l of listeners) l(bytes);
    }
  });
  socket.on("error", (e) => fail(`relay error: ${e.message}`));
  socket.on("close", () => fail("the relay closed the channel"));
  return {
    send: (bytes) =>
      new Promise((ok, no) => {
        if (closed) return no(new ConformanceError("send", "the relay channel is closed"));
        const head = Buffer.alloc(4);
        head.writeUInt32BE(bytes.length, 0);
        socket.write(Buffer.concat([head, bytes]), (e) => (e ? no(new ConformanceError("send", e.message)) : ok()));
      }),
    onDatagram: (listener) => listeners.push(listener),
    onClose: (listener) => closeListeners.push(listener),
    close: () => {
      if (closed) return;
      closed = true;
      socket.destroy();
    },
  };
}
