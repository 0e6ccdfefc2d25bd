// The bounded request body: exactly the limit is taken, one byte more is
// refused, and once refused it stays refused (a chunked body cannot slip
// under the limit in later pieces).
#include <gtest/gtest.h>

#include <string>

#include "PROTOFORGE_NS/http_body.hpp"

namespace PROTOFORGE_NS {
namespace {

TEST(HttpBody, TakesUpToTheLimitInPieces) {
  http_body body(10);
  const std::string piece = "abcde";
  EXPECT_TRUE(body.append(piece.data(), piece.size()));
  EXPECT_TRUE(body.append(piece.data(), piece.size()));
  EXPECT_FALSE(body.over());
  EXPECT_EQ(body.text(), "abcdeabcde");
  EXPECT_FALSE(body.append("x", 1));
  EXPECT_TRUE(body.over());
  EXPECT_EQ(body.text(), "abcdeabcde");
  EXPECT_FALSE(body.append("", 0));
}

TEST(HttpBody, ZeroLimitTakesOnlyEmptyPieces) {
  http_body body(0);
  EXPECT_TRUE(body.append("", 0));
  EXPECT_FALSE(body.append("a", 1));
  EXPECT_TRUE(body.over());
  EXPECT_EQ(body.text(), "");
}

}  // namespace
}  // namespace PROTOFORGE_NS
