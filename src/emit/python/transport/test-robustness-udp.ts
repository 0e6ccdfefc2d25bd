// tests/test_robustness.py over UDP: garbage, an oversized length and a
// truncated datagram are dropped unanswered; an invalid payload is
// acknowledged and refused; a vanishing peer, a message out of order and a
// flood leave the server serving.
import type { FileBuilder } from "../../printer.js";
import type { Printable } from "../../symbols.js";
import type { TransportContext } from "./context.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";
import { serverSetup } from "./test-robustness-setup.js";

export function udpRobustness(f: FileBuilder, ctx: TransportContext, plan: TestPlan, b: Bindings): void {
  printTemplate(f, RAW_PEER, b);
  f.print();
  f.print();
  const reliable = plan.probe?.request.reliable === true;
  f.block(["class RobustnessTest(", b["unittest"] as Printable, ".IsolatedAsyncioTestCase):"], () => {
    serverSetup(f, ctx, plan, b);
    f.print();
    printTemplate(
      f,
      `
      async def test_garbage_is_dropped_without_an_answer(self) -> None:
          raw = await RawPeer.open(self.server.port)
          raw.send(b"this is not a frame, not even a header")
          self.assertIsNone(await raw.datagram(QUIET))
          raw.close()
          await self.assert_serves(self.server.port)

      async def test_an_oversized_length_is_dropped_without_an_answer(self) -> None:
          raw = await RawPeer.open(self.server.port)
          raw.send(header(«FLAG_RELIABLE», 1, 1, «MAX_FRAME_BYTES» - 14 + 1))
          self.assertIsNone(await raw.datagram(QUIET))
          raw.close()
          await self.assert_serves(self.server.port)
      `,
      b,
    );
    if (plan.probe === undefined) return;
    f.print();
    printTemplate(
      f,
      `
      async def test_a_truncated_datagram_is_dropped_and_never_acknowledged(self) -> None:
          raw = await RawPeer.open(self.server.port)
          frame = «encode_frame»(«make_probe»(), 1, «FLAG_RELIABLE» if «Probe».RELIABLE else 0)
          raw.send(frame[: len(frame) // 2])
          self.assertIsNone(await raw.datagram(QUIET))
          raw.close()
          await self.assert_serves(self.server.port)

      async def test_a_peer_that_vanishes_mid_request_leaves_the_server_serving(self) -> None:
          raw = await RawPeer.open(self.server.port)
          raw.send(«encode_frame»(«make_probe»(), 1, «FLAG_RELIABLE» if «Probe».RELIABLE else 0))
          raw.close()
          await self.assert_serves(self.server.port)
      `,
      b,
    );
    f.print();
    f.block("async def test_an_invalid_payload_is_refused_and_the_peer_goes_on(self) -> None:", () => {
      printTemplate(
        f,
        `
        raw = await RawPeer.open(self.server.port)
        flags = «FLAG_RELIABLE» if «Probe».RELIABLE else 0
        raw.send(with_trailing_byte(«encode_frame»(«make_probe»(), 1, flags)))
        `,
        b,
      );
      if (reliable)
        printTemplate(
          f,
          `
          ack = await raw.frame()
          assert ack is not None
          self.assertEqual((ack.control, ack.seq), ("ack", 1))
          `,
          b,
        );
      if (plan.probe?.error !== undefined)
        printTemplate(
          f,
          `
          refusal = await raw.message()
          assert refusal is not None
          self.assertIsInstance(refusal.message, «ProbeError»)
          self.assertEqual(refusal.seq, 1)
          `,
          b,
        );
      printTemplate(
        f,
        `
        raw.send(«encode_frame»(«make_probe»(), 2, flags))
        answer = await raw.message()
        assert answer is not None
        self.assertIsInstance(answer.message, «ProbeOk»)
        self.assertEqual(answer.seq, 2)
        raw.close()
        await self.assert_serves(self.server.port)
        `,
        b,
      );
    });
    if (plan.second !== undefined) {
      f.print();
      f.block("async def test_a_message_out_of_order_is_refused(self) -> None:", () => {
        f.doc(`${plan.second?.name} before ${plan.probe?.request.name}: refused by authentication or the role machine.`);
        printTemplate(
          f,
          `
          raw = await RawPeer.open(self.server.port)
          raw.send(«encode_frame»(«make_second»(), 1, «FLAG_RELIABLE» if «Second».RELIABLE else 0))
          `,
          b,
        );
        if (plan.second?.error !== undefined)
          printTemplate(
            f,
            `
            refusal = await raw.message()
            assert refusal is not None
            self.assertIsInstance(refusal.message, «SecondError»)
            self.assertEqual(refusal.seq, 1)
            `,
            b,
          );
        printTemplate(f, "raw.close()\nawait self.assert_serves(self.server.port)", b);
      });
    }
    if (plan.rateLimited) {
      f.print();
      f.block("async def test_a_flood_over_the_rate_limit_is_refused(self) -> None:", () => {
        printTemplate(
          f,
          `
          raw = await RawPeer.open(self.server.port)
          flags = «FLAG_RELIABLE» if «Probe».RELIABLE else 0
          raw.send(«encode_frame»(«make_probe»(), 1, flags))
          first = await raw.message()
          assert first is not None
          self.assertIsInstance(first.message, «ProbeOk»)
          for seq in range(2, 2 + FLOOD):
              raw.send(«encode_frame»(«make_probe»(), seq, flags))
          answers: list[«Optional»[«Message»]] = []
          while len(answers) < FLOOD:
              frame = await raw.message(QUIET * 3)
              if frame is None:
                  break
              answers.append(frame.message)
          `,
          b,
        );
        if (plan.rateAnswerable && b["ErrorCode"] !== undefined) printTemplate(f, "self.assertTrue(any(is_rate_limited(m) for m in answers))", b);
        else printTemplate(f, "self.assertLess(len(answers), FLOOD)  # the session was closed", b);
        printTemplate(f, "raw.close()\nawait self.assert_serves(self.server.port)", b);
      });
    }
  });
}

const RAW_PEER = `
class RawPeer(«asyncio».DatagramProtocol):
    """A UDP socket that sends datagrams as they are and never acknowledges anything."""

    def __init__(self) -> None:
        self.received: «asyncio».Queue[bytes] = «asyncio».Queue()
        self.transport: «Optional»[«asyncio».DatagramTransport] = None

    @classmethod
    async def open(cls, port: int) -> RawPeer:
        loop = «asyncio».get_running_loop()
        _, peer = await loop.create_datagram_endpoint(cls, remote_addr=("127.0.0.1", port))
        return peer

    def connection_made(self, transport: «asyncio».BaseTransport) -> None:
        self.transport = «cast»(«asyncio».DatagramTransport, transport)

    def datagram_received(self, data: bytes, addr: «Any») -> None:
        self.received.put_nowait(data)

    def send(self, data: bytes) -> None:
        assert self.transport is not None
        self.transport.sendto(data)

    async def datagram(self, timeout: float = TIMEOUT) -> «Optional»[bytes]:
        """The next datagram, or None when none comes within \`timeout\` seconds."""
        try:
            return await «asyncio».wait_for(self.received.get(), timeout)
        except «asyncio».TimeoutError:
            return None

    async def frame(self, timeout: float = TIMEOUT) -> «Optional»[«Frame»]:
        """The next frame other than PING/PONG, or None."""
        while True:
            data = await self.datagram(timeout)
            if data is None:
                return None
            frame = «decode_frame»(data)
            if frame.control not in ("ping", "pong"):
                return frame

    async def message(self, timeout: float = TIMEOUT) -> «Optional»[«Frame»]:
        """The next message frame (ACKs skipped), or None."""
        while True:
            frame = await self.frame(timeout)
            if frame is None or frame.control is None:
                return frame

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()
`;

