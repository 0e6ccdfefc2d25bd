// RobustnessTest.java and its raw helper, RawStream.java over TCP or
// RawPeer.java over UDP (HTTP: status codes, test-robustness-http.ts): a client that
// misbehaves (garbage, an oversized length, a frame of no message, an invalid
// payload, a frame split across reads or cut off by a disconnect, a message
// before authentication, a flood over the rate limit) gets what the wire
// format says (§10.4), and afterwards a fresh client still completes a
// request. As JavaScript's test/robustness.test.js, printed from the same plan.
import { ERROR_CODE_TYPE } from "../../../spec/model.js";
import type { FileBuilder, FileSet } from "../../index.js";
import type { Printable } from "../../symbols.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";
import { ROBUSTNESS_TEST } from "./demo-names.js";
import { mainType, type JavaView } from "./handlers-builder.js";
import { httpBindings, httpRobustness } from "./test-robustness-http.js";
import { bindings, testClassFile } from "./test-support.js";

export const RAW_STREAM = "RawStream";
export const RAW_PEER = "RawPeer";

const COMMON = `
    /** A frame header as it is, checked by nobody. */
    static byte[] header(int flags, int messageId, long seq, long length) {
        «ByteBuffer» bytes = ByteBuffer.allocate(14);
        bytes.put((byte) 'P').put((byte) 'F').put((byte) «Codec».WIRE_VERSION).put((byte) flags);
        bytes.putShort((short) messageId).putInt((int) seq).putInt((int) length);
        return bytes.array();
    }

    /** A complete frame whose payload has one byte too many: the header is sound, the payload is not. */
    static byte[] withTrailingByte(byte[] frame) {
        byte[] bytes = «Arrays».copyOf(frame, frame.length + 1);
        ByteBuffer.wrap(bytes).putInt(10, ByteBuffer.wrap(frame).getInt(10) + 1);
        return bytes;
    }
`;

const STREAM = `
final class RawStream implements AutoCloseable {
    private final «Socket» socket;
    private final «Deframer» deframer = «Codec».newDeframer();
    private final «List»<byte[]> pending = new «ArrayList»<>();
    private boolean ended;

    private RawStream(Socket socket) {
        this.socket = socket;
    }

    /** A connection to the server on \`port\` whose reads give up after TIMEOUT_MS. */
    static RawStream open(int port) throws «IOException» {
        Socket socket = new Socket();
        socket.connect(new «InetSocketAddress»("127.0.0.1", port), (int) «TIMEOUT_MS»);
        socket.setSoTimeout((int) TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        return new RawStream(socket);
    }

${COMMON}
    /** Sends \`data\` at once. */
    void send(byte[] data) throws IOException {
        socket.getOutputStream().write(data);
        socket.getOutputStream().flush();
    }

    /** The next frame other than PING/PONG, or null when the server closed the connection. */
    «Frame» frame() throws IOException {
        while (true) {
            while (!pending.isEmpty()) {
                Frame frame = Codec.decodeFrame(pending.remove(0));
                if (!frame.isControl()) {
                    return frame;
                }
            }
            if (ended || !read()) {
                return null;
            }
        }
    }

    /** Reads until the server closes the connection; false if it does not within TIMEOUT_MS. */
    boolean closedByServer() throws IOException {
        long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
        while (!ended && System.nanoTime() < deadline) {
            pending.clear();
            read();
        }
        return ended;
    }

    /** Ends the connection with a reset (no orderly close). */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One read; false at the end of the stream (a reset counts as the end). Fails after TIMEOUT_MS without data. */
    private boolean read() throws IOException {
        byte[] buffer = new byte[4096];
        int n;
        try {
            n = socket.getInputStream().read(buffer);
        } catch («SocketException» reset) {
            n = -1;
        }
        if (n < 0) {
            ended = true;
            return false;
        }
        pending.addAll(deframer.push(buffer, 0, n));
        return true;
    }
}
`;

const PEER = `
final class RawPeer implements AutoCloseable {
    private final «DatagramSocket» socket;

    private RawPeer(DatagramSocket socket) {
        this.socket = socket;
    }

    /** A UDP socket that talks to the server on \`port\` only and never acknowledges anything. */
    static RawPeer open(int port) throws «IOException» {
        DatagramSocket socket = new DatagramSocket(0, «InetAddress».getLoopbackAddress());
        socket.connect(new «InetSocketAddress»("127.0.0.1", port));
        return new RawPeer(socket);
    }
${COMMON}
    /** Sends one datagram. */
    void send(byte[] data) throws IOException {
        socket.send(new «DatagramPacket»(data, data.length));
    }

    /** The next datagram, or null when none comes within \`ms\`. */
    byte[] datagram(long ms) throws IOException {
        socket.setSoTimeout((int) Math.max(1, ms));
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch («SocketTimeoutException» quiet) {
            return null;
        }
        return Arrays.copyOf(buffer, packet.getLength());
    }

    /** The next frame other than PING/PONG (an ACK or a message), or null when none comes within \`ms\`. */
    «Frame» frame(long ms) throws IOException {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        while (true) {
            byte[] data = datagram(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            if (data == null) {
                return null;
            }
            Frame frame = Codec.decodeFrame(data);
            if (frame.control() != «ControlKind».PING && frame.control() != ControlKind.PONG) {
                return frame;
            }
        }
    }

    /** The next message frame (ACKs skipped), or null when none comes within \`ms\`. */
    Frame message(long ms) throws IOException {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        while (true) {
            Frame frame = frame(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            if (frame == null || !frame.isControl()) {
                return frame;
            }
        }
    }

    /** The next message frame with sequence number \`seq\` (ACKs and repeated answers to earlier ones skipped), or null. */
    Frame answerTo(long seq, long ms) throws IOException {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        while (true) {
            Frame frame = message(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            if (frame == null || frame.seq() == seq) {
                return frame;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
`;

export function emitRobustnessTest(files: FileSet, view: JavaView, plan: TestPlan): void {
  const b: Record<string, Printable> = {
    ...bindings(view, plan),
    ...httpBindings(view, plan),
    RawStream: mainType(view, RAW_STREAM),
    RawPeer: mainType(view, RAW_PEER),
    ControlKind: mainType(view, "ControlKind"),
  };
  if (view.transport === "tcp") {
    const raw = testClassFile(files, view, RAW_STREAM, `A raw TCP client of the robustness tests of ${view.spec.protocol.name}: bytes as they are, whole frames back.`);
    printTemplate(raw, STREAM, b);
  } else if (view.transport === "udp") {
    const raw = testClassFile(files, view, RAW_PEER, `A raw UDP peer of the robustness tests of ${view.spec.protocol.name}: datagrams as they are, never an ACK.`);
    printTemplate(raw, PEER, b);
  }

  const f = testClassFile(files, view, ROBUSTNESS_TEST, `Misbehaving ${view.spec.roles.initiator.name}s over ${view.transport.toUpperCase()}: after each, the server still serves a fresh client.`);
  const codeField = plan.probe?.error?.fields.find((x) => x.type.kind === "enum" && x.type.name === ERROR_CODE_TYPE);
  const answerable = plan.rateAnswerable && plan.probe?.error !== undefined && codeField !== undefined;
  if (answerable && plan.probe?.error !== undefined && codeField !== undefined) {
    b["ErrorCode"] = mainType(view, view.model.className(ERROR_CODE_TYPE));
    b["codeAccessor"] = view.model.component(plan.probe.error.name, codeField.name);
    b["RATE_LIMITED"] = view.model.constant(ERROR_CODE_TYPE, "rate_limited");
  }
  printTemplate(
    f,
    `
    @«Timeout»(value = 60, unit = «TimeUnit».SECONDS)
    class ${ROBUSTNESS_TEST} {
        /** Messages sent at once to exceed the test server's rate limit (2 per second, bursts of 4). */
        static final int FLOOD = 30;
        /** How long to listen for an answer that must not come, in milliseconds. */
        static final long QUIET_MS = 300;

        private «Server» server;

        @«BeforeEach»
        void start() throws Exception {
            server = new «Server»(new «ServerHandlers»(), "127.0.0.1", 0, «ServerOptions».defaults().withRateLimit(new «RateLimit»(2, 4)));
            server.start();
        }

        @«AfterEach»
        void stop() {
            server.close();
        }
    `,
    b,
  );
  f.indent(() => {
    if (answerable) {
      f.print();
      printTemplate(
        f,
        `
        static boolean isRateLimited(«Message» message) {
            return message instanceof «ProbeError» refusal && refusal.«codeAccessor»() == «ErrorCode».«RATE_LIMITED»;
        }
        `,
        b,
      );
    }
    if (view.transport === "tcp") tcpRobustness(f, plan, b, answerable);
    else if (view.transport === "udp") udpRobustness(f, plan, b, answerable);
    else httpRobustness(f, view, plan, b);
  });
  f.print("}");
}

function tcpRobustness(f: FileBuilder, plan: TestPlan, b: Bindings, answerable: boolean): void {
  f.print();
  printTemplate(
    f,
    `
    @«Test»
    void garbageClosesThatConnectionOnly() throws Exception {
        try («RawStream» raw = RawStream.open(server.port())) {
            raw.send("this is not a frame, not even a header".getBytes(«StandardCharsets».US_ASCII));
            «assertTrue»(raw.closedByServer());
        }
        «assertServes»(server.port());
    }

    @Test
    void anOversizedLengthIsRefusedBeforeTheBodyArrives() throws Exception {
        try (RawStream raw = RawStream.open(server.port())) {
            raw.send(RawStream.header(0, 1, 1, «Codec».MAX_FRAME_BYTES - Codec.HEADER_BYTES + 1));
            assertTrue(raw.closedByServer());
        }
        assertServes(server.port());
    }

    @Test
    void aFrameWithMessageIdZeroAndNoControlFlagClosesThatConnectionOnly() throws Exception {
        try (RawStream raw = RawStream.open(server.port())) {
            raw.send(RawStream.header(0, 0, 1, 0));
            assertTrue(raw.closedByServer());
        }
        assertServes(server.port());
    }
    `,
    b,
  );
  if (plan.probe === undefined) return;
  f.print();
  printTemplate(
    f,
    `
    @«Test»
    void framesSplitAcrossReadsArePutBackTogether() throws Exception {
        try («RawStream» raw = RawStream.open(server.port())) {
            for (byte octet : «Codec».encodeFrame(«Samples».«makeProbe»(), 1)) {
                raw.send(new byte[] {octet});
            }
            «Frame» frame = raw.frame();
            «assertNotNull»(frame);
            «assertInstanceOf»(«ProbeOk».class, frame.message());
            «assertEquals»(1L, frame.seq());
        }
    }

    @Test
    void anAbruptDisconnectMidFrameLeavesTheServerServing() throws Exception {
        byte[] frame = Codec.encodeFrame(Samples.«makeProbe»(), 1);
        RawStream raw = RawStream.open(server.port());
        raw.send(«Arrays».copyOf(frame, frame.length / 2));
        raw.abort();
        «assertServes»(server.port());
        try (RawStream again = RawStream.open(server.port())) {
            again.send(Arrays.copyOf(frame, 5));
        }
        assertServes(server.port());
    }

    @Test
    void anInvalidPayloadIsRefusedAndTheConnectionGoesOn() throws Exception {
        try (RawStream raw = RawStream.open(server.port())) {
            raw.send(RawStream.withTrailingByte(Codec.encodeFrame(Samples.«makeProbe»(), 1)));
    `,
    b,
  );
  f.indent(() =>
    f.indent(() => {
      // Over TCP the refusal is an answer: it carries the RESPONSE flag.
      if (plan.probe?.error !== undefined) printRefusal(f, "ProbeError", b, "raw.frame()", "«assertTrue»((refusal.flags() & «Codec».FLAG_RESPONSE) != 0);");
      printTemplate(
        f,
        `
        raw.send(«Codec».encodeFrame(«Samples».«makeProbe»(), 2));
        «Frame» answer = raw.frame();
        «assertNotNull»(answer);
        «assertInstanceOf»(«ProbeOk».class, answer.message());
        «assertEquals»(2L, answer.seq());
        `,
        b,
      );
    }),
  );
  printTemplate(f, "    }\n    «assertServes»(server.port());\n}", b);
  if (plan.second !== undefined) {
    f.print();
    f.print(`// ${plan.second.name} before ${plan.probe.request.name}: refused by authentication or the role machine.`);
    printTemplate(
      f,
      `
      @«Test»
      void aMessageOutOfOrderIsRefused() throws Exception {
          try («RawStream» raw = RawStream.open(server.port())) {
              raw.send(«Codec».encodeFrame(«Samples».«makeSecond»(), 1));
      `,
      b,
    );
    f.indent(() =>
      f.indent(() => {
        if (plan.second?.error !== undefined) printRefusal(f, "SecondError", b);
        else printTemplate(f, "«assertTrue»(raw.closedByServer());", b);
      }),
    );
    printTemplate(f, "    }\n    «assertServes»(server.port());\n}", b);
  }
  if (plan.rateLimited) {
    f.print();
    printTemplate(
      f,
      `
      @«Test»
      void aFloodOverTheRateLimitIsRefused() throws Exception {
          try («RawStream» raw = RawStream.open(server.port())) {
              raw.send(«Codec».encodeFrame(«Samples».«makeProbe»(), 1));
              «Frame» first = raw.frame();
              «assertNotNull»(first);
              «assertInstanceOf»(«ProbeOk».class, first.message());
              «ByteArrayOutputStream» flood = new ByteArrayOutputStream();
              for (int i = 0; i < FLOOD; i++) {
                  flood.writeBytes(Codec.encodeFrame(Samples.«makeProbe»(), 2 + i));
              }
              raw.send(flood.toByteArray());
              «List»<«Message»> answers = new «ArrayList»<>();
              while (answers.size() < FLOOD) {
                  Frame frame = raw.frame();
                  if (frame == null) {
                      break;
                  }
                  answers.add(frame.message());
              }
      `,
      b,
    );
    f.indent(() =>
      f.indent(() => {
        if (answerable) printTemplate(f, "«assertTrue»(answers.stream().anyMatch(RobustnessTest::isRateLimited), answers::toString);", b);
        else printTemplate(f, "«assertTrue»(answers.size() < FLOOD, \"the server closed the connection\");", b);
      }),
    );
    printTemplate(f, "    }\n    «assertServes»(server.port());\n}", b);
  }
}

function udpRobustness(f: FileBuilder, plan: TestPlan, b: Bindings, answerable: boolean): void {
  f.print();
  printTemplate(
    f,
    `
    @«Test»
    void garbageIsDroppedWithoutAnAnswer() throws Exception {
        try («RawPeer» raw = RawPeer.open(server.port())) {
            raw.send("this is not a frame, not even a header".getBytes(«StandardCharsets».US_ASCII));
            «assertNull»(raw.datagram(QUIET_MS));
        }
        «assertServes»(server.port());
    }

    @Test
    void anOversizedLengthIsDroppedWithoutAnAnswer() throws Exception {
        try (RawPeer raw = RawPeer.open(server.port())) {
            raw.send(RawPeer.header(«Codec».FLAG_RELIABLE, 1, 1, Codec.MAX_FRAME_BYTES - Codec.HEADER_BYTES + 1));
            assertNull(raw.datagram(QUIET_MS));
        }
        assertServes(server.port());
    }
    `,
    b,
  );
  if (plan.probe === undefined) return;
  const flags = plan.probe.request.reliable ? "«Codec».FLAG_RELIABLE" : "0";
  const secondFlags = plan.second?.reliable === true ? "«Codec».FLAG_RELIABLE" : "0";
  f.print();
  printTemplate(
    f,
    `
    @«Test»
    void aTruncatedDatagramIsDroppedAndNeverAcknowledged() throws Exception {
        byte[] frame = «Codec».encodeFrame(«Samples».«makeProbe»(), 1, ${flags});
        try («RawPeer» raw = RawPeer.open(server.port())) {
            raw.send(«Arrays».copyOf(frame, frame.length / 2));
            «assertNull»(raw.datagram(QUIET_MS));
        }
        «assertServes»(server.port());
    }

    @Test
    void aPeerThatVanishesMidRequestLeavesTheServerServing() throws Exception {
        try (RawPeer raw = RawPeer.open(server.port())) {
            raw.send(Codec.encodeFrame(Samples.«makeProbe»(), 1, ${flags}));
        }
        assertServes(server.port());
    }

    @Test
    void anInvalidPayloadIsRefusedAndThePeerGoesOn() throws Exception {
        try (RawPeer raw = RawPeer.open(server.port())) {
            raw.send(RawPeer.withTrailingByte(Codec.encodeFrame(Samples.«makeProbe»(), 1, ${flags})));
    `,
    b,
  );
  f.indent(() =>
    f.indent(() => {
      if (plan.probe?.request.reliable === true)
        printTemplate(
          f,
          `
          «Frame» ack = raw.frame(«TIMEOUT_MS»);
          «assertNotNull»(ack);
          «assertEquals»(«ControlKind».ACK, ack.control());
          assertEquals(1L, ack.seq());
          `,
          b,
        );
      if (plan.probe?.error !== undefined) printRefusal(f, "ProbeError", b, "raw.message(«TIMEOUT_MS»)");
      printTemplate(
        f,
        `
        raw.send(«Codec».encodeFrame(«Samples».«makeProbe»(), 2, ${flags}));
        «Frame» answer = raw.answerTo(2, «TIMEOUT_MS»);
        «assertNotNull»(answer);
        «assertInstanceOf»(«ProbeOk».class, answer.message());
        «assertEquals»(2L, answer.seq());
        `,
        b,
      );
    }),
  );
  printTemplate(f, "    }\n    «assertServes»(server.port());\n}", b);
  if (plan.second !== undefined) {
    f.print();
    f.print(`// ${plan.second.name} before ${plan.probe.request.name}: refused by authentication or the role machine.`);
    printTemplate(
      f,
      `
      @«Test»
      void aMessageOutOfOrderIsRefused() throws Exception {
          try («RawPeer» raw = RawPeer.open(server.port())) {
              raw.send(«Codec».encodeFrame(«Samples».«makeSecond»(), 1, ${secondFlags}));
      `,
      b,
    );
    f.indent(() =>
      f.indent(() => {
        if (plan.second?.error !== undefined) printRefusal(f, "SecondError", b, "raw.message(«TIMEOUT_MS»)");
        else printTemplate(f, "«assertNull»(raw.message(QUIET_MS));", b);
      }),
    );
    printTemplate(f, "    }\n    «assertServes»(server.port());\n}", b);
  }
  if (plan.rateLimited) {
    f.print();
    printTemplate(
      f,
      `
      @«Test»
      void aFloodOverTheRateLimitIsRefused() throws Exception {
          try («RawPeer» raw = RawPeer.open(server.port())) {
              raw.send(«Codec».encodeFrame(«Samples».«makeProbe»(), 1, ${flags}));
              «Frame» first = raw.message(«TIMEOUT_MS»);
              «assertNotNull»(first);
              «assertInstanceOf»(«ProbeOk».class, first.message());
              for (int seq = 2; seq < 2 + FLOOD; seq++) {
                  raw.send(Codec.encodeFrame(Samples.«makeProbe»(), seq, ${flags}));
              }
              «List»<«Message»> answers = new «ArrayList»<>();
              while (answers.size() < FLOOD) {
                  Frame frame = raw.message(QUIET_MS * 3);
                  if (frame == null) {
                      break;
                  }
                  answers.add(frame.message());
              }
      `,
      b,
    );
    f.indent(() =>
      f.indent(() => {
        if (answerable) printTemplate(f, "«assertTrue»(answers.stream().anyMatch(RobustnessTest::isRateLimited), answers::toString);", b);
        else printTemplate(f, "«assertTrue»(answers.size() < FLOOD, \"the session was closed\");", b);
      }),
    );
    printTemplate(f, "    }\n    «assertServes»(server.port());\n}", b);
  }
}

/** Reads the refusal of sequence number 1 as the error message `error` (a binding), then `more` lines. */
function printRefusal(f: FileBuilder, error: string, b: Bindings, read = "raw.frame()", ...more: string[]): void {
  printTemplate(
    f,
    [`«Frame» refusal = ${read};`, "«assertNotNull»(refusal);", `«assertInstanceOf»(«${error}».class, refusal.message());`, "«assertEquals»(1L, refusal.seq());", ...more].join("\n"),
    b,
  );
}
