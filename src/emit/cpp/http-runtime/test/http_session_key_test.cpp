// Bearer tokens and session keys as the Java server reads them.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "PROTOFORGE_NS/http_session_key.hpp"

namespace PROTOFORGE_NS {
namespace {

TEST(HttpSessionKey, BearerSchemeInAnyCaseTokenTrimmed) {
  EXPECT_EQ(bearer_of("Bearer abc"), std::optional<std::string>("abc"));
  EXPECT_EQ(bearer_of("bEaReR   abc  "), std::optional<std::string>("abc"));
  EXPECT_EQ(bearer_of("Basic abc"), std::nullopt);
  EXPECT_EQ(bearer_of("Bearer"), std::nullopt);
  EXPECT_EQ(bearer_of("Bearer    "), std::nullopt);
  EXPECT_EQ(bearer_of(""), std::nullopt);
}

TEST(HttpSessionKey, NamedThenCredentialThenAddress) {
  EXPECT_EQ(http_session_key("s1", std::string("tok"), "127.0.0.1"), "session:s1");
  EXPECT_EQ(http_session_key("", std::string("tok"), "127.0.0.1"), "credential:tok");
  EXPECT_EQ(http_session_key("", std::nullopt, "127.0.0.1"), "address:127.0.0.1");
  EXPECT_EQ(http_session_key(std::string(200, 'x'), std::nullopt, "a"), "session:" + std::string(128, 'x'));
}

}  // namespace
}  // namespace PROTOFORGE_NS
