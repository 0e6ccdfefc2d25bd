# A member of a room that never reads, and another who posts POSTS messages to
# it, against an in-process chat server (Python) with no rate limit whose write
# bound is MAX_BUFFERED bytes: prints how many posts were answered, the first
# failure, the sessions left and the server's trace lines about dropped peers.
import asyncio, json, socket, sys
from chat.codec import encode_frame
from chat.messages import JoinRoom, Login, SendMessage, UserStatus
from chat.transport.client import ChatClient
from chat.transport.server import ChatServer
from chat.transport.options import ClientOptions, ServerOptions

async def main(posts: int, max_buffered: int) -> None:
    dropped: list[str] = []
    options = ServerOptions(rate_limit=None, max_buffered_bytes=max_buffered, trace=lambda line: dropped.append(line) if "dropped" in line else None)
    async with ChatServer(host="127.0.0.1", port=0, options=options) as server:
        silent = socket.create_connection(("127.0.0.1", server.port))
        silent.sendall(encode_frame(Login(username="silent", password="correct horse battery staple", status=UserStatus.ONLINE), 1))
        silent.sendall(encode_frame(JoinRoom(room="general"), 2))
        await asyncio.sleep(0.2)
        async with ChatClient("127.0.0.1", server.port, options=ClientOptions(request_timeout_ms=3000)) as poster:
            await poster.request(Login(username="poster", password="correct horse battery staple", status=UserStatus.ONLINE))
            joined = await poster.request(JoinRoom(room="general"))
            members = sorted(m.username for m in joined.summary.members)
            answered, failure = 0, None
            for i in range(posts):
                try:
                    a = await poster.request(SendMessage(room="general", client_msg_id=i + 1, text="z" * 900))
                    answered += a.NAME == "MessageAccepted"
                except Exception as e:
                    failure = type(e).__name__
                    break
                while not poster.events.empty():
                    poster.events.get_nowait()
            await asyncio.sleep(0.2)
            print(json.dumps({"membersAtJoin": members, "answered": answered, "failure": failure, "sessions": len(server.sessions), "dropped": dropped}))
        silent.close()

asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))
