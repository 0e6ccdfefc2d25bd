// The per-transport part of test/<transport>.test.js: connect retries,
// reconnection, idle timeout, keepalive and shutdown over TCP; idle peers,
// keepalive, shutdown, retransmission, duplicates and failed delivery over
// UDP; shutdown over HTTP.
import type { FileBuilder } from "../../printer.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";

/** Shutdown where the server keeps sessions without connections (UDP peers, HTTP sessions): closing it forgets them. */
const SESSIONS_END_WITH_SERVER = `
    «test»("closing the server closes its sessions", async () => {
      const server = new «Server»();
      await server.start();
      const client = await «connected»(server.port);
      try {
        await «probe»(client);
        «assert».equal(server.sessions.length, 1);
        await «within»(server.close());
        «assert».equal(server.sessions.length, 0);
      } finally {
        await client.close();
      }
    });
`;

export function printTcpTests(f: FileBuilder, b: Bindings): void {
  f.print();
  printTemplate(
    f,
    `
    /** A TCP port nothing listens on (at the moment). @returns {Promise<number>} */
    function freePort() {
      return new Promise((resolve, reject) => {
        const probe = «net».createServer();
        probe.once("error", reject);
        probe.listen(0, "127.0.0.1", () => {
          const address = probe.address();
          const port = typeof address === "object" && address !== null ? address.port : 0;
          probe.close(() => resolve(port));
        });
      });
    }

    const FAST_RETRY = «retryPolicy»({ maxAttempts: 3, initialBackoffMs: 20, maxBackoffMs: 40, multiplier: 2 });
    const PATIENT_RETRY = «retryPolicy»({ maxAttempts: 10, initialBackoffMs: 50, maxBackoffMs: 200, multiplier: 2 });

    «test»("connecting gives up after its attempts", async () => {
      const client = new «Client»("127.0.0.1", await freePort(), { options: { retry: FAST_RETRY, connectTimeoutMs: 500 } });
      await «assert».rejects(«within»(client.connect()), «ConnectFailed»);
      await client.close();
    });

    «test»("connecting retries with backoff until the server is up", async () => {
      const port = await freePort();
      const client = new «Client»("127.0.0.1", port, { options: { retry: PATIENT_RETRY } });
      const connecting = client.connect();
      await «sleep»(200);
      const server = new «Server»({ port });
      await server.start();
      try {
        await «within»(connecting);
        await «probe»(client);
      } finally {
        await client.close();
        await server.close();
      }
    });

    «test»("the client reconnects after losing the connection", async () => {
      const port = await freePort();
      let server = new «Server»({ port });
      await server.start();
      const client = new «Client»("127.0.0.1", port, { options: { autoReconnect: true, retry: PATIENT_RETRY } });
      /** @type {() => void} */
      let reconnected = () => {};
      const again = new Promise((resolve) => {
        reconnected = () => resolve(undefined);
      });
      client.onReconnect = async () => reconnected();
      try {
        await client.connect();
        await «probe»(client);
        await server.close();
        server = new «Server»({ port });
        await server.start();
        await «within»(again);
        await «probe»(client);
      } finally {
        await client.close();
        await server.close();
      }
    });

    «test»("a silent connection is closed after the idle timeout", async () => {
      const server = new «Server»({ options: { idleTimeoutMs: 300, keepaliveIntervalMs: 100 } });
      await server.start();
      try {
        const socket = «net».connect({ host: "127.0.0.1", port: server.port });
        socket.on("data", () => {}); // PINGs from the server; nobody answers them
        socket.on("error", () => {});
        await «within»(new Promise((resolve) => socket.once("close", resolve)));
      } finally {
        await server.close();
      }
    });

    «test»("keepalive keeps a quiet client connected", async () => {
      const server = new «Server»({ options: { idleTimeoutMs: 400, keepaliveIntervalMs: 100 } });
      await server.start();
      const client = new «Client»("127.0.0.1", server.port, { options: { idleTimeoutMs: 400, keepaliveIntervalMs: 100 } });
      try {
        await client.connect();
        await «sleep»(1200);
        «assert».ok(client.connected);
        await «probe»(client);
      } finally {
        await client.close();
        await server.close();
      }
    });

    «test»("closing the server closes its sessions", async () => {
      const server = new «Server»();
      await server.start();
      const client = await «connected»(server.port);
      await «probe»(client);
      await «within»(server.close());
      for (let i = 0; i < 200 && client.connected; i++) await «sleep»(20);
      «assert».equal(client.connected, false);
      «assert».equal(server.sessions.length, 0);
      await client.close();
    });
    `,
    b,
  );
}

export function printUdpTests(f: FileBuilder, plan: TestPlan, b: Bindings): void {
  f.print();
  printTemplate(
    f,
    `
    «test»("a silent peer is forgotten after the idle timeout", async () => {
      const server = new «Server»({ options: { idleTimeoutMs: 300, keepaliveIntervalMs: 100 } });
      await server.start();
      const client = await «connected»(server.port);
      try {
        await «probe»(client);
        «assert».equal(server.sessions.length, 1);
        client.dropOutgoing = () => true; // from now on nothing of the client arrives
        for (let i = 0; i < 200 && server.sessions.length > 0; i++) await «sleep»(20);
        «assert».equal(server.sessions.length, 0);
      } finally {
        await client.close();
        await server.close();
      }
    });

    «test»("keepalive keeps a quiet peer known", async () => {
      const server = new «Server»({ options: { idleTimeoutMs: 400, keepaliveIntervalMs: 100 } });
      await server.start();
      const client = new «Client»("127.0.0.1", server.port, { options: { idleTimeoutMs: 400, keepaliveIntervalMs: 100 } });
      try {
        await client.connect();
        await «probe»(client);
        await «sleep»(1200);
        «assert».equal(server.sessions.length, 1);
      } finally {
        await client.close();
        await server.close();
      }
    });
${SESSIONS_END_WITH_SERVER}    `,
    b,
  );
  if (plan.probe !== undefined && plan.probe.prefix.length === 0 && plan.probe.request.reliable) {
    f.print();
    printTemplate(
      f,
      `
      /**
       * Loses the first \`count\` outgoing datagrams that \`match\` (loss simulation).
       * @param {(data: Uint8Array) => boolean} match
       * @param {number} [count]
       */
      function dropFirst(match, count = 1) {
        const loss = { dropped: 0, remaining: count, drop: (/** @type {Uint8Array} */ data) => false };
        loss.drop = (data) => {
          if (loss.remaining > 0 && match(data)) {
            loss.remaining -= 1;
            loss.dropped += 1;
            return true;
          }
          return false;
        };
        return loss;
      }

      /** @param {Uint8Array} data */
      const isAck = (data) => data.length > 3 && ((data[3] ?? 0) & «FLAG_ACK») !== 0;
      /** @param {Uint8Array} data */
      const isAnswer = (data) => data.length > 3 && ((data[3] ?? 0) & «FLAG_RESPONSE») !== 0 && ((data[3] ?? 0) & «FLAG_ACK») === 0;

      «test»("a lost request is retransmitted", async () => {
        const handlers = new CountingHandlers();
        const server = new «Server»({ handlers });
        await server.start();
        const client = await «connected»(server.port);
        try {
          const loss = dropFirst((data) => !isAck(data));
          client.dropOutgoing = loss.drop;
          const answer = await «within»(client.«probeMethod»(«makeProbe»()));
          «assert».ok(answer instanceof «ProbeOk»);
          «assert».equal(loss.dropped, 1);
          «assert».equal(handlers.calls, 1);
        } finally {
          await client.close();
          await server.close();
        }
      });

      «test»("a duplicate is acknowledged and answered again but handled once", async () => {
        const handlers = new CountingHandlers();
        const server = new «Server»({ handlers });
        await server.start();
        const loss = dropFirst((data) => isAck(data) || isAnswer(data), 2);
        server.dropOutgoing = loss.drop;
        const client = await «connected»(server.port);
        try {
          const answer = await «within»(client.«probeMethod»(«makeProbe»()));
          «assert».ok(answer instanceof «ProbeOk»);
          «assert».equal(loss.dropped, 2);
          «assert».equal(handlers.calls, 1);
        } finally {
          await client.close();
          await server.close();
        }
      });

      «test»("delivery fails after the last attempt", async () => {
        const server = new «Server»();
        await server.start();
        server.dropOutgoing = () => true;
        const retry = «retryPolicy»({ maxAttempts: 3, initialBackoffMs: 20, maxBackoffMs: 40, multiplier: 2 });
        const client = new «Client»("127.0.0.1", server.port, { options: { retry, requestTimeoutMs: 5000 } });
        try {
          await client.connect();
          await «assert».rejects(«within»(client.«probeMethod»(«makeProbe»())), «DeliveryFailed»);
        } finally {
          await client.close();
          await server.close();
        }
      });
      `,
      b,
    );
  }
}

export function printHttpTests(f: FileBuilder, b: Bindings): void {
  f.print();
  printTemplate(f, SESSIONS_END_WITH_SERVER, b);
}
