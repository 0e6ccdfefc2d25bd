// The C++ transport core's stand-alone pieces: the token bucket (driven by a
// hand clock), the trace line text, and the io pool (a strand runs its
// handlers one at a time, stop() joins). In this file too, so asio and the
// client are compiled once (about 10 s less under ASan than a file of its own):
//
// ClosePing: a PING and the client's close (chat's TcpClient against a raw peer on
// 127.0.0.1, the peer's steps in order, no sleeps): a PING that comes while a
// request waits is answered before the FIN; one read together with the last
// answer is answered too, though close() follows the answer at once; one that
// comes after the client's FIN cannot be: the peer reads the end of stream
// and nothing else, and the client, which only half-closed, reads and drops
// it (no reset) and completes its close when the peer closes too. The
// conformance case client/keepalive/ping sends its PING before the answer for
// that reason (docs/conformance.md).
#include <PROTOFORGE_NS/codec.hpp>
#include <PROTOFORGE_NS/io_pool.hpp>
#include <PROTOFORGE_NS/options.hpp>
#include <PROTOFORGE_NS/rate_limit.hpp>
#include <PROTOFORGE_NS/tcp_client.hpp>
#include <PROTOFORGE_NS/trace.hpp>

#include <asio.hpp>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

using namespace PROTOFORGE_NS;

TEST(TokenBucket, StartsFullSpendsAndRefills) {
  std::int64_t now = 0;
  TokenBucket bucket(RateLimit(2.0, 3), [&] { return now; });
  EXPECT_EQ(bucket.retry_after_ms(), 1);  // a token is there: never 0, as Java
  EXPECT_TRUE(bucket.take());
  EXPECT_TRUE(bucket.take());
  EXPECT_TRUE(bucket.take());
  EXPECT_FALSE(bucket.take());
  EXPECT_EQ(bucket.retry_after_ms(), 500);
  now += 250'000'000;  // a quarter second: half a token
  EXPECT_FALSE(bucket.take());
  EXPECT_EQ(bucket.retry_after_ms(), 250);
  now += 250'000'000;
  EXPECT_TRUE(bucket.take());
  now += 10'000'000'000;  // never more than the burst
  EXPECT_TRUE(bucket.take());
  EXPECT_TRUE(bucket.take());
  EXPECT_TRUE(bucket.take());
  EXPECT_FALSE(bucket.take());
}

TEST(TokenBucket, RefusesANonsenseLimit) {
  EXPECT_THROW(RateLimit(0.0, 1), std::invalid_argument);
  EXPECT_THROW(RateLimit(1.0, 0), std::invalid_argument);
}

TEST(Trace, LinesHaveTheSharedText) {
  EXPECT_EQ(trace_line(7, "127.0.0.1:5000", "<-", "Ping{}"), "[7 127.0.0.1:5000] <- Ping{}");
  EXPECT_EQ(trace_line("->", "Ping{}"), "-> Ping{}");
}

TEST(IoPool, AStrandRunsItsHandlersOneAtATime) {
  IoPool pool(2);
  auto strand = pool.make_strand();
  std::atomic<int> inside{0};
  std::atomic<int> overlaps{0};
  int count = 0;
  std::promise<void> done;
  constexpr int kPosts = 2000;
  for (int i = 0; i < kPosts; ++i) {
    asio::post(strand, [&] {
      if (inside.fetch_add(1) != 0) overlaps.fetch_add(1);
      if (++count == kPosts) done.set_value();
      inside.fetch_sub(1);
    });
  }
  done.get_future().wait();
  EXPECT_EQ(count, kPosts);
  EXPECT_EQ(overlaps.load(), 0);
  pool.stop();
  pool.stop();
  EXPECT_EQ(pool.threads(), 2u);
}

// A session that records what it transmits (chat's namespace: the test is built against chat).
#include <PROTOFORGE_NS/hub.hpp>

#include <memory>
#include <vector>

namespace {

class RecordingSession : public ServerSession {
 public:
  RecordingSession(Hub& hub, bool auth_required)
      : ServerSession(hub, hub.next_id(), "127.0.0.1:" + std::to_string(40000 + hub.sessions().size()), auth_required, std::nullopt, Trace{}) {}
  std::vector<Message> sent;

 protected:
  void transmit(const Message& message) override { sent.push_back(message); }
};

}  // namespace

TEST(Hub, IdsGroupsAndMembersInJoinOrder) {
  Hub hub;
  auto a = std::make_shared<RecordingSession>(hub, true);
  auto b = std::make_shared<RecordingSession>(hub, true);
  auto c = std::make_shared<RecordingSession>(hub, true);
  EXPECT_EQ(a->id(), 1u);
  EXPECT_EQ(b->id(), 2u);
  EXPECT_EQ(c->id(), 3u);
  for (const auto& s : {a, b, c}) hub.add(s);
  hub.join("room", c);
  hub.join("room", a);
  hub.join("room", c);  // a second join keeps its place
  auto members = hub.members("room");
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0], c);
  EXPECT_EQ(members[1], a);
  EXPECT_EQ(a->groups(), std::set<std::string>{"room"});
  hub.leave("room", *c);
  EXPECT_EQ(hub.members("room").size(), 1u);
  EXPECT_TRUE(c->groups().empty());
  hub.remove(a);
  EXPECT_TRUE(hub.members("room").empty());
  EXPECT_EQ(hub.sessions().size(), 2u);
  c->close("bye");
  hub.join("other", c);  // a closed session joins nothing
  EXPECT_TRUE(hub.members("other").empty());
}

TEST(Hub, BroadcastSkipsSessionsThatMayNotReceive) {
  Hub hub;
  auto a = std::make_shared<RecordingSession>(hub, true);  // not authenticated: nothing may be pushed
  hub.add(a);
  const Message any = Message{};
  EXPECT_FALSE(a->can_push(any));
  EXPECT_EQ(hub.broadcast(any), 0u);
  EXPECT_TRUE(a->sent.empty());
  EXPECT_FALSE(a->push(any));
}

TEST(Options, JavasDefaultsForWhatTheSpecDoesNotSet) {
  const ServerOptions server;
  EXPECT_EQ(server.queue_size, 64u);
  EXPECT_EQ(server.max_sessions, 10000u);
  EXPECT_EQ(server.shutdown_timeout.count(), 5000);
  EXPECT_FALSE(server.rate_limit.has_value());
  const ClientOptions client;
  EXPECT_FALSE(client.auto_reconnect);
  EXPECT_EQ(client.event_queue_size, 1024u);
  EXPECT_FALSE(static_cast<bool>(client.trace));
}

using namespace std::chrono_literals;

namespace {

constexpr auto kWait = 5000ms;

Login login() {
  Login l;
  l.username = "alice";
  l.password = "correct horse";
  return l;
}

Bytes login_ok(std::uint32_t seq) {
  LoginOk ok;
  ok.session_token = Bytes(32, 7);
  ok.resume_window_ms = 60000;
  return encode_frame(ok, seq);
}

/** What the peer read: the frames in order, and how the stream ended. */
struct Seen {
  std::vector<std::string> frames;
  bool end_of_stream = false;
};

std::string shown(const Frame& f) {
  if (f.control == ControlKind::kPing) return "PING #" + std::to_string(f.seq);
  if (f.control == ControlKind::kPong) return "PONG #" + std::to_string(f.seq);
  if (f.message) return std::string(message_name(*f.message)) + " #" + std::to_string(f.seq);
  return "control #" + std::to_string(f.seq);
}

/** One accepted connection on 127.0.0.1, driven step by step from its own thread; every read is bounded by kWait. */
class Peer {
 public:
  Peer() : acceptor_(io_, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)), socket_(io_) {}

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  void accept() { acceptor_.accept(socket_); }

  /** Writes `data` in one call; false when that failed. */
  bool write(const Bytes& data) {
    asio::error_code ec;
    asio::write(socket_, asio::buffer(data), ec);
    return !ec;
  }

  /** FIN: this side sends nothing more. */
  void shutdown_send() {
    asio::error_code ignored;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  }

  /** The socket's pending error (SO_ERROR): EPIPE or ECONNRESET once the other side reset the connection, else 0. */
  int pending_error() {
    int error = 0;
    socklen_t size = sizeof error;
    ::getsockopt(socket_.native_handle(), SOL_SOCKET, SO_ERROR, &error, &size);
    return error;
  }

  /** Reads the next frame; std::nullopt at the end of the stream (or after kWait). */
  std::optional<Frame> frame(Seen& seen) {
    while (ready_.empty()) {
      std::array<std::uint8_t, 4096> buffer{};
      asio::error_code ec;
      const std::size_t n = read_for(buffer, ec);
      if (ec) {
        seen.end_of_stream = ec == asio::error::eof;
        return std::nullopt;
      }
      for (auto& raw : deframer_.push(std::span<const std::uint8_t>(buffer.data(), n))) ready_.push_back(std::move(raw));
    }
    Frame f = decode_frame(ready_.front());
    ready_.erase(ready_.begin());
    seen.frames.push_back(shown(f));
    return f;
  }

  /** Reads frames until the stream ends. */
  void drain(Seen& seen) {
    while (frame(seen)) {
    }
  }

  void close() {
    asio::error_code ignored;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

 private:
  /** Waits (poll, at most kWait) until the socket is readable, then reads once. */
  std::size_t read_for(std::array<std::uint8_t, 4096>& buffer, asio::error_code& ec) {
    pollfd ready{socket_.native_handle(), POLLIN, 0};
    if (::poll(&ready, 1, static_cast<int>(kWait.count())) <= 0) {
      ec = asio::error::timed_out;
      return 0;
    }
    return socket_.read_some(asio::buffer(buffer), ec);
  }

  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  asio::ip::tcp::socket socket_;
  Deframer deframer_ = new_deframer();
  std::vector<Bytes> ready_;
};

/**
 * Runs `script` as the peer while the client logs in once and closes at once on the answer; returns what the peer
 * read after the Login. `closed` is ready once the client's close() has returned.
 */
Seen session(const std::function<void(Peer&, Seen&, std::shared_future<void> closed)>& script) {
  Peer peer;
  Seen seen;
  std::promise<void> closing;
  std::shared_future<void> closed = closing.get_future().share();
  std::thread side([&] {
    peer.accept();
    Seen first;
    const auto request = peer.frame(first);
    if (!request || !request->message || !std::holds_alternative<Login>(*request->message) || request->seq != 1) {
      seen.frames.push_back("not Login #1 first");
      peer.close();
      return;
    }
    script(peer, seen, closed);
    peer.close();
  });
  {
    TcpClient client("127.0.0.1", peer.port());
    client.connect();
    const Message answer = client.request(login());
    EXPECT_TRUE(std::holds_alternative<LoginOk>(answer)) << describe(answer);
    client.close();  // at once on the last answer, as the demo client
    EXPECT_FALSE(client.connected());
    closing.set_value();
  }
  side.join();
  return seen;
}

}  // namespace

TEST(ClosePing, APingWhileTheRequestWaitsIsAnsweredBeforeTheFin) {
  const Seen seen = session([](Peer& peer, Seen& s, const std::shared_future<void>&) {
    peer.write(encode_control(ControlKind::kPing, 1));
    peer.write(login_ok(1));
    peer.drain(s);
  });
  EXPECT_EQ(seen.frames, std::vector<std::string>{"PONG #1"});
  EXPECT_TRUE(seen.end_of_stream);
}

TEST(ClosePing, APingReadTogetherWithTheLastAnswerIsAnsweredThoughCloseFollowsAtOnce) {
  const Seen seen = session([](Peer& peer, Seen& s, const std::shared_future<void>&) {
    Bytes both = login_ok(1);
    const Bytes ping = encode_control(ControlKind::kPing, 1);
    both.insert(both.end(), ping.begin(), ping.end());
    peer.write(both);  // one write: one read on the client's side
    peer.drain(s);
  });
  EXPECT_EQ(seen.frames, std::vector<std::string>{"PONG #1"});
  EXPECT_TRUE(seen.end_of_stream);
}

TEST(ClosePing, APingAfterTheClientsFinIsReadAndDroppedAndTheCloseCompletesWhenThePeerCloses) {
  bool ping_written = false;
  int error_after_close = -1;
  const Seen seen = session([&](Peer& peer, Seen& s, const std::shared_future<void>& closed) {
    peer.write(login_ok(1));
    peer.drain(s);  // up to the client's FIN: it closed on its answer
    ping_written = peer.write(encode_control(ControlKind::kPing, 1));
    peer.shutdown_send();  // the client reads the PING, then this FIN, and only then lets its close() return
    if (closed.wait_for(kWait) == std::future_status::ready) error_after_close = peer.pending_error();
  });
  EXPECT_EQ(seen.frames, std::vector<std::string>{});  // no PONG: nothing can follow a FIN
  EXPECT_TRUE(seen.end_of_stream);
  EXPECT_TRUE(ping_written);
  EXPECT_EQ(error_after_close, 0);  // a client that closed its socket outright would have reset the connection on the PING (EPIPE here)
}
