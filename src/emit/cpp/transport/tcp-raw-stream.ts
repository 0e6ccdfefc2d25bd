// RawStream in test/tcp_test_support.hpp: a TCP peer that misbehaves on
// purpose for the robustness tests (Java's RawStream): raw bytes out, frames
// in through the layer's Deframer, every read bounded by kTimeout (an async
// read run for at most that long), and whether the server closed the stream.
import type { FileBuilder } from "../../index.js";

export function printRawStream(f: FileBuilder): void {
  const lines = `
/// A TCP peer sending raw bytes (the robustness tests' misbehaving client).
class RawStream {
 public:
  explicit RawStream(std::uint16_t port) : socket_(io_) {
    socket_.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }

  /// A frame header: magic, wire version, \`flags\`, \`message_id\`, \`seq\`, payload \`length\`.
  static Bytes header(std::uint8_t flags, std::uint16_t message_id, std::uint32_t seq, std::uint32_t length) {
    Bytes out(kHeaderBytes);
    detail::write_header(out.data(), kWireVersion, flags, message_id, seq, length);
    return out;
  }

  /// \`frame\` with one byte more in its payload (and its length): trailing_bytes.
  static Bytes with_trailing_byte(Bytes frame) {
    frame.push_back(0);
    const std::uint32_t length = static_cast<std::uint32_t>(frame.size() - kHeaderBytes);
    for (int i = 0; i < 4; ++i) frame[10 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(length >> (24 - 8 * i));
    return frame;
  }

  /// Writes \`data\`; false when the server has closed the stream.
  bool send(const Bytes& data) {
    asio::error_code ec;
    asio::write(socket_, asio::buffer(data), ec);
    return !ec;
  }

  /// The next frame, or std::nullopt when the stream ended or none came within kTimeout.
  std::optional<Frame> frame() {
    const auto deadline = std::chrono::steady_clock::now() + kTimeout;
    while (ready_.empty()) {
      std::array<std::uint8_t, 4096> buffer{};
      asio::error_code ec;
      const std::size_t n = read_for(buffer, deadline, ec);
      if (ec) return std::nullopt;
      for (auto& raw : deframer_.push(std::span<const std::uint8_t>(buffer.data(), n))) ready_.push_back(std::move(raw));
    }
    Bytes raw = std::move(ready_.front());
    ready_.erase(ready_.begin());
    return decode_frame(raw);
  }

  /// Whether the server ends the stream (end of stream or reset) within kTimeout; what it sends before is dropped.
  bool closed_by_server() {
    const auto deadline = std::chrono::steady_clock::now() + kTimeout;
    for (;;) {
      std::array<std::uint8_t, 4096> buffer{};
      asio::error_code ec;
      read_for(buffer, deadline, ec);
      if (ec == asio::error::timed_out) return false;
      if (ec) return true;
    }
  }

  /// Closes at once (RST when data is unread).
  void abort() {
    asio::error_code ignored;
    socket_.set_option(asio::socket_base::linger(true, 0), ignored);
    socket_.close(ignored);
  }

 private:
  std::size_t read_for(std::array<std::uint8_t, 4096>& buffer, std::chrono::steady_clock::time_point deadline, asio::error_code& ec) {
    std::size_t got = 0;
    bool done = false;
    socket_.async_read_some(asio::buffer(buffer), [&](const asio::error_code& e, std::size_t n) {
      ec = e;
      got = n;
      done = true;
    });
    io_.restart();
    io_.run_until(deadline);
    if (!done) {
      socket_.cancel();
      io_.restart();
      io_.run();
      if (ec == asio::error::operation_aborted) ec = asio::error::timed_out;
    }
    return got;
  }

  asio::io_context io_;
  asio::ip::tcp::socket socket_;
  Deframer deframer_{kWireVersion, kMaxFrameBytes};
  std::vector<Bytes> ready_;
};`;
  for (const line of lines.split("\n").slice(1)) f.print(line);
}
