// The scripted conformance server (I/O): one `net.Server` on the listen
// target the caller gives (loopback by default, or a Unix socket that a
// sandbox relay forwards to), serving one case at a time. Every connection
// of the current case gets its own ServerPlay (what to answer) and
// ConnectionJudge (what the client sent); connections outside a case are
// closed at once.
import { createServer, type Server, type Socket } from "node:net";
import { createDeframer, frameLimitsOf, WireError } from "../../../wire/index.js";
import type { CaseKit } from "../case-kit.js";
import { ConformanceError } from "../errors.js";
import type { ClientCase } from "./client-case-model.js";
import { ConnectionJudge } from "./connection-judge.js";
import { flowPlanOf, ServerPlay, type TwistLatch } from "./server-play.js";

/** Where the scripted server listens: a TCP address (port 0: any free port) or a Unix socket. */
export type ListenTarget = { readonly host: string; readonly port: number } | { readonly path: string };

export const DEFAULT_LISTEN: ListenTarget = { host: "127.0.0.1", port: 0 };

/** What one connection of a case saw. */
export interface ConnectionRecord {
  readonly judge: ConnectionJudge;
  /** Whether the connection has closed (either side). */
  closed: boolean;
  /** Who closed first: the server (a twist, a terminal state, broken framing) or the client. */
  closedBy?: "server" | "client";
}

/** One case in progress on the server. */
export interface CaseSession {
  readonly connections: readonly ConnectionRecord[];
  /** When the twist was played (Date.now()), if it was. */
  twistAt(): number | undefined;
  /** Resolves once every connection has closed, or at `deadline`. */
  settled(deadline: number): Promise<void>;
}

export interface ScriptedServer {
  /** The bound address: `{ host, port }`, or `{ path }`. */
  readonly address: ListenTarget;
  begin(c: ClientCase): CaseSession;
  /** Ends the current case: closes its connections. */
  end(): void;
  close(): Promise<void>;
}

export async function startScriptedServer(kit: CaseKit, listen: ListenTarget = DEFAULT_LISTEN): Promise<ScriptedServer> {
  const plan = flowPlanOf(kit);
  const limits = frameLimitsOf(kit.spec);
  let current: { c: ClientCase; latch: TwistLatch; records: ConnectionRecord[]; sockets: Set<Socket>; twistAt?: number; onClose: Set<() => void> } | undefined;
  const all = new Set<Socket>();

  const server: Server = createServer((socket) => {
    all.add(socket);
    socket.on("close", () => all.delete(socket));
    socket.on("error", () => socket.destroy());
    if (current === undefined) {
      socket.destroy();
      return;
    }
    serve(socket, current);
  });

  function serve(socket: Socket, run: NonNullable<typeof current>): void {
    const judge = new ConnectionJudge(kit);
    const play = new ServerPlay(kit, plan, run.c.twist, run.latch);
    const record: ConnectionRecord = { judge, closed: false };
    run.records.push(record);
    run.sockets.add(socket);
    const deframer = createDeframer(limits);
    socket.setNoDelay(true);
    let closing = false;
    const closeFromServer = (why: string): void => {
      if (closing) return;
      closing = true;
      record.closedBy ??= "server";
      judge.note(`server: closes (${why})`);
      socket.end();
      setTimeout(() => socket.destroy(), 200).unref();
    };
    socket.on("data", (chunk: Buffer) => {
      if (closing) return;
      let frames: Uint8Array[];
      try {
        frames = deframer.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
      } catch (e) {
        if (!(e instanceof WireError)) throw e;
        judge.brokenStream(e);
        closeFromServer("the client's bytes broke the framing");
        return;
      }
      for (const bytes of frames) {
        const frame = judge.clientFrame(bytes);
        if (frame === undefined || closing) continue;
        if (frame.kind === "control") {
          if (frame.control === "ping") {
            const pong = play.ping(frame.header.sequence);
            if (pong.kind === "send") {
              judge.serverSent(pong.describe);
              socket.write(pong.bytes);
            }
          }
          continue;
        }
        const { actions, twisted } = play.receive(frame.messageName, frame.header.sequence);
        if (twisted) run.twistAt = Date.now();
        for (const a of actions) {
          if (a.kind === "close") {
            closeFromServer(a.why);
            break;
          }
          judge.serverSent(a.describe, a.message, a.ping);
          socket.write(a.bytes);
        }
      }
    });
    socket.on("end", () => {
      record.closedBy ??= "client";
    });
    socket.on("close", () => {
      record.closedBy ??= "client";
      record.closed = true;
      run.sockets.delete(socket);
      for (const f of run.onClose) f();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", (e) => reject(new ConformanceError("server-start", `the scripted server could not listen on ${describeListen(listen)}: ${e.message}`)));
    if ("path" in listen) server.listen(listen.path, resolve);
    else server.listen(listen.port, listen.host, resolve);
  });
  const bound = server.address();
  const address: ListenTarget = typeof bound === "string" ? { path: bound } : bound === null ? listen : { host: bound.address, port: bound.port };

  return {
    address,
    begin(c) {
      const run: NonNullable<typeof current> = { c, latch: { fired: false }, records: [], sockets: new Set(), onClose: new Set() };
      current = run;
      return {
        connections: run.records,
        twistAt: () => run.twistAt,
        settled: (deadline) =>
          new Promise<void>((resolve) => {
            let timer: NodeJS.Timeout | undefined;
            // A timer may fire a millisecond before Date.now() reaches the
            // deadline: re-arm until it has, or a still-open connection
            // would leave the case waiting for ever.
            const check = (): void => {
              clearTimeout(timer);
              if (run.records.every((r) => r.closed) || Date.now() >= deadline) {
                run.onClose.delete(check);
                resolve();
                return;
              }
              timer = setTimeout(check, Math.max(1, deadline - Date.now()));
            };
            run.onClose.add(check);
            check();
          }),
      };
    },
    end() {
      if (current === undefined) return;
      for (const s of current.sockets) s.destroy();
      current = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        current = undefined;
        for (const s of all) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function describeListen(target: ListenTarget): string {
  return "path" in target ? target.path : `${target.host}:${target.port}`;
}
