// tests/test_robustness.py over TCP: garbage, an oversized length and a
// frame of no message (id 0) close that connection only; an invalid payload
// is refused and the connection goes on; frames split byte by byte are put
// back together; a disconnect mid-frame, a message out of order and a flood
// leave the server serving.
import type { FileBuilder } from "../../printer.js";
import type { Printable } from "../../symbols.js";
import type { TransportContext } from "./context.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";
import { serverSetup } from "./test-robustness-setup.js";

export function tcpRobustness(f: FileBuilder, ctx: TransportContext, plan: TestPlan, b: Bindings): void {
  printTemplate(f, RAW_STREAM, b);
  f.print();
  f.print();
  f.block(["class RobustnessTest(", b["unittest"] as Printable, ".IsolatedAsyncioTestCase):"], () => {
    serverSetup(f, ctx, plan, b);
    f.print();
    printTemplate(
      f,
      `
      async def test_garbage_closes_that_connection_only(self) -> None:
          raw = await RawStream.open(self.server.port)
          await raw.send(b"this is not a frame, not even a header")
          self.assertTrue(await raw.closed_by_server())
          await self.assert_serves(self.server.port)

      async def test_an_oversized_length_is_refused_before_the_body_arrives(self) -> None:
          raw = await RawStream.open(self.server.port)
          await raw.send(header(0, 1, 1, «MAX_FRAME_BYTES» - 14 + 1))
          self.assertTrue(await raw.closed_by_server())
          await self.assert_serves(self.server.port)

      async def test_a_frame_with_message_id_0_and_no_control_flag_closes_that_connection_only(self) -> None:
          raw = await RawStream.open(self.server.port)
          await raw.send(header(0, 0, 1, 0))
          self.assertTrue(await raw.closed_by_server())
          await self.assert_serves(self.server.port)
      `,
      b,
    );
    if (plan.probe === undefined) return;
    f.print();
    printTemplate(
      f,
      `
      async def test_frames_split_across_reads_are_put_back_together(self) -> None:
          raw = await RawStream.open(self.server.port)
          for byte in «encode_frame»(«make_probe»(), 1):
              await raw.send(bytes([byte]))
          frame = await raw.frame()
          assert frame is not None
          self.assertIsInstance(frame.message, «ProbeOk»)
          self.assertEqual(frame.seq, 1)
          raw.close()

      async def test_an_abrupt_disconnect_mid_frame_leaves_the_server_serving(self) -> None:
          raw = await RawStream.open(self.server.port)
          frame = «encode_frame»(«make_probe»(), 1)
          await raw.send(frame[: len(frame) // 2])
          raw.abort()
          await self.assert_serves(self.server.port)
          raw = await RawStream.open(self.server.port)
          await raw.send(frame[:5])
          raw.close()
          await self.assert_serves(self.server.port)
      `,
      b,
    );
    f.print();
    f.block("async def test_an_invalid_payload_is_refused_and_the_connection_goes_on(self) -> None:", () => {
      printTemplate(
        f,
        `
        raw = await RawStream.open(self.server.port)
        await raw.send(with_trailing_byte(«encode_frame»(«make_probe»(), 1)))
        `,
        b,
      );
      if (plan.probe?.error !== undefined)
        printTemplate(
          f,
          `
          refusal = await raw.frame()
          assert refusal is not None
          self.assertIsInstance(refusal.message, «ProbeError»)
          self.assertEqual(refusal.seq, 1)
          self.assertTrue(refusal.flags & «FLAG_RESPONSE»)
          `,
          b,
        );
      printTemplate(
        f,
        `
        await raw.send(«encode_frame»(«make_probe»(), 2))
        answer = await raw.frame()
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
          raw = await RawStream.open(self.server.port)
          await raw.send(«encode_frame»(«make_second»(), 1))
          `,
          b,
        );
        if (plan.second?.error !== undefined)
          printTemplate(
            f,
            `
            refusal = await raw.frame()
            assert refusal is not None
            self.assertIsInstance(refusal.message, «SecondError»)
            self.assertEqual(refusal.seq, 1)
            raw.close()
            `,
            b,
          );
        else printTemplate(f, "self.assertTrue(await raw.closed_by_server())", b);
        printTemplate(f, "await self.assert_serves(self.server.port)", b);
      });
    }
    if (plan.rateLimited) {
      f.print();
      f.block("async def test_a_flood_over_the_rate_limit_is_refused(self) -> None:", () => {
        printTemplate(
          f,
          `
          raw = await RawStream.open(self.server.port)
          await raw.send(«encode_frame»(«make_probe»(), 1))
          first = await raw.frame()
          assert first is not None
          self.assertIsInstance(first.message, «ProbeOk»)
          await raw.send(b"".join(«encode_frame»(«make_probe»(), seq) for seq in range(2, 2 + FLOOD)))
          answers: list[«Optional»[«Message»]] = []
          while len(answers) < FLOOD:
              frame = await raw.frame()
              if frame is None:
                  break
              answers.append(frame.message)
          `,
          b,
        );
        if (plan.rateAnswerable && b["ErrorCode"] !== undefined) printTemplate(f, "self.assertTrue(any(is_rate_limited(m) for m in answers))\nraw.close()", b);
        else printTemplate(f, "self.assertLess(len(answers), FLOOD)  # the server closed the connection", b);
        printTemplate(f, "await self.assert_serves(self.server.port)", b);
      });
    }
  });
}

const RAW_STREAM = `
class RawStream:
    """A TCP connection that sends bytes as they are and reads whole frames."""

    def __init__(self, reader: «asyncio».StreamReader, writer: «asyncio».StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.deframer = «Deframer»()
        self.pending: list[bytes] = []

    @classmethod
    async def open(cls, port: int) -> RawStream:
        reader, writer = await «asyncio».wait_for(«asyncio».open_connection("127.0.0.1", port), TIMEOUT)
        return cls(reader, writer)

    async def send(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()

    async def frame(self) -> «Optional»[«Frame»]:
        """The next frame other than PING/PONG, or None when the server closed the connection."""
        while True:
            while not self.pending:
                data = await «asyncio».wait_for(self.reader.read(65536), TIMEOUT)
                if not data:
                    return None
                self.pending.extend(self.deframer.push(data))
            frame = «decode_frame»(self.pending.pop(0))
            if frame.control is None:
                return frame

    async def closed_by_server(self) -> bool:
        """Reads until the server closes the connection; False if it does not within TIMEOUT."""
        try:
            while await «asyncio».wait_for(self.reader.read(65536), TIMEOUT):
                pass
        except «asyncio».TimeoutError:
            return False
        except ConnectionError:
            pass
        finally:
            self.writer.close()
        return True

    def abort(self) -> None:
        self.writer.transport.abort()

    def close(self) -> None:
        self.writer.close()
`;

