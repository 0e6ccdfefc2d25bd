// Puts the JavaScript transport runtime next to the fixture protocol layer in
// a temporary project (the layout of OUT/javascript: code in src/,
// declarations in types/) and imports it.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as dgram from "node:dgram";
import * as net from "node:net";

export const REPO = join(import.meta.dirname, "..", "..");
export const RUNTIME = join(REPO, "src", "emit", "javascript", "runtime", "transport");
export const RUNTIME_TYPES = join(REPO, "src", "emit", "javascript", "runtime-types", "transport");
export const FIXTURE = join(import.meta.dirname, "fixture");

/** The runtime's modules (`channel`, `tcp`, ...): each has runtime/transport/<m>.js and runtime-types/transport/<m>.d.ts. */
export const runtimeModules = (): string[] => readdirSync(RUNTIME).filter((n) => n.endsWith(".js")).map((n) => n.slice(0, -3)).sort();

/**
 * Copies fixture + runtime code into `<dir>/src`. With `withDts`, also the
 * runtime's declarations into `<dir>/types/transport/`, and the fixture layer
 * into `<dir>/types/` too (it stands in for the layer's declarations, which
 * the fixture, being plain JSDoc-typed JavaScript, does not have).
 */
export function layout(dir: string, { withDts = true }: { withDts?: boolean } = {}): string {
  const src = join(dir, "src");
  mkdirSync(join(src, "transport"), { recursive: true });
  for (const name of readdirSync(FIXTURE)) if (name.endsWith(".js")) copyFileSync(join(FIXTURE, name), join(src, name));
  copyFileSync(join(FIXTURE, "transport", "profile.js"), join(src, "transport", "profile.js"));
  for (const name of readdirSync(RUNTIME)) if (name.endsWith(".js")) copyFileSync(join(RUNTIME, name), join(src, "transport", name));
  if (withDts) {
    const types = join(dir, "types");
    mkdirSync(join(types, "transport"), { recursive: true });
    for (const name of readdirSync(FIXTURE)) if (name.endsWith(".js")) copyFileSync(join(FIXTURE, name), join(types, name));
    for (const name of readdirSync(RUNTIME_TYPES)) if (name.endsWith(".d.ts")) copyFileSync(join(RUNTIME_TYPES, name), join(types, "transport", name));
  }
  return src;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function linkNodeModules(dir: string): void {
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"), "dir");
}

export function remove(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface Loaded {
  dir: string;
  src: string;
  m: any; // messages.js
  codec: any;
  tcp: any;
  udp: any;
  httpServer: any;
  httpClient: any;
  session: any;
  failures: any;
  options: any;
  policy: any;
  sse: any;
  headers: any;
}

let loaded: Promise<Loaded> | undefined;

/** The runtime and fixture, copied once per test file and imported. */
export function load(): Promise<Loaded> {
  loaded ??= (async () => {
    const dir = tempDir("pf-js-transport-");
    const src = layout(dir);
    const imp = (path: string): Promise<any> => import(join(src, path));
    return {
      dir,
      src,
      m: await imp("messages.js"),
      codec: await imp("codec.js"),
      tcp: await imp("transport/tcp.js"),
      udp: await imp("transport/udp.js").catch(() => null),
      httpServer: await imp("transport/http-server.js").catch(() => null),
      httpClient: await imp("transport/http-client.js").catch(() => null),
      session: await imp("transport/session.js"),
      failures: await imp("transport/failures.js"),
      options: await imp("transport/options.js"),
      policy: await imp("transport/policy.js"),
      sse: await imp("transport/sse.js").catch(() => null),
      headers: await imp("transport/headers.js"),
    };
  })();
  return loaded;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it holds (bounded), for outcomes that arrive asynchronously. */
export async function until(check: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await sleep(10);
  }
  return check();
}

/** A raw TCP peer: writes bytes, collects decoded frames, notices the close. */
export class RawPeer {
  frames: any[] = [];
  closed = false;
  private readonly socket: net.Socket;
  private constructor(socket: net.Socket, deframer: any, codec: any) {
    this.socket = socket;
    socket.on("data", (chunk) => {
      for (const raw of deframer.push(chunk)) this.frames.push(codec.decodeFrame(raw));
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      this.closed = true;
    });
  }
  static connect(port: number, codec: any): Promise<RawPeer> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(new RawPeer(socket, new codec.Deframer(), codec)));
      socket.once("error", reject);
    });
  }
  write(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }
  destroy(): void {
    this.socket.destroy();
  }
}

/**
 * A UDP relay between a client and a server that loses datagrams on purpose:
 * `drop(direction, index)` decides per datagram (index counts per direction).
 */
export class LossyRelay {
  readonly socket = dgram.createSocket("udp4");
  dropped = 0;
  forwarded = 0;
  private client: { address: string; port: number } | undefined;
  private counts = { up: 0, down: 0 };
  constructor(
    private readonly serverPort: number,
    private readonly drop: (direction: "up" | "down", index: number, data: Buffer) => boolean,
  ) {
    this.socket.on("message", (data, from) => {
      const up = from.port !== this.serverPort;
      if (up) this.client = { address: from.address, port: from.port };
      const direction = up ? "up" : "down";
      const index = this.counts[direction]++;
      if (this.drop(direction, index, data)) {
        this.dropped++;
        return;
      }
      this.forwarded++;
      const to = up ? { address: "127.0.0.1", port: this.serverPort } : this.client;
      if (to !== undefined) this.socket.send(data, to.port, to.address);
    });
  }
  start(): Promise<number> {
    return new Promise((resolve) => this.socket.bind(0, "127.0.0.1", () => resolve(this.socket.address().port)));
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
