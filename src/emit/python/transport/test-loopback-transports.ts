// The per-transport part of tests/test_<transport>.py: connect retries,
// reconnection, idle timeout, keepalive and shutdown over TCP; idle peers,
// keepalive, shutdown, retransmission, duplicates and failed delivery over
// UDP; shutdown over HTTP.
import type { FileBuilder } from "../../printer.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";

export const FREE_PORT = `
def free_port() -> int:
    """A TCP port nothing listens on (at the moment)."""
    with «socket».socket(«socket».AF_INET, «socket».SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


FAST_RETRY = «RetryPolicy»(max_attempts=3, initial_backoff_ms=20, max_backoff_ms=40, multiplier=2.0)
PATIENT_RETRY = «RetryPolicy»(max_attempts=10, initial_backoff_ms=50, max_backoff_ms=200, multiplier=2.0)


`;

export const DROP_FIRST = `
class DropFirst:
    """Loses the first \`count\` outgoing datagrams that \`match\` (loss simulation)."""

    def __init__(self, match: «Callable»[[bytes], bool], count: int = 1) -> None:
        self.match = match
        self.remaining = count
        self.dropped = 0

    def __call__(self, data: bytes) -> bool:
        if self.remaining > 0 and self.match(data):
            self.remaining -= 1
            self.dropped += 1
            return True
        return False


def is_ack(data: bytes) -> bool:
    return len(data) > 3 and data[3] & «FLAG_ACK» != 0


def is_answer(data: bytes) -> bool:
    return len(data) > 3 and data[3] & «FLAG_RESPONSE» != 0 and data[3] & «FLAG_ACK» == 0


`;

export function printTcpTests(f: FileBuilder, b: Bindings): void {
  f.print();
  printTemplate(
    f,
    `
    async def test_connecting_gives_up_after_its_attempts(self) -> None:
        client = «Client»("127.0.0.1", free_port(), options=«ClientOptions»(retry=FAST_RETRY, connect_timeout_ms=500))
        with self.assertRaises(«ConnectFailed»):
            await «asyncio».wait_for(client.connect(), TIMEOUT)

    async def test_connecting_retries_with_backoff_until_the_server_is_up(self) -> None:
        port = free_port()
        client = «Client»("127.0.0.1", port, options=«ClientOptions»(retry=PATIENT_RETRY))
        connecting = «asyncio».create_task(client.connect())
        await «asyncio».sleep(0.2)
        async with «Server»(port=port):
            await «asyncio».wait_for(connecting, TIMEOUT)
            await self.probe(client)
            await client.close()

    async def test_the_client_reconnects_after_losing_the_connection(self) -> None:
        port = free_port()
        server = «Server»(port=port)
        await server.start()
        client = «Client»("127.0.0.1", port, options=«ClientOptions»(auto_reconnect=True, retry=PATIENT_RETRY))
        reconnected = «asyncio».Event()

        async def again() -> None:
            reconnected.set()

        client.on_reconnect = again
        try:
            await client.connect()
            await self.probe(client)
            await server.close()
            server = «Server»(port=port)
            await server.start()
            await «asyncio».wait_for(reconnected.wait(), TIMEOUT)
            await self.probe(client)
        finally:
            await client.close()
            await server.close()

    async def test_a_silent_connection_is_closed_after_the_idle_timeout(self) -> None:
        async with «Server»(options=«ServerOptions»(idle_timeout_ms=300, keepalive_interval_ms=100)) as server:
            reader, writer = await «asyncio».open_connection("127.0.0.1", server.port)
            while await «asyncio».wait_for(reader.read(1024), TIMEOUT):
                pass  # PINGs from the server; nobody answers them
            writer.close()

    async def test_keepalive_keeps_a_quiet_client_connected(self) -> None:
        async with «Server»(options=«ServerOptions»(idle_timeout_ms=400, keepalive_interval_ms=100)) as server:
            options = «ClientOptions»(idle_timeout_ms=400, keepalive_interval_ms=100)
            async with «Client»("127.0.0.1", server.port, options=options) as client:
                await «asyncio».sleep(1.2)
                self.assertTrue(client.connected)
                await self.probe(client)

    async def test_closing_the_server_closes_its_sessions(self) -> None:
        server = «Server»()
        await server.start()
        client = «Client»("127.0.0.1", server.port)
        await client.connect()
        await self.probe(client)
        await «asyncio».wait_for(server.close(), TIMEOUT)
        for _ in range(200):
            if not client.connected:
                break
            await «asyncio».sleep(0.02)
        self.assertFalse(client.connected)
        self.assertEqual(server.sessions, [])
        await client.close()
    `,
    b,
  );
}

export function printUdpTests(f: FileBuilder, plan: TestPlan, b: Bindings): void {
  f.print();
  printTemplate(
    f,
    `
    async def test_a_silent_peer_is_forgotten_after_the_idle_timeout(self) -> None:
        async with «Server»(options=«ServerOptions»(idle_timeout_ms=300, keepalive_interval_ms=100)) as server:
            async with «Client»("127.0.0.1", server.port) as client:
                await self.probe(client)
                self.assertEqual(len(server.sessions), 1)
                client.drop_outgoing = lambda data: True  # from now on nothing of the client arrives
                for _ in range(200):
                    if not server.sessions:
                        break
                    await «asyncio».sleep(0.02)
                self.assertEqual(server.sessions, [])

    async def test_keepalive_keeps_a_quiet_peer_known(self) -> None:
        async with «Server»(options=«ServerOptions»(idle_timeout_ms=400, keepalive_interval_ms=100)) as server:
            options = «ClientOptions»(idle_timeout_ms=400, keepalive_interval_ms=100)
            async with «Client»("127.0.0.1", server.port, options=options) as client:
                await self.probe(client)
                await «asyncio».sleep(1.2)
                self.assertEqual(len(server.sessions), 1)

    async def test_closing_the_server_closes_its_sessions(self) -> None:
        server = «Server»()
        await server.start()
        async with «Client»("127.0.0.1", server.port) as client:
            await self.probe(client)
            self.assertEqual(len(server.sessions), 1)
            await «asyncio».wait_for(server.close(), TIMEOUT)
            self.assertEqual(server.sessions, [])
    `,
    b,
  );
  if (plan.probe !== undefined && plan.probe.prefix.length === 0 && plan.probe.request.reliable) {
    f.print();
    printTemplate(
      f,
      `
      async def test_a_lost_request_is_retransmitted(self) -> None:
          handlers = CountingHandlers()
          async with «Server»(handlers) as server, «Client»("127.0.0.1", server.port) as client:
              loss = DropFirst(lambda data: not is_ack(data))
              client.drop_outgoing = loss
              answer = await «asyncio».wait_for(client.«probe»(«make_probe»()), TIMEOUT)
              self.assertIsInstance(answer, «ProbeOk»)
              self.assertEqual(loss.dropped, 1)
              self.assertEqual(handlers.calls, 1)

      async def test_a_duplicate_is_acknowledged_and_answered_again_but_handled_once(self) -> None:
          handlers = CountingHandlers()
          async with «Server»(handlers) as server:
              loss = DropFirst(lambda data: is_ack(data) or is_answer(data), count=2)
              server.drop_outgoing = loss
              async with «Client»("127.0.0.1", server.port) as client:
                  answer = await «asyncio».wait_for(client.«probe»(«make_probe»()), TIMEOUT)
              self.assertIsInstance(answer, «ProbeOk»)
              self.assertEqual(loss.dropped, 2)
              self.assertEqual(handlers.calls, 1)

      async def test_delivery_fails_after_the_last_attempt(self) -> None:
          fast = «RetryPolicy»(max_attempts=3, initial_backoff_ms=20, max_backoff_ms=40, multiplier=2.0)
          async with «Server»() as server:
              server.drop_outgoing = lambda data: True
              options = «ClientOptions»(retry=fast, request_timeout_ms=5000)
              async with «Client»("127.0.0.1", server.port, options=options) as client:
                  with self.assertRaises(«DeliveryFailed»):
                      await «asyncio».wait_for(client.«probe»(«make_probe»()), TIMEOUT)
      `,
      b,
    );
  }
}

export function printHttpTests(f: FileBuilder, b: Bindings): void {
  f.print();
  printTemplate(
    f,
    `
    async def test_closing_the_server_closes_its_sessions(self) -> None:
        server = «Server»()
        await server.start()
        async with «Client»("127.0.0.1", server.port) as client:
            await self.probe(client)
            self.assertEqual(len(server.sessions), 1)
            await «asyncio».wait_for(server.close(), TIMEOUT)
            self.assertEqual(server.sessions, [])
    `,
    b,
  );
}
