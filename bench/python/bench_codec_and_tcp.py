"""Benchmark of the Python project protoforge generates from examples/chat.yaml.

Copied next to the generated project and run with its virtual environment by
bench/python-bench.ts (`npm run bench:python`). Two parts, both with fixed
iteration counts, printed as plain tables, with no assertions:

1. The codec: encode_frame / decode_frame of the chat's RoomMessage (room plus
   a ChatMessage with id, sender, text and timestamp), next to json.dumps /
   json.loads of the equivalent dict, and the generated (checked) JSON mapping.
2. TCP on loopback: the generated ChatServer answering SendMessage with
   MessageAccepted to 1, 10 and 100 concurrent generated ChatClients (each logs
   in once, then sends its requests one after the other), next to a minimal raw
   asyncio server and client exchanging length-prefixed frames of the same
   sizes. Each server runs in its own process, so that client and server do not
   share one event loop (and, on a machine with two cores, get one each).

Usage: python bench_codec_and_tcp.py            (the whole benchmark)
       python bench_codec_and_tcp.py serve-generated | serve-raw RESPONSE_BYTES
       (a server for the benchmark: prints "PORT n", stops when stdin closes)
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import platform
import sys
import threading
import time
from dataclasses import dataclass, replace
from typing import Any, Awaitable, Callable

from chat import codec
from chat.messages import ChatMessage, Login, LoginOk, MessageAccepted, RoomMessage, SendMessage, UserStatus
from chat.transport.client import ChatClient
from chat.transport.options import ServerOptions
from chat.transport.server import ChatServer

CODEC_ITERATIONS = 100_000
"""Timed calls per codec operation and round."""
CODEC_WARMUP = 20_000
VARIANTS = 64
"""Distinct messages the codec operations cycle through."""

TCP_REQUESTS = 20_000
"""Timed requests per concurrency level, split evenly over the clients."""
TCP_WARMUP = 1_000
"""Untimed requests, on one client, before the levels of each server."""
CONCURRENCY = (1, 10, 100)
ROUNDS = 3
"""Each codec operation and each TCP row runs this often; the best round is reported (the others
mostly measure whatever else the machine is doing), with the spread of the TCP rates."""
SERVER_LIFETIME_S = 600.0
"""A benchmark server stops by itself after this long, whatever happens to its parent."""

HOST = "127.0.0.1"
PASSWORD = "correct horse battery staple"
TEXTS = (
    "hi!",
    "See you at 10 in the usual room, bring the slides please.",
    "Grüße aus Köln 🌍 — bis morgen",
    "ok",
)
BENCH_TEXT = "See you at 10 in the usual room, bring the slides please."
"""The text of every SendMessage of the TCP part."""

# --- the codec ---------------------------------------------------------------


def room_messages() -> list[RoomMessage]:
    return [
        RoomMessage(
            room=f"room-{i % 8}",
            message=ChatMessage(
                message_id=1_000_000 + i,
                sender=f"user{i}",
                text=f"{TEXTS[i % len(TEXTS)]} #{i}",
                sent_at=1_714_564_800_000 + i * 1000,
            ),
        )
        for i in range(VARIANTS)
    ]


def as_dict(message: RoomMessage) -> dict[str, Any]:
    """The same data as a plain dict, as an application without protoforge would send it as JSON."""
    m = message.message
    return {"room": message.room, "message": {"message_id": m.message_id, "sender": m.sender, "text": m.text, "sent_at": m.sent_at}}


@dataclass(frozen=True)
class CodecRow:
    name: str
    per_second: float
    bytes_per_message: float


def measure(name: str, bytes_per_message: float, run: Callable[[int], object]) -> CodecRow:
    for i in range(CODEC_WARMUP):
        run(i % VARIANTS)
    best = math.inf
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for i in range(CODEC_ITERATIONS):
            run(i % VARIANTS)
        best = min(best, time.perf_counter() - start)
    return CodecRow(name, CODEC_ITERATIONS / best, bytes_per_message)


def average(sizes: list[int]) -> float:
    return sum(sizes) / len(sizes)


def codec_rows() -> list[CodecRow]:
    messages = room_messages()
    dicts = [as_dict(m) for m in messages]
    frames = [codec.encode_frame(m, seq=i + 1) for i, m in enumerate(messages)]
    json_bytes = [json.dumps(d).encode("utf-8") for d in dicts]
    mapped = [codec.dump_json(codec.to_json(m)).encode("utf-8") for m in messages]
    encode_frame, decode_frame = codec.encode_frame, codec.decode_frame
    to_json, from_json, dump_json, parse_json = codec.to_json, codec.from_json, codec.dump_json, codec.parse_json
    dumps, loads = json.dumps, json.loads
    frame_size, json_size, mapped_size = average([len(f) for f in frames]), average([len(b) for b in json_bytes]), average([len(b) for b in mapped])
    return [
        measure("codec.encode_frame", frame_size, lambda i: encode_frame(messages[i], i + 1)),
        measure("codec.decode_frame", frame_size, lambda i: decode_frame(frames[i])),
        measure("json.dumps(dict).encode()", json_size, lambda i: dumps(dicts[i]).encode("utf-8")),
        measure("json.loads(bytes)", json_size, lambda i: loads(json_bytes[i])),
        measure("codec.to_json + dump_json (checked)", mapped_size, lambda i: dump_json(to_json(messages[i])).encode("utf-8")),
        measure("parse_json + codec.from_json (checked)", mapped_size, lambda i: from_json("RoomMessage", parse_json(mapped[i].decode("utf-8")))),
    ]


# --- the servers (each in its own process) -------------------------------------


def sizes() -> tuple[int, int]:
    """Bytes of the SendMessage frame and of the MessageAccepted frame of the TCP part."""
    request = codec.encode_frame(SendMessage(room="bench", client_msg_id=1_000_000, text=BENCH_TEXT), seq=1_000)
    response = codec.encode_frame(MessageAccepted(client_msg_id=1_000_000, message_id=1_000_000, sent_at=1_714_564_800_000), seq=1_000)
    return len(request), len(response)


Closer = Callable[[], Awaitable[None]]


async def serve(start: Callable[[], Awaitable[Closer]]) -> None:
    """Runs a server until stdin closes (or SERVER_LIFETIME_S passes); prints its port first."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def wait_for_eof() -> None:
        sys.stdin.read()
        loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=wait_for_eof, daemon=True).start()
    close = await start()
    try:
        await asyncio.wait_for(stop.wait(), SERVER_LIFETIME_S)
    except asyncio.TimeoutError:
        pass
    finally:
        await close()


async def serve_generated() -> None:
    # The spec limits each connection to 10 messages a second (burst 20); a
    # benchmark of the transport turns that limit off, everything else is the spec's.
    server = ChatServer(host=HOST, port=0, options=ServerOptions(rate_limit=None))

    async def start() -> Closer:
        await server.start()
        print(f"PORT {server.port}", flush=True)
        return server.close

    await serve(start)


async def serve_raw(response_bytes: int) -> None:
    """A minimal asyncio server: reads a 4-byte length and the body, answers a frame of `response_bytes`."""
    answer = (response_bytes - 4).to_bytes(4, "big") + bytes(response_bytes - 4)

    async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                header = await reader.readexactly(4)
                await reader.readexactly(int.from_bytes(header, "big"))
                writer.write(answer)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def start() -> Closer:
        server = await asyncio.start_server(connection, HOST, 0)
        print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)

        async def close() -> None:
            server.close()
            await server.wait_closed()

        return close

    await serve(start)


class ServerProcess:
    """A benchmark server in a child process running this script."""

    def __init__(self, *args: str) -> None:
        self.args = args
        self.process: asyncio.subprocess.Process | None = None
        self.port = 0

    async def __aenter__(self) -> "ServerProcess":
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, os.path.abspath(__file__), *self.args, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
        )
        assert self.process.stdout is not None
        line = await asyncio.wait_for(self.process.stdout.readline(), 30)
        if not line.startswith(b"PORT "):
            raise RuntimeError(f"the server {' '.join(self.args)} did not start: {line!r}")
        self.port = int(line.split()[1])
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        process = self.process
        if process is None:
            return
        if process.stdin is not None:
            process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), 15)
        except asyncio.TimeoutError:
            process.kill()
            await process.wait()


# --- the clients -----------------------------------------------------------------


@dataclass(frozen=True)
class TcpRow:
    server: str
    clients: int
    requests: int
    seconds: float
    latencies: list[float]
    other_answers: int
    slowest_rate: float = 0.0
    """Round trips per second of the slowest round."""

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))]


class Generated:
    """Sessions of the generated client: logged in once, then SendMessage after SendMessage."""

    name = "generated ChatServer/ChatClient"

    def __init__(self, port: int, index: int) -> None:
        self.client = ChatClient(HOST, port)
        self.index = index
        self.next_id = 0

    async def open(self) -> None:
        await self.client.connect()
        answer = await self.client.login(Login(username=f"bench{self.index:03d}", password=PASSWORD, status=UserStatus.ONLINE))
        if not isinstance(answer, LoginOk):
            raise RuntimeError(f"login refused: {answer}")

    async def round_trip(self) -> bool:
        self.next_id += 1
        # No JoinRoom: the default handler's broadcast of the post reaches nobody,
        # so each request is answered by exactly one frame, like the raw baseline.
        answer = await self.client.send_message(SendMessage(room="bench", client_msg_id=self.next_id, text=BENCH_TEXT))
        return isinstance(answer, MessageAccepted)

    async def close(self) -> None:
        await self.client.close()


class Raw:
    """A minimal asyncio client: writes a length-prefixed frame, reads the length-prefixed answer."""

    name = "raw asyncio (length-prefixed)"
    request_bytes = 0

    def __init__(self, port: int, index: int) -> None:
        self.port = port
        self.frame = (self.request_bytes - 4).to_bytes(4, "big") + bytes(self.request_bytes - 4)
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(HOST, self.port)

    async def round_trip(self) -> bool:
        assert self.reader is not None and self.writer is not None
        self.writer.write(self.frame)
        await self.writer.drain()
        header = await self.reader.readexactly(4)
        await self.reader.readexactly(int.from_bytes(header, "big"))
        return True

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except ConnectionError:
                pass


Session = Generated | Raw


async def run_level(kind: type[Generated] | type[Raw], port: int, clients: int) -> TcpRow:
    """`clients` sessions at once, TCP_REQUESTS requests in all; connecting and logging in are not timed."""
    sessions: list[Session] = [kind(port, i) for i in range(clients)]
    await asyncio.gather(*(s.open() for s in sessions))
    each = TCP_REQUESTS // clients
    latencies: list[float] = []
    others = 0

    async def drive(session: Session) -> None:
        nonlocal others
        clock = time.perf_counter
        for _ in range(each):
            start = clock()
            ok = await session.round_trip()
            latencies.append(clock() - start)
            if not ok:
                others += 1

    start = time.perf_counter()
    await asyncio.gather(*(drive(s) for s in sessions))
    seconds = time.perf_counter() - start
    await asyncio.gather(*(s.close() for s in sessions))
    return TcpRow(kind.name, clients, each * clients, seconds, latencies, others)


async def warm_up(kind: type[Generated] | type[Raw], port: int) -> None:
    session = kind(port, 999)
    await session.open()
    for _ in range(TCP_WARMUP):
        await session.round_trip()
    await session.close()


async def tcp_rows() -> list[TcpRow]:
    request_bytes, response_bytes = sizes()
    Raw.request_bytes = request_bytes
    rows: list[TcpRow] = []
    servers: list[tuple[type[Generated] | type[Raw], tuple[str, ...]]] = [
        (Generated, ("serve-generated",)),
        (Raw, ("serve-raw", str(response_bytes))),
    ]
    for kind, args in servers:
        async with ServerProcess(*args) as server:
            await warm_up(kind, server.port)
            for clients in CONCURRENCY:
                rounds = [await run_level(kind, server.port, clients) for _ in range(ROUNDS)]
                best = max(rounds, key=lambda r: r.rate)
                rows.append(replace(best, slowest_rate=min(r.rate for r in rounds)))
    return rows


# --- the report --------------------------------------------------------------------


def main() -> None:
    request_bytes, response_bytes = sizes()
    print(f"protoforge Python benchmark: chat, Python {platform.python_version()} ({platform.python_implementation()}), {platform.machine()}, {os.cpu_count()} CPUs")
    print()
    print(f"codec: RoomMessage (room + ChatMessage: id, sender, text, timestamp), {CODEC_ITERATIONS:,} calls over {VARIANTS} messages, best of {ROUNDS} rounds")
    print(f"{'operation':<42}{'msgs/s':>12}{'MB/s':>10}{'bytes/msg':>11}")
    for r in codec_rows():
        print(f"{r.name:<42}{r.per_second:>12,.0f}{r.per_second * r.bytes_per_message / 1e6:>10.1f}{r.bytes_per_message:>11.1f}")
    print()
    print(
        f"TCP loopback: SendMessage ({request_bytes} B frame) -> MessageAccepted ({response_bytes} B frame), {TCP_REQUESTS:,} requests per round,"
        f" best of {ROUNDS} rounds; one request outstanding per client; server in its own process; rate limit off"
    )
    print(f"{'server':<32}{'clients':>8}{'requests':>10}{'seconds':>9}{'round trips/s':>15}{'slowest round':>15}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for row in asyncio.run(tcp_rows()):
        print(
            f"{row.server:<32}{row.clients:>8}{row.requests:>10,}{row.seconds:>9.2f}{row.rate:>15,.0f}{row.slowest_rate:>15,.0f}"
            f"{row.percentile(0.50) * 1000:>9.3f}{row.percentile(0.99) * 1000:>9.3f}{row.other_answers:>8}"
        )


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "serve-generated":
        asyncio.run(serve_generated())
    elif len(sys.argv) >= 3 and sys.argv[1] == "serve-raw":
        asyncio.run(serve_raw(int(sys.argv[2])))
    else:
        main()
