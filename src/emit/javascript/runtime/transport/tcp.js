// TCP: frames back to back on a stream (wire format section 10.1).
//
// `TcpServer` serves many clients at once, each connection a
// FramedServerSession: frames are cut from the stream across partial reads by
// the codec's Deframer, which checks the announced length against the maximum
// frame size before any of the body is read. A header error closes the
// connection; a complete frame that does not decode is answered or dropped
// and the connection goes on. Closing the server stops accepting, closes
// every session and waits for their sockets.
//
// `TcpClient` is the other side: connect timeout, reconnection with backoff,
// request/answer correlation, keepalive (see framed-client.js).
import * as net from "node:net";
import { Deframer } from "../codec.js";
import { WireError } from "../errors.js";
import { ConnectionClosed, DeliveryFailed } from "./failures.js";
import { FramedClient } from "./framed-client.js";
import { FramedServerSession } from "./framed-server.js";
import { debug, serverOptions } from "./options.js";
import { sleep } from "./policy.js";
import { Hub } from "./session.js";

/** @typedef {import("./options.js").ServerOptions} ServerOptions */
/** @typedef {import("./session.js").ServerDispatch} ServerDispatch */
/** @typedef {import("./client-base.js").ClientSettings} ClientSettings */

const RESOLVED = Promise.resolve();
// A socket whose written bytes do not leave within this time after close() is dropped.
const CLOSE_GRACE_MS = 2000;

/**
 * A FrameLink over a net.Socket. Unbounded (a client's link), a write waits
 * for 'drain' when the socket's buffer is over its high-water mark. Bounded
 * (a server's link, `maxBufferedBytes`), a write returns at once, so that an
 * event for a peer that does not read never stalls the session that sends it;
 * instead, while the buffer is over its high-water mark the link stops
 * reading (a peer that sends without reading meets TCP backpressure), and a
 * write that would take what waits for the peer over `maxBufferedBytes` drops
 * the peer (`onOverflow` hears why).
 */
export class StreamLink {
  /** @param {net.Socket} socket @param {{ maxBufferedBytes?: number, onOverflow?: (detail: string) => void }} [limits] */
  constructor(socket, limits = {}) {
    this.socket = socket;
    /** @type {false} */
    this.datagram = false;
    /** @type {Promise<void> | null} */
    this._drain = null;
    this._maxBuffered = limits.maxBufferedBytes ?? Number.POSITIVE_INFINITY;
    this._onOverflow = limits.onOverflow ?? null;
    /** Why reading is paused: "queue" (the handler's queue is full), "congested" (the peer does not read). @type {Set<string>} */
    this._holds = new Set();
    /** Resolves when the socket has closed. @type {Promise<void>} */
    this.closed = new Promise((resolve) => {
      if (socket.destroyed) resolve();
      else socket.once("close", () => resolve());
    });
  }

  /** @param {Uint8Array} data @returns {Promise<void>} */
  write(data) {
    const socket = this.socket;
    if (socket.destroyed || socket.writableEnded) return Promise.reject(new ConnectionClosed("the connection is closing"));
    const waiting = socket.writableLength + data.length;
    if (waiting > this._maxBuffered) {
      const detail = `the peer does not read: ${waiting} bytes would wait for it, over the limit of ${this._maxBuffered}`;
      this._onOverflow?.(detail);
      socket.destroy();
      return Promise.reject(new ConnectionClosed(detail));
    }
    const bounded = this._maxBuffered !== Number.POSITIVE_INFINITY;
    if (socket.write(data)) return bounded ? RESOLVED : (this._drain ?? RESOLVED);
    this._hold("congested");
    const drained = this._waitDrain();
    if (!bounded) return drained;
    drained.catch(() => {}); // bounded: the limit, not the wait, keeps the buffer small
    return RESOLVED;
  }

  /** @returns {Promise<void>} */
  _waitDrain() {
    if (this._drain !== null) return this._drain;
    const socket = this.socket;
    this._drain = new Promise((resolve, reject) => {
      const done = () => {
        socket.off("drain", done);
        socket.off("close", lost);
        this._drain = null;
        this._release("congested");
        resolve();
      };
      const lost = () => {
        socket.off("drain", done);
        socket.off("close", lost);
        this._drain = null;
        reject(new ConnectionClosed("the connection closed before its data was sent"));
      };
      socket.on("drain", done);
      socket.on("close", lost);
    });
    return this._drain;
  }

  /** @param {Uint8Array} data @param {number} identity @returns {Promise<void>} */
  writeReliable(data, identity) {
    void data;
    void identity;
    return Promise.reject(new DeliveryFailed("RELIABLE is never used on TCP"));
  }

  /** @param {number} requestSeq @param {Uint8Array} frame */
  answered(requestSeq, frame) {
    void requestSeq;
    void frame;
  }

  /** @param {number} identity */
  settle(identity) {
    void identity;
  }

  /** Resolves once everything written has been handed to the system. @returns {Promise<void>} */
  drain() {
    const socket = this.socket;
    if (socket.destroyed || socket.writableLength === 0) return RESOLVED;
    return this._waitDrain();
  }

  /** Stops reading for `reason` until `resume(reason)`. @param {string} [reason] */
  pause(reason = "queue") {
    this._hold(reason);
  }

  /** Reads again once no reason to pause is left. @param {string} [reason] */
  resume(reason = "queue") {
    this._release(reason);
  }

  /** @param {string} reason */
  _hold(reason) {
    this._holds.add(reason);
    this.socket.pause();
  }

  /** @param {string} reason */
  _release(reason) {
    if (this._holds.delete(reason) && this._holds.size === 0 && !this.socket.destroyed) this.socket.resume();
  }

  /** Closes after the written bytes have left (asyncio's transport.close); a stuck peer is cut off. */
  close() {
    const socket = this.socket;
    if (socket.destroyed) return;
    if (socket.writableLength === 0) {
      socket.destroy();
      return;
    }
    if (!socket.writableEnded) socket.end(() => socket.destroy());
    setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
  }
}

/** @param {net.Socket} socket */
function peerName(socket) {
  return `${socket.remoteAddress}:${socket.remotePort}`;
}

/**
 * Feeds the frames of a socket to `onFrame`; `onEnd` hears once why the stream ended.
 * @param {net.Socket} socket @param {Pick<Deframer, "push" | "finish">} deframer @param {(frame: Uint8Array) => void} onFrame @param {(reason: string) => void} onEnd
 */
export function readFrames(socket, deframer, onFrame, onEnd) {
  let reason = "end of stream";
  socket.on("data", (chunk) => {
    /** @type {Uint8Array[]} */
    let frames;
    try {
      frames = deframer.push(chunk);
    } catch (error) {
      if (!(error instanceof WireError)) throw error;
      reason = `bad frame header: ${error.code}: ${error.message}`;
      socket.destroy(); // the stream is unusable (10.1)
      return;
    }
    try {
      for (let i = 0; i < frames.length; i++) onFrame(/** @type {Uint8Array} */ (frames[i]));
    } catch (error) {
      // One connection's failure never stops the server (or the client's process).
      reason = `failed: ${error instanceof Error ? error.stack : error}`;
      socket.destroy();
    }
  });
  socket.on("error", (error) => {
    reason = `read failed: ${error.message}`;
  });
  socket.once("close", () => onEnd(reason));
}

/**
 * @template T
 * @param {Promise<T>} promise @param {number} ms
 * @returns {Promise<T | undefined>}
 */
function bounded(promise, ms) {
  return Promise.race([promise, sleep(ms).then(() => undefined)]);
}

/** Serves the protocol over TCP; `dispatch` runs the application's handlers. */
export class TcpServer {
  static transportName = "tcp";

  /**
   * @param {{ host?: string, port?: number, dispatch: ServerDispatch, options?: Partial<ServerOptions> | null }} settings
   */
  constructor({ host = "127.0.0.1", port = 0, dispatch, options = null }) {
    this._host = host;
    this._port = port;
    this.options = serverOptions(options ?? {});
    this.hub = new Hub();
    this._dispatch = dispatch;
    /** @type {net.Server | null} */
    this._server = null;
    /** @type {Set<FramedServerSession>} */
    this._sessions = new Set();
    /** @type {Set<StreamLink>} */
    this._links = new Set();
  }

  toString() {
    return `<${this.constructor.name} ${this._host}:${this._port}>`;
  }

  get host() {
    return this._host;
  }

  /** The port it listens on (the bound one once started). */
  get port() {
    return this._port;
  }

  /** Starts listening; with port 0 the system picks a port, then `port` holds it. */
  async start() {
    const server = net.createServer({ noDelay: true }, (socket) => this._serve(socket));
    server.maxConnections = this.options.maxSessions + 16; // the session check below refuses politely first
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(this._port, this._host, () => {
        server.off("error", reject);
        resolve(undefined);
      });
    });
    server.on("error", (error) => debug(`${this}: ${error.message}`));
    this._server = server;
    const address = server.address();
    if (address !== null && typeof address === "object") this._port = address.port;
    debug(`${this}: listening`);
  }

  /** @returns {FramedServerSession[]} */
  get sessions() {
    return [...this._sessions];
  }

  /** @param {net.Socket} socket */
  _serve(socket) {
    const peer = peerName(socket);
    if (this._sessions.size >= this.options.maxSessions) {
      debug(`${this}: refusing ${peer}, ${this._sessions.size} sessions already`);
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const trace = this.options.trace;
    const link = new StreamLink(socket, {
      maxBufferedBytes: this.options.maxBufferedBytes,
      onOverflow: (detail) => {
        debug(`${session}: dropped: ${detail}`);
        if (trace !== null) trace(`[${session.id} ${peer}] dropped: ${detail}`);
      },
    });
    this._links.add(link);
    const session = new FramedServerSession(this.hub, peer, link, {
      dispatch: this._dispatch,
      options: this.options,
      onClose: (s) => this._sessions.delete(s),
    });
    this._sessions.add(session);
    const channel = session.channel;
    readFrames(
      socket,
      new Deframer(this.options.maxFrameBytes),
      (frame) => channel.receive(frame),
      (reason) => {
        debug(`${session}: ${reason}`);
        session.close("connection ended");
        this._links.delete(link);
      },
    );
  }

  /** Graceful shutdown: stop accepting, close every session (after its answers left), wait for the sockets. */
  async close() {
    const server = this._server;
    this._server = null;
    /** @type {Promise<void>} */
    const stopped = server === null ? Promise.resolve() : new Promise((resolve) => server.close(() => resolve()));
    const timeout = this.options.shutdownTimeoutMs;
    const sessions = [...this._sessions];
    await bounded(Promise.all(sessions.map((s) => s.drain())), timeout);
    for (const session of sessions) session.close("server shutting down");
    await bounded(Promise.all(sessions.map((s) => s.waitClosed())), timeout);
    const links = [...this._links];
    await bounded(Promise.all(links.map((l) => l.closed)), timeout);
    for (const link of links) link.socket.destroy();
    if ((await bounded(stopped.then(() => true), timeout)) !== true) debug(`${this}: listener did not close in time`);
  }
}

/** A client over TCP. */
export class TcpClient extends FramedClient {
  /** @override */
  static transportName = "tcp";

  /** @param {string} host @param {number} port @param {ClientSettings} [settings] */
  constructor(host, port, settings = {}) {
    super(host, port, settings);
    /** @type {StreamLink | null} */
    this._stream = null;
  }

  /** @override @param {number} timeoutMs @returns {Promise<StreamLink>} */
  _open(timeoutMs) {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`no connection within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      /** @param {Error} error */
      const failed = (error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      socket.once("error", failed);
      socket.once("connect", () => {
        clearTimeout(timer);
        socket.off("error", failed);
        const link = new StreamLink(socket);
        this._stream = link;
        resolve(link);
      });
    });
  }

  /** @override */
  _startReading() {
    const link = this._stream;
    if (link === null) return;
    readFrames(
      link.socket,
      new Deframer(this.options.maxFrameBytes),
      (frame) => this._feed(frame),
      (reason) => this._lost(link, reason),
    );
  }

  /** @override */
  async _closed() {
    const link = this._stream;
    if (link !== null) await bounded(link.closed, 1000);
  }
}
