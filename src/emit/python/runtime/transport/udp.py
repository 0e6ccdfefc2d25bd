"""UDP: one frame per datagram, with acknowledgements (wire format section 10.2).

A message the spec marks reliable is sent with the RELIABLE flag and resent
with exponential backoff (RETRY_*) until an ACK arrives; after the last
attempt the sender is told (DeliveryFailed). The receiver ACKs every RELIABLE
datagram whose header is sound, even a duplicate or one whose payload turns
out invalid, delivers each (peer, RESPONSE bit, sequence) only once, and
answers a duplicate of a request it already answered with the same answer
(datagram.py). Invalid datagrams are dropped and never ACKed. The server
keeps one session per client address, forgotten after the idle timeout or
when its role machine ends; a PING is answered with a PONG whether or not the
address has a session (it opens none).

What a UDP server must not take (wire format 10.4, UDP) is dropped and the
session goes on: UDP has no connection to close, so ending the session would
only leave the client talking to a fresh one. A frame of a message only the
server sends is dropped, and a refused message that has no error answer (a
oneway in the wrong state, over the rate limit) never ends the session.

`drop_outgoing` on servers and clients lets tests simulate loss.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Optional, TypeVar

from .client_base import ClientDispatch
from .datagram import Address, DatagramInbox, DatagramLink, DropFilter
from .framed_client import FramedClient
from ..codec import FLAG_PING, encode_control
from ..messages import Message
from .framed_server import FramedServerSession
from .headers import read_header
from .options import ClientOptions, ServerOptions
from .session import Hub, ServerDispatch, Verdict

log = logging.getLogger(__name__)

S = TypeVar("S", bound="UdpServer")


class _DatagramSession(FramedServerSession):
    """A UDP peer's session: refusals drop the message instead of ending the session (10.4, UDP)."""

    async def _arrived(self, message: Message, seq: int) -> None:
        if message.SENDER != "initiator":
            self.trace("<-", message)
            log.info("%r: dropped %s, which only the server sends", self, message.NAME)
            return
        await super()._arrived(message, seq)

    async def _apply(self, verdict: Verdict, seq: int) -> None:
        if verdict.refused and verdict.close and not self.machine.terminal:
            log.info("%r: dropped a refused message: %s", self, verdict.reason)
            verdict.close = False
        await super()._apply(verdict, seq)


class _Peer:
    """A UDP server's state for one client address."""

    def __init__(self, server: "UdpServer", address: Address, transport: asyncio.DatagramTransport) -> None:
        self.address = address
        self.server = server
        self.link = DatagramLink(transport, address, server.options.retry, drop=server.drop_outgoing, on_close=self._forget)
        self.inbox = DatagramInbox(self.link, server.options.max_frame_bytes)
        self.session = _DatagramSession(
            server.hub, f"{address[0]}:{address[1]}", self.link, dispatch=server.dispatch, options=server.options, on_close=lambda s: self._forget()
        )
        self.reader = asyncio.create_task(self._read(), name=f"udp peer {address}")

    async def _read(self) -> None:
        while not self.session.closed:
            data = await self.inbox.queue.get()
            try:
                await self.session.channel.receive(data)
            except Exception:  # never let one peer stop the server
                log.exception("%r: failed on a datagram", self.session)

    def _forget(self) -> None:
        self.server._forget(self)
        if self.reader is not asyncio.current_task():
            self.reader.cancel()


class _ServerProtocol(asyncio.DatagramProtocol):
    def __init__(self, server: "UdpServer") -> None:
        self.server = server

    def datagram_received(self, data: bytes, addr: Address) -> None:
        self.server._datagram(data, addr)

    def error_received(self, exc: Exception) -> None:
        log.debug("udp server: %s", exc)


class UdpServer:
    """Serves the protocol over UDP; each client address is one session."""

    transport_name = "udp"

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0, dispatch: ServerDispatch, options: Optional[ServerOptions] = None) -> None:
        self.host = host
        self.port = port
        self.options = options if options is not None else ServerOptions()
        self.hub = Hub()
        self.dispatch = dispatch
        self.drop_outgoing: Optional[DropFilter] = None
        """Loss simulation for tests: return True to lose an outgoing datagram."""
        self._transport: Optional[asyncio.DatagramTransport] = None
        self._peers: dict[Address, _Peer] = {}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.host}:{self.port}>"

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        transport, _ = await loop.create_datagram_endpoint(lambda: _ServerProtocol(self), local_addr=(self.host, self.port))
        self._transport = transport
        sockname = transport.get_extra_info("sockname")
        if isinstance(sockname, tuple):
            self.port = int(sockname[1])
        log.info("%r: listening", self)

    async def __aenter__(self: S) -> S:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def serve_forever(self) -> None:
        if self._transport is None:
            await self.start()
        await asyncio.Event().wait()

    @property
    def sessions(self) -> list[FramedServerSession]:
        return [peer.session for peer in self._peers.values()]

    def _datagram(self, data: bytes, address: Address) -> None:
        peer = self._peers.get(address)
        if peer is None:
            header = read_header(data, self.options.max_frame_bytes)
            if header is None or self._transport is None:
                return  # never open a session for garbage
            if header.control:
                if header.flags == FLAG_PING and header.message_id == 0 and header.payload_length == 0:
                    self._transport.sendto(encode_control("pong", header.seq), address)
                return  # nor for a control frame: a PING is answered all the same
            if len(self._peers) >= self.options.max_sessions:
                log.warning("%r: ignoring %s, %d sessions already", self, address, len(self._peers))
                return
            peer = _Peer(self, address, self._transport)
            self._peers[address] = peer
        peer.inbox.accept(data)

    def _forget(self, peer: _Peer) -> None:
        if self._peers.get(peer.address) is peer:
            del self._peers[peer.address]
        peer.link.close()
        peer.session.close("forgotten")

    async def close(self) -> None:
        """Closes every session and the socket."""
        peers = list(self._peers.values())
        for peer in peers:
            peer.session.close("server shutting down")
        for peer in peers:
            await peer.session.wait_closed()
            peer.reader.cancel()
        if peers:
            await asyncio.wait([peer.reader for peer in peers], timeout=1.0)
        if self._transport is not None:
            self._transport.close()
            self._transport = None


class _ClientProtocol(asyncio.DatagramProtocol):
    def __init__(self, client: "UdpClient") -> None:
        self.client = client

    def datagram_received(self, data: bytes, addr: Address) -> None:
        inbox = self.client._inbox_of_link
        if inbox is not None:
            inbox.accept(data)

    def error_received(self, exc: Exception) -> None:
        log.debug("udp client: %s", exc)

    def connection_lost(self, exc: Optional[Exception]) -> None:
        self.client._lost("socket closed")


class UdpClient(FramedClient):
    """A client over UDP: "connecting" opens a socket bound to the server's address."""

    transport_name = "udp"

    def __init__(self, host: str, port: int, *, dispatch: Optional[ClientDispatch] = None, options: Optional[ClientOptions] = None) -> None:
        super().__init__(host, port, dispatch=dispatch, options=options)
        self.drop_outgoing: Optional[DropFilter] = None
        """Loss simulation for tests: return True to lose an outgoing datagram."""
        self._transport: Optional[asyncio.DatagramTransport] = None
        self._inbox_of_link: Optional[DatagramInbox] = None
        self._reading: Optional[asyncio.Task[None]] = None

    async def _open(self) -> DatagramLink:
        loop = asyncio.get_running_loop()
        transport, _ = await loop.create_datagram_endpoint(lambda: _ClientProtocol(self), remote_addr=(self.host, self.port))
        self._transport = transport
        link = DatagramLink(transport, None, self.options.retry, drop=self._drop, on_close=lambda: self._lost("the server went silent"))
        self._inbox_of_link = DatagramInbox(link, self.options.max_frame_bytes)
        return link

    def _drop(self, data: bytes) -> bool:
        return self.drop_outgoing is not None and self.drop_outgoing(data)

    def _start_reading(self) -> None:
        self._reading = asyncio.create_task(self._read(), name="udp client reader")

    async def _read(self) -> None:
        inbox = self._inbox_of_link
        if inbox is None:
            return
        try:
            while True:
                data = await inbox.queue.get()
                await self._feed(data)
        except asyncio.CancelledError:
            return

    def _shutdown(self, reason: str) -> None:
        super()._shutdown(reason)
        if self._transport is not None:
            self._transport.close()

    async def _closed(self) -> None:
        if self._reading is not None and self._reading is not asyncio.current_task():
            self._reading.cancel()
