// The HTTP server's checks before a session: the route of a path, the media
// type of Content-Type, the X-Protoforge-Seq header and the announced
// Content-Length against the frame limit. Model: the Java runtime's HttpServer.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "PROTOFORGE_NS/http_route.hpp"

namespace PROTOFORGE_NS {
namespace {

TEST(HttpRoute, Paths) {
  EXPECT_EQ(route_of("/chat/messages/Login", "chat").kind, http_route_kind::message);
  EXPECT_EQ(route_of("/chat/messages/Login", "chat").name, "Login");
  EXPECT_EQ(route_of("/chat/messages/Say%20It", "chat").name, "Say It");
  EXPECT_EQ(route_of("/chat/messages/A+B", "chat").name, "A+B");
  EXPECT_EQ(route_of("/chat/messages/Bad%2", "chat").name, "Bad%2");
  EXPECT_EQ(route_of("/chat/messages/Bad%zz", "chat").name, "Bad%zz");
  EXPECT_EQ(route_of("/chat/events", "chat").kind, http_route_kind::events);
  EXPECT_EQ(route_of("/chat/messages/", "chat").kind, http_route_kind::not_found);
  EXPECT_EQ(route_of("/chat/messages/A/B", "chat").kind, http_route_kind::not_found);
  EXPECT_EQ(route_of("/chat/events/", "chat").kind, http_route_kind::not_found);
  EXPECT_EQ(route_of("/other/events", "chat").kind, http_route_kind::not_found);
  EXPECT_EQ(route_of("/", "chat").kind, http_route_kind::not_found);
}

TEST(HttpRoute, MediaType) {
  EXPECT_EQ(media_type_of("application/json"), "application/json");
  EXPECT_EQ(media_type_of(" Application/JSON ; charset=utf-8"), "application/json");
  EXPECT_EQ(media_type_of(""), "");
  EXPECT_EQ(media_type_of("text/plain"), "text/plain");
}

TEST(HttpRoute, Sequence) {
  EXPECT_EQ(sequence_of("0"), std::optional<std::uint32_t>(0));
  EXPECT_EQ(sequence_of("42"), std::optional<std::uint32_t>(42));
  EXPECT_EQ(sequence_of("4294967295"), std::optional<std::uint32_t>(4294967295u));
  EXPECT_EQ(sequence_of("4294967296"), std::nullopt);
  EXPECT_EQ(sequence_of("9999999999"), std::nullopt);
  EXPECT_EQ(sequence_of("12345678901"), std::nullopt);
  EXPECT_EQ(sequence_of("01"), std::nullopt);
  EXPECT_EQ(sequence_of("-1"), std::nullopt);
  EXPECT_EQ(sequence_of(" 1"), std::nullopt);
  EXPECT_EQ(sequence_of(""), std::nullopt);
}

TEST(HttpRoute, AnnouncedLength) {
  EXPECT_FALSE(announced_over_limit("65536", 65536));
  EXPECT_TRUE(announced_over_limit("65537", 65536));
  EXPECT_TRUE(announced_over_limit("999999999999999999", 65536));
  EXPECT_FALSE(announced_over_limit("9999999999999999999", 65536));  // 19 digits: left to the read
  EXPECT_FALSE(announced_over_limit("", 65536));
  EXPECT_FALSE(announced_over_limit("12x", 1));
}

}  // namespace
}  // namespace PROTOFORGE_NS
