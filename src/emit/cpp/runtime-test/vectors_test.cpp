// The golden vectors (docs/wire-format.md section 12): every valid frame
// decodes to its message or control frame and encodes back to the same
// bytes, and its JSON envelope is the reference's by value both ways; every
// invalid one fails with the code, path and message the reference codec
// reports. The vectors are OUT/vectors next to this project (compiled in as
// PROTOFORGE_VECTORS_DIR), or the folder named by $PROTOFORGE_VECTORS.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "PROTOFORGE_NS/codec.hpp"
#include "support.hpp"

namespace PROTOFORGE_NS {
namespace {

using testing_support::test_name;

std::filesystem::path vectors_dir() {
  const char* configured = std::getenv("PROTOFORGE_VECTORS");
  if (configured != nullptr && *configured != '\0') return configured;
  return PROTOFORGE_VECTORS_DIR;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Bytes read_bytes(const Json& entry) {
  std::string text = read_text(vectors_dir() / entry.at("bin").get<std::string>());
  return Bytes(text.begin(), text.end());
}

/** The manifest, or an empty object when there is none (the manifest test then fails). */
const Json& manifest() {
  static const Json loaded = [] {
    std::string text = read_text(vectors_dir() / "manifest.json");
    return text.empty() ? Json::object() : Json::parse(text);
  }();
  return loaded;
}

/** One manifest entry as a test's parameter (printed by its name: a Json would print as a container). */
struct Entry {
  Json json;
};

void PrintTo(const Entry& entry, std::ostream* out) { *out << entry.json.at("name").get<std::string>(); }

std::vector<Entry> entries(const char* kind) {
  std::vector<Entry> out;
  if (manifest().contains(kind)) {
    for (const Json& e : manifest().at(kind)) out.push_back(Entry{e});
  }
  return out;
}

std::string text_or_empty(const Json& entry, const char* key) {
  auto it = entry.find(key);
  return it == entry.end() || it->is_null() ? std::string() : it->get<std::string>();
}

std::string entry_name(const ::testing::TestParamInfo<Entry>& info) { return test_name(info.index, info.param.json.at("name").get<std::string>()); }

TEST(VectorsManifest, IsThisProtocols) {
  ASSERT_TRUE(manifest().contains("valid")) << "no golden vectors at " << vectors_dir() << ": run protoforge vectors, or set PROTOFORGE_VECTORS";
  EXPECT_EQ(manifest().at("wireVersion").get<int>(), kWireVersion);
  EXPECT_EQ(manifest().at("maxFrameBytes").get<std::uint32_t>(), kMaxFrameBytes);
  EXPECT_FALSE(manifest().at("valid").empty());
  EXPECT_FALSE(manifest().at("invalid").empty());
}

class VectorsValid : public ::testing::TestWithParam<Entry> {};

TEST_P(VectorsValid, DecodesAndEncodesByteForByte) {
  const Json& entry = GetParam().json;
  Bytes bin = read_bytes(entry);
  Frame frame = decode_frame(bin);
  auto seq = entry.at("seq").get<std::uint32_t>();
  auto flags = entry.at("flags").get<std::uint8_t>();
  EXPECT_EQ(frame.seq, seq);
  EXPECT_EQ(frame.flags, flags);
  std::string control = text_or_empty(entry, "control");
  if (!control.empty()) {
    EXPECT_FALSE(frame.message.has_value());
    ASSERT_TRUE(frame.control.has_value());
    EXPECT_EQ(control_name(*frame.control), control);
    EXPECT_EQ(bin, encode_control(*frame.control, seq, frame.is_response()));
    return;
  }
  ASSERT_TRUE(frame.message.has_value());
  EXPECT_EQ(message_name(*frame.message), entry.at("message").get<std::string>());
  EXPECT_EQ(message_id(*frame.message), frame.message_id);
  Bytes again = encode_frame(*frame.message, seq, flags);
  EXPECT_EQ(bin, again);
  EXPECT_TRUE(*decode_frame(again).message == *frame.message) << "decoding the same bytes twice gives equal messages";
}

TEST_P(VectorsValid, JsonEnvelopeIsTheReferencesByValue) {
  const Json& entry = GetParam().json;
  Json expected = parse_json(read_text(vectors_dir() / entry.at("json").get<std::string>()));
  Frame frame = decode_frame(read_bytes(entry));
  if (frame.control) {
    Json envelope = {{"type", std::string(control_name(*frame.control))}, {"seq", frame.seq}, {"payload", Json::object()}};
    EXPECT_TRUE(same_json(expected, envelope)) << expected << " vs " << envelope;
    return;
  }
  ASSERT_TRUE(frame.message.has_value());
  Json written = to_envelope(*frame.message, frame.seq);
  EXPECT_TRUE(same_json(expected, written)) << "written: " << written << "\nreference: " << expected;
  EXPECT_TRUE(same_json(expected, parse_json(json_text(written)))) << "the envelope's text reads back as the same value";
  Envelope read = from_envelope(expected);
  EXPECT_EQ(read.seq, frame.seq);
  EXPECT_TRUE(read.message == *frame.message) << "the reference's JSON reads as the decoded frame's message";
  EXPECT_TRUE(from_json_text(read.type(), to_json_text(read.message)) == read.message);
  EXPECT_EQ(encode_frame(read.message, entry.at("seq").get<std::uint32_t>(), entry.at("flags").get<std::uint8_t>()), read_bytes(entry))
      << "the reference's JSON encodes to the vector's bytes";
}

INSTANTIATE_TEST_SUITE_P(Vectors, VectorsValid, ::testing::ValuesIn(entries("valid")), entry_name);

class VectorsInvalid : public ::testing::TestWithParam<Entry> {};

TEST_P(VectorsInvalid, FailsWithTheReferenceError) {
  const Json& entry = GetParam().json;
  Bytes bin = read_bytes(entry);
  try {
    decode_frame(bin);
    FAIL() << "decoded, expected " << entry.at("error").get<std::string>();
  } catch (const WireError& e) {
    EXPECT_EQ(e.code_name(), entry.at("error").get<std::string>()) << e.what();
    EXPECT_EQ(e.path(), text_or_empty(entry, "path")) << e.what();
    EXPECT_EQ(e.message_name(), text_or_empty(entry, "message")) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(Vectors, VectorsInvalid, ::testing::ValuesIn(entries("invalid")), entry_name);

TEST(VectorsDeframer, CutsTheValidFramesOutOfOneStreamInAnyChunks) {
  std::vector<Bytes> frames;
  Bytes all;
  for (const Entry& entry : entries("valid")) {
    frames.push_back(read_bytes(entry.json));
    all.insert(all.end(), frames.back().begin(), frames.back().end());
  }
  ASSERT_FALSE(frames.empty());
  for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{14}, std::size_t{100}, all.size()}) {
    Deframer deframer = new_deframer();
    std::vector<Bytes> out;
    for (std::size_t at = 0; at < all.size(); at += chunk) {
      std::size_t n = std::min(chunk, all.size() - at);
      for (Bytes& f : deframer.push(std::span<const std::uint8_t>(all).subspan(at, n))) out.push_back(std::move(f));
    }
    deframer.finish();
    EXPECT_EQ(out, frames) << "frames in chunks of " << chunk;
  }
  Deframer cut = new_deframer();
  EXPECT_TRUE(cut.push(std::span<const std::uint8_t>(frames[0]).first(frames[0].size() - 1)).empty());
  try {
    cut.finish();
    FAIL() << "a stream that ends inside a frame must be truncated";
  } catch (const WireError& e) {
    EXPECT_EQ(e.code_name(), "truncated");
  }
}

}  // namespace
}  // namespace PROTOFORGE_NS
