// tests/test_robustness.py over HTTP: the status codes of wire format 10.3
// for bad bodies, unknown messages, methods, content types, sequence
// headers, sizes and credentials; a disconnect mid-body and a flood (429)
// leave the server serving.
import type { FileBuilder } from "../../printer.js";
import type { Printable } from "../../symbols.js";
import type { TransportContext } from "./context.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";
import { serverSetup } from "./test-robustness-setup.js";

export function httpRobustness(f: FileBuilder, ctx: TransportContext, plan: TestPlan, b: Bindings): void {
  const auth = ctx.spec.security.authentication.mode !== "none" && ctx.spec.security.authentication.message !== undefined;
  f.block(["class RobustnessTest(", b["unittest"] as Printable, ".IsolatedAsyncioTestCase):"], () => {
    serverSetup(f, ctx, plan, b, `\n        self.http = «aiohttp».ClientSession()`, `\n        await self.http.close()`);
    f.print();
    printTemplate(
      f,
      `
      def url(self, name: str) -> str:
          return f"http://127.0.0.1:{self.server.port}/{«PROTOCOL_NAME»}/messages/{name}"

      def headers(self, seq: str = "1", session: str = "robustness", credential: bool = True) -> dict[str, str]:
          headers = {"Content-Type": "application/json", "X-Protoforge-Seq": seq, "X-Protoforge-Session": session}
      `,
      b,
    );
    f.indent(() => {
      if (plan.probe !== undefined)
        printTemplate(
          f,
          `
          bearer = «credential_of»(«make_probe»())
          if credential and bearer is not None:
              headers["Authorization"] = f"Bearer {bearer}"
          `,
          b,
        );
      f.print("return headers");
    });
    f.print();
    printTemplate(
      f,
      `
      async def post(self, name: str, body: bytes, headers: dict[str, str]) -> tuple[int, «Any»]:
          async with self.http.post(self.url(name), data=body, headers=headers) as response:
              text = await response.text()
              return response.status, «json».loads(text) if text else None

      async def assert_error(self, status: int, error: str, name: str, body: bytes, headers: dict[str, str]) -> None:
          got, data = await «asyncio».wait_for(self.post(name, body, headers), TIMEOUT)
          self.assertEqual(got, status, data)
          self.assertEqual(data["error"], error)
          self.assertIsInstance(data["message"], str)
      `,
      b,
    );
    if (plan.probe === undefined) return;
    f.print();
    printTemplate(
      f,
      `
      def probe_body(self) -> bytes:
          return «json».dumps(«to_json»(«make_probe»())).encode("utf-8")

      async def test_a_body_that_is_not_json_is_400(self) -> None:
          await self.assert_error(400, "bad_request", «probe_name», b"{not json", self.headers())
          await self.assert_serves(self.server.port)

      async def test_an_invalid_payload_is_400_with_the_wire_error(self) -> None:
          await self.assert_error(400, "invalid_value", «probe_name», b'{"no_such_field": 1}', self.headers())
          await self.assert_serves(self.server.port)

      async def test_an_unknown_message_is_404(self) -> None:
          await self.assert_error(404, "unknown_message", "NoSuchMessage", self.probe_body(), self.headers())
          await self.assert_error(404, "unknown_message", «ok_name», b"{}", self.headers())
          await self.assert_serves(self.server.port)

      async def test_the_wrong_method_is_405(self) -> None:
          async with self.http.get(self.url(«probe_name»)) as response:
              self.assertEqual(response.status, 405)
              self.assertEqual((await response.json())["error"], "method_not_allowed")
          await self.assert_serves(self.server.port)

      async def test_the_wrong_content_type_is_415(self) -> None:
          headers = self.headers()
          headers["Content-Type"] = "text/plain"
          await self.assert_error(415, "unsupported_media_type", «probe_name», self.probe_body(), headers)
          await self.assert_serves(self.server.port)

      async def test_a_missing_or_bad_sequence_number_is_400(self) -> None:
          headers = self.headers()
          del headers["X-Protoforge-Seq"]
          await self.assert_error(400, "bad_request", «probe_name», self.probe_body(), headers)
          await self.assert_error(400, "bad_request", «probe_name», self.probe_body(), self.headers(seq="-1"))
          await self.assert_error(400, "bad_request", «probe_name», self.probe_body(), self.headers(seq="4294967296"))
          await self.assert_serves(self.server.port)

      async def test_a_body_over_the_frame_limit_is_413(self) -> None:
          body = b'{"padding": "' + b"x" * «MAX_FRAME_BYTES» + b'"}'
          await self.assert_error(413, "frame_too_large", «probe_name», body, self.headers())
          await self.assert_serves(self.server.port)

      async def test_an_abrupt_disconnect_mid_body_leaves_the_server_serving(self) -> None:
          reader, writer = await «asyncio».open_connection("127.0.0.1", self.server.port)
          path = f"/{«PROTOCOL_NAME»}/messages/" + «probe_name»
          head = (
              f"POST {path} HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n"
              "Content-Type: application/json\\r\\nX-Protoforge-Seq: 1\\r\\nContent-Length: 1000\\r\\n\\r\\n"
          )
          writer.write(head.encode("ascii") + self.probe_body()[:10])
          await writer.drain()
          writer.transport.abort()
          await self.assert_serves(self.server.port)
      `,
      { ...b, ok_name: JSON.stringify(plan.probe.ok.name) },
    );
    if (auth) {
      f.print();
      printTemplate(
        f,
        `
        async def test_after_authentication_another_credential_is_401(self) -> None:
            headers = self.headers(session="robustness-401")
            await «asyncio».wait_for(self.post(«probe_name», self.probe_body(), headers), TIMEOUT)
            headers["Authorization"] = "Bearer not-the-credential"
            await self.assert_error(401, "unauthorized", «probe_name», self.probe_body(), headers)
            await self.assert_serves(self.server.port)

        async def test_the_event_stream_before_authentication_is_401(self) -> None:
            url = f"http://127.0.0.1:{self.server.port}/{«PROTOCOL_NAME»}/events"
            async with self.http.get(url, headers=self.headers()) as response:
                self.assertEqual(response.status, 401)
            await self.assert_serves(self.server.port)
        `,
        b,
      );
      if (plan.second !== undefined) {
        f.print();
        printTemplate(
          f,
          `
          async def test_a_message_before_authentication_gets_the_state_refusal_not_401(self) -> None:
              body = «json».dumps(«to_json»(«make_second»())).encode("utf-8")
              status, data = await «asyncio».wait_for(self.post(«second_name», body, self.headers(session="robustness-early", credential=False)), TIMEOUT)
              ${plan.second.error === undefined ? `self.assertEqual(status, 409, data)
              self.assertEqual(data["error"], "session_closed")` : `self.assertEqual(status, 200, data)
              self.assertEqual((data["type"], data["seq"]), (${JSON.stringify(plan.second.error)}, 1))`}
              await self.assert_serves(self.server.port)
          `,
          { ...b, second_name: JSON.stringify(plan.second.name) },
        );
      }
    }
    if (plan.rateLimited) {
      f.print();
      printTemplate(
        f,
        `
        async def test_a_flood_over_the_rate_limit_is_429(self) -> None:
            statuses = []
            limited: «Any» = None
            for seq in range(1, 1 + FLOOD):
                status, data = await «asyncio».wait_for(self.post(«probe_name», self.probe_body(), self.headers(seq=str(seq))), TIMEOUT)
                statuses.append(status)
                if status == 429 and limited is None:
                    limited = data
            self.assertIn(429, statuses)
            self.assertEqual(limited["error"], "rate_limited")
            self.assertIsInstance(limited["retry_after_ms"], int)
            await self.assert_serves(self.server.port)
        `,
        b,
      );
    }
  });
}

