// The application's side of a server and of a client, as Java's
// ServerDispatch and ClientDispatch: the generated facade implements them by
// calling the user's handlers. A transport calls dispatch() for every message
// that passed the protocol's checks; one session's calls never overlap.
#pragma once

#include <PROTOFORGE_NS/messages.hpp>

#include <optional>

namespace PROTOFORGE_NS {

class ServerSession;

/** Runs the handler of a message from a client: its answer to a request, std::nullopt otherwise. May throw. */
class ServerDispatch {
 public:
  virtual ~ServerDispatch() = default;
  virtual std::optional<Message> dispatch(ServerSession& session, const Message& message) = 0;
};

/** Runs the handler of a message the server sent on its own: the answer to a server's request, else std::nullopt. May throw. */
class ClientDispatch {
 public:
  virtual ~ClientDispatch() = default;
  virtual std::optional<Message> dispatch(const Message& message) = 0;
};

}  // namespace PROTOFORGE_NS
