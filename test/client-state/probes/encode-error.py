# Drives a generated chat client (Python) through a SendMessage that fails to
# encode locally (text over its 1000-byte limit), then a valid one; prints the
# error, the role state before and after, and the next answer, as JSON.
import asyncio, json, sys
from chat.errors import ProtocolError
from chat.messages import JoinRoom, Login, MessageAccepted, SendMessage, UserStatus
from chat.transport.client import ChatClient
from chat.transport.server import ChatServer
from chat.transport.options import ServerOptions

async def main() -> None:
    async with ChatServer(host="127.0.0.1", port=0, options=ServerOptions()) as server:
        async with ChatClient("127.0.0.1", server.port) as client:
            await client.request(Login(username="encoder", password="correct horse battery staple", status=UserStatus.ONLINE))
            await client.request(JoinRoom(room="general"))
            before = client.machine.state
            error = None
            try:
                await client.request(SendMessage(room="general", client_msg_id=1, text="x" * 1001))
            except ProtocolError as e:
                error = type(e).__name__
            after = client.machine.state
            answer = await client.request(SendMessage(room="general", client_msg_id=2, text="fits"))
            print(json.dumps({"error": error, "before": before, "after": after, "next": answer.NAME}))

asyncio.run(main())
