// DatagramSocket and DatagramLink over real datagrams on 127.0.0.1 (one
// io_context run by one thread): a reliable frame whose first attempt is lost
// is retransmitted, acknowledged by the server link's inbox and delivered
// once; a duplicate of an answered request gets the remembered answer; a frame
// nobody acknowledges fails after every attempt; closing settles what is open,
// runs on_close once and closes an owned socket only. Every wait is bounded;
// only counts and outcomes are checked.
#include <gtest/gtest.h>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "PROTOFORGE_NS/datagram_link.hpp"

namespace PROTOFORGE_NS {
namespace {

using Bytes = std::vector<std::uint8_t>;
using namespace std::chrono_literals;

constexpr std::uint8_t kVersion = 1;
constexpr std::size_t kMaxFrame = 2048;

Bytes frame(std::uint8_t flags, std::uint16_t id, std::uint32_t seq, Bytes payload) {
  Bytes out{0x50, 0x46, kVersion, flags, static_cast<std::uint8_t>(id >> 8), static_cast<std::uint8_t>(id), static_cast<std::uint8_t>(seq >> 24),
            static_cast<std::uint8_t>(seq >> 16), static_cast<std::uint8_t>(seq >> 8), static_cast<std::uint8_t>(seq), 0, 0, 0,
            static_cast<std::uint8_t>(payload.size())};
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

/** An io_context run by one thread until stop_loop (or the fixture's end). */
class Loop : public ::testing::Test {
 protected:
  void SetUp() override {
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override { stop_loop(); }
  /** Stops the loop before the test's objects go: nothing runs on them afterwards. */
  void stop_loop() {
    if (!thread_.joinable()) return;
    guard_.reset();
    io_.stop();
    thread_.join();
  }
  asio::any_io_executor executor() { return io_.get_executor(); }

  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> guard_ = asio::make_work_guard(io_);
  std::thread thread_;
};

/** Collects what arrives, thread-safe, and waits (bounded) for a count. */
struct Received {
  std::mutex mutex;
  std::vector<Bytes> items;
  void add(Bytes b) {
    std::lock_guard<std::mutex> lock(mutex);
    items.push_back(std::move(b));
  }
  std::size_t size() {
    std::lock_guard<std::mutex> lock(mutex);
    return items.size();
  }
  bool wait_for(std::size_t n) {
    for (int i = 0; i < 500 && size() < n; ++i) std::this_thread::sleep_for(10ms);
    return size() >= n;
  }
};

TEST_F(Loop, AReliableFrameLostOnceIsRetransmittedAckedAndDeliveredOnce) {
  auto server_socket = DatagramSocket::bind(executor(), "127.0.0.1", 0);
  auto client_socket = DatagramSocket::connect(executor(), "127.0.0.1", server_socket->local_endpoint().port());
  Received delivered;
  std::optional<DatagramLink> server_link;
  std::optional<DatagramInbox> server_inbox;
  server_socket->start(kMaxFrame, [&](Bytes data, const DatagramSocket::Endpoint& from) {
    if (!server_link) {
      server_link.emplace(server_socket, from, executor(), std::vector<std::int64_t>{50, 100, 200, 400, 800, 1600});
      server_inbox.emplace(server_link->inbox_link(), kVersion, kMaxFrame, [&](const Bytes& b) { delivered.add(b); }, [] { return false; });
    }
    server_inbox->accept(data);
  });

  int sent = 0;
  DatagramLink client(client_socket, std::nullopt, executor(), {50, 100, 200, 400, 800, 1600}, [&](const Bytes&) { return ++sent == 1; });
  DatagramInbox client_inbox(client.inbox_link(), kVersion, kMaxFrame, [](const Bytes&) {}, [] { return false; });
  client_socket->start(kMaxFrame, [&](Bytes data, const DatagramSocket::Endpoint&) { client_inbox.accept(data); });

  std::promise<DeliveryOutcome> outcome;
  const Bytes request = frame(0x01, 3, 42, {7, 8});
  client.write_reliable(request, DatagramHeader::identity_of(false, 42), [&](DeliveryOutcome o, const std::string&) { outcome.set_value(o); });
  auto future = outcome.get_future();
  ASSERT_EQ(future.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(future.get(), DeliveryOutcome::kAcknowledged);
  ASSERT_TRUE(delivered.wait_for(1));
  EXPECT_EQ(delivered.size(), 1u);
  EXPECT_EQ(delivered.items[0], request);
  EXPECT_GE(sent, 2);  // the lost first attempt and at least one retransmission
  EXPECT_EQ(client.pending(), 0u);
  EXPECT_TRUE(server_link->window().seen(DatagramHeader::identity_of(false, 42)));
  client.close();
  server_link->close();
  server_socket->close();
  EXPECT_TRUE(client_socket->closed());
  stop_loop();
}

TEST_F(Loop, ADuplicateOfAnAnsweredRequestGetsTheRememberedAnswerAndIsNotDeliveredAgain) {
  auto server_socket = DatagramSocket::bind(executor(), "127.0.0.1", 0);
  auto client_socket = DatagramSocket::connect(executor(), "127.0.0.1", server_socket->local_endpoint().port());
  Received delivered;
  std::optional<DatagramLink> server_link;
  std::optional<DatagramInbox> server_inbox;
  const Bytes answer = frame(0x04, 4, 9, {1});
  server_socket->start(kMaxFrame, [&](Bytes data, const DatagramSocket::Endpoint& from) {
    if (!server_link) {
      server_link.emplace(server_socket, from, executor(), std::vector<std::int64_t>{1000});
      server_inbox.emplace(server_link->inbox_link(), kVersion, kMaxFrame,
                           [&](const Bytes& b) {
                             delivered.add(b);
                             server_link->answered(9, answer);
                             server_link->write(answer);
                           },
                           [] { return false; });
    }
    server_inbox->accept(data);
  });
  Received at_client;
  client_socket->start(kMaxFrame, [&](Bytes data, const DatagramSocket::Endpoint&) { at_client.add(std::move(data)); });

  const Bytes request = frame(0x01, 3, 9, {5});
  ASSERT_TRUE(client_socket->send(request));
  ASSERT_TRUE(at_client.wait_for(2));  // the ACK and the answer
  ASSERT_TRUE(client_socket->send(request));
  ASSERT_TRUE(at_client.wait_for(4));  // the ACK again and the remembered answer
  EXPECT_EQ(delivered.size(), 1u);
  {
    std::lock_guard<std::mutex> lock(at_client.mutex);
    const Bytes ack = DatagramHeader::read(request, kVersion, kMaxFrame)->ack(kVersion);
    EXPECT_EQ(at_client.items[0], ack);
    EXPECT_EQ(at_client.items[1], answer);
    EXPECT_EQ(at_client.items[2], ack);
    EXPECT_EQ(at_client.items[3], answer);
  }
  client_socket->close();
  server_link->close();
  server_socket->close();
  stop_loop();
}

TEST_F(Loop, AFrameNobodyAcknowledgesFailsAfterEveryAttempt) {
  auto sink = DatagramSocket::bind(executor(), "127.0.0.1", 0);
  Received arrived;
  sink->start(kMaxFrame, [&](Bytes data, const DatagramSocket::Endpoint&) { arrived.add(std::move(data)); });
  auto socket = DatagramSocket::connect(executor(), "127.0.0.1", sink->local_endpoint().port());
  DatagramLink link(socket, std::nullopt, executor(), {5, 10, 20});
  std::promise<std::pair<DeliveryOutcome, std::string>> outcome;
  link.write_reliable(frame(0x01, 3, 7, {}), DatagramHeader::identity_of(false, 7),
                      [&](DeliveryOutcome o, const std::string& why) { outcome.set_value({o, why}); });
  auto future = outcome.get_future();
  ASSERT_EQ(future.wait_for(5s), std::future_status::ready);
  const auto [what, why] = future.get();
  EXPECT_EQ(what, DeliveryOutcome::kFailed);
  EXPECT_EQ(why, "frame 7 was not acknowledged after 3 attempts");
  ASSERT_TRUE(arrived.wait_for(3));
  EXPECT_EQ(arrived.size(), 3u);
  link.close();
  sink->close();
  stop_loop();
}

TEST_F(Loop, ClosingSettlesWhatIsOpenRunsOnCloseOnceAndClosesAnOwnedSocketOnly) {
  auto shared = DatagramSocket::bind(executor(), "127.0.0.1", 0);
  auto owned = DatagramSocket::connect(executor(), "127.0.0.1", shared->local_endpoint().port());
  int closes = 0;
  DatagramLink server_side(shared, owned->local_endpoint(), executor(), {60000}, {}, [&] { ++closes; });
  DatagramLink client_side(owned, std::nullopt, executor(), {60000});
  std::promise<DeliveryOutcome> outcome;
  server_side.write_reliable(frame(0x05, 4, 1, {}), DatagramHeader::identity_of(true, 1), [&](DeliveryOutcome o, const std::string&) { outcome.set_value(o); });
  EXPECT_EQ(server_side.pending(), 1u);
  server_side.close();
  server_side.close();
  EXPECT_EQ(closes, 1);
  auto future = outcome.get_future();
  ASSERT_EQ(future.wait_for(1s), std::future_status::ready);
  EXPECT_EQ(future.get(), DeliveryOutcome::kClosed);
  EXPECT_FALSE(shared->closed());
  EXPECT_FALSE(server_side.write(frame(0x00, 3, 2, {})));
  DeliveryOutcome late = DeliveryOutcome::kAcknowledged;
  server_side.write_reliable(frame(0x01, 3, 3, {}), 6, [&](DeliveryOutcome o, const std::string&) { late = o; });
  EXPECT_EQ(late, DeliveryOutcome::kClosed);
  client_side.close();
  EXPECT_TRUE(owned->closed());
  shared->close();
  stop_loop();
}

TEST_F(Loop, TheSocketReadsOneByteMoreThanTheLargestFrameAndStopsOnceOnClose) {
  auto socket = DatagramSocket::bind(executor(), "127.0.0.1", 0);
  Received arrived;
  std::promise<void> stopped;
  socket->start(32, [&](Bytes data, const DatagramSocket::Endpoint&) { arrived.add(std::move(data)); }, [&] { stopped.set_value(); });
  auto sender = DatagramSocket::connect(executor(), "127.0.0.1", socket->local_endpoint().port());
  ASSERT_TRUE(sender->send(Bytes(40, 0xAB)));
  ASSERT_TRUE(arrived.wait_for(1));
  EXPECT_EQ(arrived.items[0].size(), 33u);  // cut: the inbox sees a length mismatch, never a frame cut to fit
  socket->close();
  socket->close();
  ASSERT_EQ(stopped.get_future().wait_for(2s), std::future_status::ready);
  EXPECT_FALSE(socket->send(Bytes{1}, sender->local_endpoint()));
  sender->close();
  stop_loop();
}

}  // namespace
}  // namespace PROTOFORGE_NS
