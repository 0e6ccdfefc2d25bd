// testing/raw.js: raw peers for the robustness tests, sending bytes as they
// are and reading whole frames: a TCP connection (RawStream) or a UDP socket
// that never acknowledges anything (RawPeer); plus `header` and
// `withTrailingByte`, frames no codec would write.
import type { FileSet } from "../../file-set.js";
import { printTemplate } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";
import { MODULES, type JsTransportContext } from "./context.js";
import { bindings, jsFile } from "./test-support.js";

export const RAW = MODULES.testing("raw.js");

const COMMON = `
/**
 * A frame header as it is, checked by nobody.
 * @param {number} flags @param {number} messageId @param {number} seq @param {number} length
 * @returns {Uint8Array}
 */
export function header(flags, messageId, seq, length) {
  const bytes = Buffer.alloc(14);
  bytes.write("PF", 0, "latin1");
  bytes.writeUInt8(«WIRE_VERSION», 2);
  bytes.writeUInt8(flags, 3);
  bytes.writeUInt16BE(messageId, 4);
  bytes.writeUInt32BE(seq, 6);
  bytes.writeUInt32BE(length, 10);
  return new Uint8Array(bytes);
}

/**
 * A complete frame whose payload has one byte too many: the header is sound, the payload is not.
 * @param {Uint8Array} frame
 * @returns {Uint8Array}
 */
export function withTrailingByte(frame) {
  const bytes = Buffer.concat([frame, Uint8Array.of(0)]);
  bytes.writeUInt32BE(bytes.readUInt32BE(10) + 1, 10);
  return new Uint8Array(bytes);
}
`;

const STREAM = `
/** A TCP connection that sends bytes as they are and reads whole frames. */
export class RawStream {
  /** @param {«net».Socket} socket */
  constructor(socket) {
    this.socket = socket;
    this.deframer = new «Deframer»();
    /** @type {Uint8Array[]} */
    this.pending = [];
    this.ended = false;
    /** @type {(() => void) | null} */
    this.wake = null;
    socket.on("data", (data) => {
      try {
        this.pending.push(...this.deframer.push(data));
      } catch {
        this.ended = true;
      }
      this.wake?.();
    });
    socket.on("close", () => {
      this.ended = true;
      this.wake?.();
    });
    socket.on("error", () => {});
  }

  /** @param {number} port @returns {Promise<RawStream>} */
  static open(port) {
    return «within»(
      new Promise((resolve, reject) => {
        const socket = «net».connect({ host: "127.0.0.1", port });
        socket.once("connect", () => resolve(new RawStream(socket)));
        socket.once("error", reject);
      }),
    );
  }

  /** @param {Uint8Array} data @returns {Promise<void>} */
  send(data) {
    return new Promise((resolve, reject) => this.socket.write(data, (error) => (error ? reject(error) : resolve())));
  }

  /** Waits for data or the end, at most \`ms\`. @param {number} ms @returns {Promise<void>} */
  wait(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** The next frame other than PING/PONG, or null when the server closed the connection. @returns {Promise<«Frame» | null>} */
  async frame() {
    const deadline = Date.now() + «TIMEOUT_MS»;
    for (;;) {
      const next = this.pending.shift();
      if (next !== undefined) {
        const frame = «decodeFrame»(next);
        if (frame.control === null) return frame;
        continue;
      }
      if (this.ended) return null;
      if (Date.now() > deadline) throw new Error("no frame within the timeout");
      await this.wait(50);
    }
  }

  /** Reads until the server closes the connection; false if it does not within the timeout. @returns {Promise<boolean>} */
  async closedByServer() {
    const deadline = Date.now() + «TIMEOUT_MS»;
    while (!this.ended && Date.now() < deadline) await this.wait(50);
    this.socket.destroy();
    return this.ended;
  }

  abort() {
    this.socket.resetAndDestroy();
  }

  close() {
    this.socket.end();
  }
}
`;

const PEER = `
/** A UDP socket that sends datagrams as they are and never acknowledges anything. */
export class RawPeer {
  /** @param {«dgram».Socket} socket */
  constructor(socket) {
    this.socket = socket;
    /** @type {Uint8Array[]} */
    this.received = [];
    /** @type {(() => void) | null} */
    this.wake = null;
    socket.on("message", (data) => {
      this.received.push(new Uint8Array(data));
      this.wake?.();
    });
    socket.on("error", () => {});
  }

  /** @param {number} port @returns {Promise<RawPeer>} */
  static open(port) {
    const socket = «dgram».createSocket("udp4");
    return «within»(new Promise((resolve) => socket.connect(port, "127.0.0.1", () => resolve(new RawPeer(socket)))));
  }

  /** @param {Uint8Array} data */
  send(data) {
    this.socket.send(data);
  }

  /** The next datagram, or null when none comes within \`ms\`. @param {number} [ms] @returns {Promise<Uint8Array | null>} */
  async datagram(ms = «TIMEOUT_MS») {
    const deadline = Date.now() + ms;
    for (;;) {
      const next = this.received.shift();
      if (next !== undefined) return next;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise((resolve) => {
        const timer = setTimeout(done, Math.min(left, 50));
        function done() {
          clearTimeout(timer);
          resolve(undefined);
        }
        this.wake = done;
      });
    }
  }

  /** The next frame other than PING/PONG, or null. @param {number} [ms] @returns {Promise<«Frame» | null>} */
  async frame(ms = «TIMEOUT_MS») {
    for (;;) {
      const data = await this.datagram(ms);
      if (data === null) return null;
      const frame = «decodeFrame»(data);
      if (frame.control !== "ping" && frame.control !== "pong") return frame;
    }
  }

  /** The next message frame (ACKs skipped), or null. @param {number} [ms] @returns {Promise<«Frame» | null>} */
  async message(ms = «TIMEOUT_MS») {
    for (;;) {
      const frame = await this.frame(ms);
      if (frame === null || frame.control === null) return frame;
    }
  }

  close() {
    this.socket.close();
  }
}
`;

export function emitRawHelper(files: FileSet, ctx: JsTransportContext, plan: TestPlan): void {
  if (ctx.transport === "http") return;
  const f = jsFile(files, RAW, `Raw ${ctx.transport.toUpperCase()} peers of the robustness tests: bytes as they are, whole frames back.`);
  const b = bindings(ctx, plan, RAW);
  for (const n of ["header", "withTrailingByte", "RawStream", "RawPeer"]) f.declare(n);
  printTemplate(f, COMMON, b);
  f.print();
  printTemplate(f, ctx.transport === "tcp" ? STREAM : PEER, b);
}
