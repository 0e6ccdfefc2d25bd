// The HTTP server's error bodies and Retry-After, byte for byte as the Java
// runtime's HttpServer.Reply writes them.
#include <gtest/gtest.h>

#include <string>

#include "PROTOFORGE_NS/http_error.hpp"

namespace PROTOFORGE_NS {
namespace {

TEST(HttpError, Bodies) {
  EXPECT_EQ(http_error_body("not_found", "no such resource: /x"), R"({"error":"not_found","message":"no such resource: /x"})");
  EXPECT_EQ(http_error_body("rate_limited", "slow down", {{"retry_after_ms", 250}}),
            R"({"error":"rate_limited","message":"slow down","retry_after_ms":250})");
}

TEST(HttpError, Escapes) {
  EXPECT_EQ(json_quote("a\"b\\c/d"), R"("a\"b\\c/d")");
  EXPECT_EQ(json_quote("\n\r\t\b\f"), R"("\n\r\t\b\f")");
  EXPECT_EQ(json_quote(std::string("\x01\x1f", 2)), R"("\u0001\u001F")");
  EXPECT_EQ(json_quote("h\xC3\xA9"), "\"h\xC3\xA9\"");
}

TEST(HttpError, RetryAfter) {
  EXPECT_EQ(retry_after_seconds(-5), 1);
  EXPECT_EQ(retry_after_seconds(0), 1);
  EXPECT_EQ(retry_after_seconds(1), 1);
  EXPECT_EQ(retry_after_seconds(1000), 1);
  EXPECT_EQ(retry_after_seconds(1001), 2);
}

}  // namespace
}  // namespace PROTOFORGE_NS
