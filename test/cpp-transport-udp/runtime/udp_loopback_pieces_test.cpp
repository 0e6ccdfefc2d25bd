// The UDP pieces over real datagrams on 127.0.0.1 (one asio::io_context, one
// thread): a RELIABLE frame whose first send is lost (loss simulation) is
// retransmitted, the receiving inbox ACKs it and delivers it once, and the
// ACK settles the sender's retransmission. Only counts and outcomes are
// checked; the waits are long enough for a loaded machine.
#include <gtest/gtest.h>

#include <array>
#include <asio/io_context.hpp>
#include <asio/ip/udp.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "PROTOFORGE_NS/datagram_inbox.hpp"
#include "PROTOFORGE_NS/retransmit_timer.hpp"

namespace PROTOFORGE_NS {
namespace {

using Bytes = std::vector<std::uint8_t>;
using asio::ip::udp;

struct Endpoint {
  udp::socket socket;
  udp::endpoint peer;
  std::array<std::uint8_t, 2048> buffer{};
  std::function<void(const Bytes&)> on_datagram;

  explicit Endpoint(asio::io_context& io) : socket(io, udp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {}

  void send(const Bytes& data) { socket.send_to(asio::buffer(data), peer); }

  void receive() {
    socket.async_receive_from(asio::buffer(buffer), sender_, [this](const asio::error_code& error, std::size_t n) {
      if (error) return;
      on_datagram(Bytes(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(n)));
      receive();
    });
  }

 private:
  udp::endpoint sender_;
};

TEST(UdpLoopbackPieces, ALostReliableFrameIsRetransmittedAckedAndDeliveredOnce) {
  asio::io_context io;
  Endpoint client(io);
  Endpoint server(io);
  client.peer = server.socket.local_endpoint();
  server.peer = client.socket.local_endpoint();

  DuplicateWindow server_window(1024, 3150, [] { return std::int64_t{0}; });
  std::vector<Bytes> delivered;
  DatagramInbox server_inbox(DatagramInbox::Link{[&](const Bytes& b) { server.send(b); }, [](std::uint64_t) {}, &server_window}, 1, 2048,
                             [&](const Bytes& b) { delivered.push_back(b); }, [] { return false; });
  server.on_datagram = [&](const Bytes& b) { server_inbox.accept(b); };

  int attempts = 0;
  Retransmitter retransmitter(
      [&](const Bytes& b) {
        if (++attempts > 1) client.send(b);  // the first attempt is lost
      },
      retransmit_timer(io.get_executor()), {50, 100, 200, 400, 800, 1600});
  DuplicateWindow client_window(1024, 3150, [] { return std::int64_t{0}; });
  DatagramInbox client_inbox(DatagramInbox::Link{[&](const Bytes& b) { client.send(b); }, [&](std::uint64_t k) { retransmitter.settle(k); }, &client_window},
                             1, 2048, [](const Bytes&) {}, [] { return false; });
  client.on_datagram = [&](const Bytes& b) { client_inbox.accept(b); };

  const Bytes request{0x50, 0x46, 1, 0x01, 0x00, 0x03, 0, 0, 0, 42, 0, 0, 0, 2, 7, 8};
  DeliveryOutcome outcome = DeliveryOutcome::kClosed;
  int outcomes = 0;
  server.receive();
  client.receive();
  retransmitter.send(request, DatagramHeader::identity_of(false, 42), [&](DeliveryOutcome o, const std::string&) {
    ++outcomes;
    outcome = o;
    client.socket.close();
    server.socket.close();
  });
  io.run();
  EXPECT_EQ(outcomes, 1);
  EXPECT_EQ(outcome, DeliveryOutcome::kAcknowledged);
  EXPECT_GE(attempts, 2);
  EXPECT_EQ(delivered, (std::vector<Bytes>{request}));
  EXPECT_EQ(retransmitter.pending(), 0U);
}

}  // namespace
}  // namespace PROTOFORGE_NS
