// The SSE writer and reader of the HTTP transport: what sse_format writes,
// sse_parser reads back (whole, and split into lines however they end), and
// the reader's rules for comments, multi-line data, CRLF, unknown fields and
// blank lines without data. Model: the Java runtime's Sse.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "PROTOFORGE_NS/sse.hpp"

namespace PROTOFORGE_NS {
namespace {

std::vector<sse_event> read_all(const std::string& stream) {
  sse_parser parser;
  std::vector<sse_event> events;
  std::size_t start = 0;
  while (start < stream.size()) {
    std::size_t end = stream.find('\n', start);
    if (end == std::string::npos) end = stream.size() - 1;
    if (auto ev = parser.line(std::string_view(stream).substr(start, end - start + 1))) events.push_back(*ev);
    start = end + 1;
  }
  return events;
}

TEST(HttpSse, FormatIsTheWireText) {
  EXPECT_EQ(sse_format("Said", 7, R"({"type":"Said"})"), "event: Said\nid: 7\ndata: {\"type\":\"Said\"}\n\n");
  EXPECT_EQ(sse_keepalive, ":\n\n");
}

TEST(HttpSse, FormattedEventsReadBackInOrder) {
  std::string stream;
  stream += sse_format("Joined", 1, R"({"room":"a"})");
  stream += sse_keepalive;
  stream += sse_format("Said", 2, R"({"text":"a: b"})");
  const auto events = read_all(stream);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0], (sse_event{"Joined", "1", R"({"room":"a"})"}));
  EXPECT_EQ(events[1], (sse_event{"Said", "2", R"({"text":"a: b"})"}));
}

TEST(HttpSse, ParserRules) {
  const auto events = read_all(
      ": comment\r\n"
      "data: one\r\n"
      "data:two\r\n"
      "retry: 10\r\n"
      "\r\n"
      "event: Ignored\n"
      "\n"
      "data\n"
      "\n");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0], (sse_event{"message", std::nullopt, "one\ntwo"}));
  // A blank line without data resets the name; a field without a colon has an empty value.
  EXPECT_EQ(events[1], (sse_event{"message", std::nullopt, ""}));
}

TEST(HttpSse, IdPersistsAcrossEventsAsInJava) {
  sse_parser parser;
  EXPECT_FALSE(parser.line("id: 4\n"));
  EXPECT_FALSE(parser.line("data: x\n"));
  EXPECT_EQ(parser.line("\n"), (sse_event{"message", "4", "x"}));
  EXPECT_FALSE(parser.line("data: y"));
  EXPECT_EQ(parser.line(""), (sse_event{"message", "4", "y"}));
}

TEST(HttpSse, ReaderJoinsLinesCutBetweenPieces) {
  const std::string stream = std::string(sse_format("Joined", 1, "{\"a\":1}")) + std::string(sse_keepalive) + sse_format("Left", 2, "{}");
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    sse_reader reader(1024);
    std::vector<sse_event> got;
    auto keep = [&got](sse_event e) { got.push_back(std::move(e)); };
    ASSERT_TRUE(reader.feed(std::string_view(stream).substr(0, cut), keep));
    ASSERT_TRUE(reader.feed(std::string_view(stream).substr(cut), keep));
    ASSERT_EQ(got.size(), 2u) << "cut at " << cut;
    EXPECT_EQ(got[0], (sse_event{"Joined", "1", "{\"a\":1}"}));
    EXPECT_EQ(got[1], (sse_event{"Left", "2", "{}"}));
  }
}

TEST(HttpSse, ReaderRefusesALineOverItsLimit) {
  sse_reader reader(8);
  auto ignore = [](sse_event) {};
  EXPECT_TRUE(reader.feed("data: 12", ignore));
  EXPECT_FALSE(reader.feed("3", ignore));
  sse_reader whole(8);
  EXPECT_FALSE(whole.feed("data: 123456\n", ignore));
}

}  // namespace
}  // namespace PROTOFORGE_NS
