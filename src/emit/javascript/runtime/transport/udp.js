// UDP: one frame per datagram, with acknowledgements (wire format section 10.2).
//
// A message the spec marks reliable is sent with the RELIABLE flag and resent
// with exponential backoff (RETRY_*) until an ACK arrives; after the last
// attempt the sender is told (DeliveryFailed). The receiver ACKs every RELIABLE
// datagram whose header is sound, even a duplicate or one whose payload turns
// out invalid, delivers each (peer, RESPONSE bit, sequence) only once, and
// answers a duplicate of a request it already answered with the same answer
// (datagram.js). Invalid datagrams are dropped and never ACKed. The server
// keeps one session per client address, forgotten after the idle timeout or
// when its role machine ends; a PING is answered with a PONG whether or not
// the address has a session (it opens none).
//
// What a UDP server must not take (wire format 10.4, UDP) is dropped and the
// session goes on: UDP has no connection to close, so ending the session would
// only leave the client talking to a fresh one. A frame of a message only the
// server sends is dropped, and a refused message that has no error answer (a
// oneway in the wrong state, over the rate limit) never ends the session.
//
// `dropOutgoing` on servers and clients lets tests simulate loss.
import * as dgram from "node:dgram";
import { FLAG_PING, encodeControl } from "../codec.js";
import { DatagramInbox, DatagramLink } from "./datagram.js";
import { FramedClient } from "./framed-client.js";
import { FramedServerSession } from "./framed-server.js";
import { readHeader } from "./headers.js";
import { debug, serverOptions } from "./options.js";
import { Hub, classOf } from "./session.js";

/** @typedef {import("./options.js").ServerOptions} ServerOptions */
/** @typedef {import("./session.js").ServerDispatch} ServerDispatch */
/** @typedef {import("./client-base.js").ClientSettings} ClientSettings */
/** @typedef {import("./datagram.js").Address} Address */
/** @typedef {import("./datagram.js").DropFilter} DropFilter */

/** @param {string} host @returns {"udp4" | "udp6"} */
function family(host) {
  return host.includes(":") ? "udp6" : "udp4";
}

/** @param {dgram.Socket} socket */
function closeSocket(socket) {
  try {
    socket.close();
  } catch {
    // Already closed.
  }
}

/** A UDP peer's session: refusals drop the message instead of ending the session (10.4, UDP). */
class DatagramSession extends FramedServerSession {
  /** @override @param {import("../messages.js").Message} message @param {number} seq */
  _arrived(message, seq) {
    if (classOf(message).SENDER !== "initiator") {
      this.trace("<-", message);
      debug(`${this}: dropped ${message.NAME}, which only the server sends`);
      return;
    }
    super._arrived(message, seq);
  }

  /** @override @param {import("./session.js").Verdict} verdict @param {number} seq @returns {Promise<void>} */
  _apply(verdict, seq) {
    if (verdict.refused && verdict.close && !this.machine.terminal) {
      debug(`${this}: dropped a refused message: ${verdict.reason}`);
      verdict.close = false;
    }
    return super._apply(verdict, seq);
  }
}

/** A UDP server's state for one client address. */
class Peer {
  /** @param {UdpServer} server @param {Address} address @param {string} key @param {dgram.Socket} socket */
  constructor(server, address, key, socket) {
    this.key = key;
    this.server = server;
    this.link = new DatagramLink(socket, address, server.options.retry, { drop: (data) => server._drop(data), onClose: () => server._forget(this) });
    this.session = new DatagramSession(server.hub, key, this.link, {
      dispatch: server.dispatch,
      options: server.options,
      onClose: () => server._forget(this),
    });
    const session = this.session;
    this.inbox = new DatagramInbox(
      this.link,
      server.options.maxFrameBytes,
      (data) => {
        try {
          session.channel.receive(data);
        } catch (error) {
          // Never let one peer stop the server.
          debug(`${session}: failed on a datagram: ${error instanceof Error ? error.stack : error}`);
        }
      },
      () => session.busy,
    );
  }
}

/** Serves the protocol over UDP; each client address is one session. */
export class UdpServer {
  static transportName = "udp";

  /** @param {{ host?: string, port?: number, dispatch: ServerDispatch, options?: Partial<ServerOptions> | null }} settings */
  constructor({ host = "127.0.0.1", port = 0, dispatch, options = null }) {
    this._host = host;
    this._port = port;
    this.options = serverOptions(options ?? {});
    this.hub = new Hub();
    this.dispatch = dispatch;
    /** @type {DropFilter | null} Loss simulation for tests: return true to lose an outgoing datagram. */
    this.dropOutgoing = null;
    /** @type {dgram.Socket | null} */
    this._socket = null;
    /** @type {Map<string, Peer>} */
    this._peers = new Map();
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

  /** @returns {FramedServerSession[]} */
  get sessions() {
    return [...this._peers.values()].map((peer) => peer.session);
  }

  async start() {
    const socket = dgram.createSocket(family(this._host));
    await new Promise((resolve, reject) => {
      socket.once("error", reject);
      socket.bind(this._port, this._host, () => {
        socket.off("error", reject);
        resolve(undefined);
      });
    });
    socket.on("error", (error) => debug(`${this}: ${error.message}`));
    socket.on("message", (data, from) => this._datagram(data, from));
    this._socket = socket;
    this._port = socket.address().port;
    debug(`${this}: listening`);
  }

  /** @param {Uint8Array} data */
  _drop(data) {
    return this.dropOutgoing !== null && this.dropOutgoing(data);
  }

  /** @param {Buffer} data @param {dgram.RemoteInfo} from */
  _datagram(data, from) {
    const key = `${from.address}:${from.port}`;
    let peer = this._peers.get(key);
    if (peer === undefined) {
      const header = readHeader(data, this.options.maxFrameBytes);
      if (header === null || this._socket === null) return; // never open a session for garbage
      if (header.control) {
        // Nor for a control frame; a PING is answered all the same.
        if (header.flags === FLAG_PING && header.messageId === 0 && header.payloadLength === 0) {
          this._socket.send(encodeControl("pong", header.seq), from.port, from.address, (error) => {
            if (error) debug(`${this}: ${error.message}`);
          });
        }
        return;
      }
      if (this._peers.size >= this.options.maxSessions) {
        debug(`${this}: ignoring ${key}, ${this._peers.size} sessions already`);
        return;
      }
      peer = new Peer(this, { address: from.address, port: from.port }, key, this._socket);
      this._peers.set(key, peer);
    }
    peer.inbox.accept(data);
  }

  /** @param {Peer} peer */
  _forget(peer) {
    if (this._peers.get(peer.key) === peer) this._peers.delete(peer.key);
    peer.link.close();
    peer.session.close("forgotten");
  }

  /** Closes every session and the socket. */
  async close() {
    const peers = [...this._peers.values()];
    for (const peer of peers) peer.session.close("server shutting down");
    await Promise.all(peers.map((peer) => peer.session.waitClosed()));
    const socket = this._socket;
    this._socket = null;
    if (socket !== null) await new Promise((resolve) => socket.close(() => resolve(undefined)));
  }
}

/** A client over UDP: "connecting" opens a socket connected to the server's address. */
export class UdpClient extends FramedClient {
  /** @override */
  static transportName = "udp";

  /** @param {string} host @param {number} port @param {ClientSettings} [settings] */
  constructor(host, port, settings = {}) {
    super(host, port, settings);
    /** @type {DropFilter | null} Loss simulation for tests: return true to lose an outgoing datagram. */
    this.dropOutgoing = null;
    /** @type {dgram.Socket | null} */
    this._socket = null;
  }

  /** @override @param {number} timeoutMs @returns {Promise<DatagramLink>} */
  _open(timeoutMs) {
    return new Promise((resolve, reject) => {
      const socket = dgram.createSocket(family(this.host));
      const timer = setTimeout(() => {
        closeSocket(socket);
        reject(new Error(`no socket within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      socket.once("error", (error) => {
        clearTimeout(timer);
        closeSocket(socket);
        reject(error);
      });
      socket.connect(this.port, this.host, () => {
        clearTimeout(timer);
        socket.removeAllListeners("error");
        socket.on("error", (error) => debug(`${this}: ${error.message}`));
        this._socket = socket;
        /** @type {DatagramLink} */
        const link = new DatagramLink(socket, null, this.options.retry, {
          drop: (data) => this.dropOutgoing !== null && this.dropOutgoing(data),
          onClose: () => this._lost(link, "the server went silent"),
        });
        const inbox = new DatagramInbox(link, this.options.maxFrameBytes, (data) => this._feed(data), () => this._inbox.full);
        socket.on("message", (data) => inbox.accept(data));
        socket.on("close", () => this._lost(link, "socket closed"));
        resolve(link);
      });
    });
  }

  /** @override @param {string} reason */
  _shutdown(reason) {
    super._shutdown(reason);
    if (this._socket !== null) closeSocket(this._socket);
  }
}
