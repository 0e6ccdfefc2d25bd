// The UDP and HTTP parts of UdpTest.java and HttpTest.java, as JavaScript's
// printUdpTests and printHttpTests: a silent peer is forgotten after the idle
// timeout, keepalive keeps a quiet peer known, closing the server forgets its
// sessions; and, when the probe is a reliable request sent first, a lost
// request is retransmitted, a duplicate is acknowledged and answered again but
// handled once, and delivery fails after the last attempt (loss simulated
// with dropOutgoing).
import type { FileBuilder } from "../../index.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";

/** Shutdown where the server keeps sessions without connections (UDP peers, HTTP sessions): closing it forgets them. */
const SESSIONS_END_WITH_SERVER = `
@«Test»
void closingTheServerClosesItsSessions() throws Exception {
    «Server» server = new «Server»(0);
    server.start();
    «Client» client = «connected»(server.port());
    try {
        «probe»(client);
        «assertEquals»(1, server.sessions().size());
        server.close();
        assertEquals(0, server.sessions().size());
    } finally {
        client.close();
    }
}
`;

export function printHttpTests(f: FileBuilder, b: Bindings): void {
  f.print();
  printTemplate(f, SESSIONS_END_WITH_SERVER, b);
}

export function printUdpTests(f: FileBuilder, plan: TestPlan, b: Bindings): void {
  f.print();
  printTemplate(
    f,
    `
    @«Test»
    void aSilentPeerIsForgottenAfterTheIdleTimeout() throws Exception {
        «ServerOptions» options = ServerOptions.defaults().withIdleTimeoutMs(300).withKeepaliveIntervalMs(100);
        «Server» server = new «Server»(new «ServerHandlers»(), "127.0.0.1", 0, options);
        server.start();
        «Client» client = «connected»(server.port());
        try {
            «probe»(client);
            «assertEquals»(1, server.sessions().size());
            client.dropOutgoing(data -> true); // from now on nothing of the client arrives
            «assertTrue»(«eventually»(() -> server.sessions().isEmpty()), "the server forgot the silent peer");
        } finally {
            client.close();
            server.close();
        }
    }

    @Test
    void keepaliveKeepsAQuietPeerKnown() throws Exception {
        «Server» server = new «Server»(new «ServerHandlers»(), "127.0.0.1", 0, «ServerOptions».defaults().withIdleTimeoutMs(400).withKeepaliveIntervalMs(100));
        server.start();
        «ClientOptions» options = ClientOptions.defaults().withIdleTimeoutMs(400).withKeepaliveIntervalMs(100);
        «Client» client = new «Client»("127.0.0.1", server.port(), new «ClientHandlers»(), options);
        try {
            client.connect();
            «probe»(client);
            Thread.sleep(1200); // three idle timeouts without a message
            «assertEquals»(1, server.sessions().size());
        } finally {
            client.close();
            server.close();
        }
    }
    `,
    b,
  );
  f.print();
  printTemplate(f, SESSIONS_END_WITH_SERVER, b);
  if (plan.probe === undefined || plan.probe.prefix.length > 0 || !plan.probe.request.reliable) return;
  f.print();
  printTemplate(
    f,
    `
    /** Counts how often the first request of a session is handled. */
    static final class CountingHandlers extends «ServerHandlers» {
        final «AtomicInteger» calls = new AtomicInteger();

        @Override
        public «Message» «onProbe»(«ServerSession» session, «Probe» message) {
            calls.incrementAndGet();
            return super.«onProbe»(session, message);
        }
    }

    /** Loses the first \`count\` outgoing datagrams that \`match\` (loss simulation). */
    static final class Loss implements «Predicate»<byte[]> {
        final AtomicInteger dropped = new AtomicInteger();
        private final Predicate<byte[]> match;
        private int remaining;

        Loss(Predicate<byte[]> match, int count) {
            this.match = match;
            this.remaining = count;
        }

        @Override
        public synchronized boolean test(byte[] data) {
            if (remaining > 0 && match.test(data)) {
                remaining -= 1;
                dropped.incrementAndGet();
                return true;
            }
            return false;
        }
    }

    static boolean isAck(byte[] data) {
        return data.length > 3 && (data[3] & «Codec».FLAG_ACK) != 0;
    }

    static boolean isAnswer(byte[] data) {
        return data.length > 3 && (data[3] & Codec.FLAG_RESPONSE) != 0 && (data[3] & Codec.FLAG_ACK) == 0;
    }

    @«Test»
    void aLostRequestIsRetransmitted() throws Exception {
        CountingHandlers handlers = new CountingHandlers();
        «Server» server = new «Server»(handlers, "127.0.0.1", 0, «ServerOptions».defaults());
        server.start();
        «Client» client = «connected»(server.port());
        try {
            Loss loss = new Loss(data -> !isAck(data), 1);
            client.dropOutgoing(loss);
            «assertInstanceOf»(«ProbeOk».class, client.«probeMethod»(«Samples».«makeProbe»()));
            «assertEquals»(1, loss.dropped.get());
            assertEquals(1, handlers.calls.get());
        } finally {
            client.close();
            server.close();
        }
    }

    @Test
    void aDuplicateIsAcknowledgedAndAnsweredAgainButHandledOnce() throws Exception {
        CountingHandlers handlers = new CountingHandlers();
        «Server» server = new «Server»(handlers, "127.0.0.1", 0, «ServerOptions».defaults());
        server.start();
        Loss loss = new Loss(data -> isAck(data) || isAnswer(data), 2);
        server.dropOutgoing(loss);
        «Client» client = «connected»(server.port());
        try {
            «assertInstanceOf»(«ProbeOk».class, client.«probeMethod»(«Samples».«makeProbe»()));
            «assertEquals»(2, loss.dropped.get());
            assertEquals(1, handlers.calls.get());
        } finally {
            client.close();
            server.close();
        }
    }

    @Test
    void deliveryFailsAfterTheLastAttempt() throws Exception {
        «Server» server = new «Server»(0);
        server.start();
        server.dropOutgoing(data -> true);
        «ClientOptions» options = ClientOptions.defaults().withRetry(new «RetryPolicy»(3, 20, 40, 2)).withRequestTimeoutMs(5000);
        «Client» client = new «Client»("127.0.0.1", server.port(), new «ClientHandlers»(), options);
        try {
            client.connect();
            «assertThrows»(«DeliveryFailed».class, () -> client.«probeMethod»(«Samples».«makeProbe»()));
        } finally {
            client.close();
            server.close();
        }
    }
    `,
    b,
  );
}
