// Deterministic robustness of the decoder and the Deframer (issue 16): a
// seeded PRNG mutates the valid golden vectors 20,000 times (bit flips,
// truncation, insertion, deletion, changes of the length field, bytes set to
// edge values). Each mutant either decodes to a frame whose message encodes
// and decodes back to the same value, or fails with a WireError — any other
// exception is a finding, and the ASan+UBSan build sees the crashes and
// undefined behaviour. The valid stream cut at random points through the
// Deframer gives every frame in order; a mutated stream gives only frames or
// WireErrors. Model: the Java DecoderPropertiesTest.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "PROTOFORGE_NS/codec.hpp"

namespace PROTOFORGE_NS {
namespace {

constexpr int kMutations = 20000;
constexpr std::uint32_t kSeed = 0x5EED16u;

std::filesystem::path vectors_dir() {
  const char* configured = std::getenv("PROTOFORGE_VECTORS");
  if (configured != nullptr && *configured != '\0') return configured;
  return PROTOFORGE_VECTORS_DIR;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/** The valid vectors' bytes, in manifest order. */
std::vector<Bytes> valid_frames() {
  std::string text = read_text(vectors_dir() / "manifest.json");
  std::vector<Bytes> out;
  if (text.empty()) return out;
  Json manifest = Json::parse(text);
  for (const Json& entry : manifest.at("valid")) {
    std::string bin = read_text(vectors_dir() / entry.at("bin").get<std::string>());
    out.emplace_back(bin.begin(), bin.end());
  }
  return out;
}

/** One mutation of `in`, chosen by `rng`. */
Bytes mutate(const Bytes& in, std::mt19937& rng) {
  Bytes b = in;
  auto pick = [&rng](std::size_t n) { return n == 0 ? std::size_t{0} : static_cast<std::size_t>(rng() % n); };
  switch (rng() % 7) {
    case 0:  // flip one to four bits
      for (std::size_t i = 0, n = 1 + pick(4); i < n && !b.empty(); ++i) b[pick(b.size())] ^= static_cast<std::uint8_t>(1u << pick(8));
      break;
    case 1:  // truncate
      b.resize(pick(b.size()));
      break;
    case 2: {  // insert random bytes
      std::size_t at = pick(b.size() + 1);
      Bytes extra(1 + pick(8));
      for (auto& x : extra) x = static_cast<std::uint8_t>(rng());
      b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), extra.begin(), extra.end());
      break;
    }
    case 3: {  // delete a run
      if (b.empty()) break;
      std::size_t at = pick(b.size());
      std::size_t n = std::min(b.size() - at, 1 + pick(8));
      b.erase(b.begin() + static_cast<std::ptrdiff_t>(at), b.begin() + static_cast<std::ptrdiff_t>(at + n));
      break;
    }
    case 4: {  // a byte set to an edge value
      static constexpr std::uint8_t edges[] = {0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF};
      if (!b.empty()) b[pick(b.size())] = edges[pick(std::size(edges))];
      break;
    }
    case 5: {  // a plausible length somewhere: a big-endian 16- or 32-bit count written over the bytes
      if (b.size() < 4) break;
      std::size_t at = pick(b.size() - 3);
      std::uint32_t v = static_cast<std::uint32_t>(pick(b.size() * 2 + 2));
      if (rng() % 2 == 0) {
        b[at] = static_cast<std::uint8_t>(v >> 8);
        b[at + 1] = static_cast<std::uint8_t>(v);
      } else {
        b[at] = static_cast<std::uint8_t>(v >> 24);
        b[at + 1] = static_cast<std::uint8_t>(v >> 16);
        b[at + 2] = static_cast<std::uint8_t>(v >> 8);
        b[at + 3] = static_cast<std::uint8_t>(v);
      }
      break;
    }
    default: {  // the header's length field (bytes 8..11) changed by a small amount or set to an edge
      if (b.size() < 12) break;
      std::uint32_t len = (std::uint32_t{b[8]} << 24) | (std::uint32_t{b[9]} << 16) | (std::uint32_t{b[10]} << 8) | b[11];
      static constexpr std::int64_t deltas[] = {-3, -1, 1, 2, 64};
      std::uint32_t v = rng() % 4 == 0 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(static_cast<std::int64_t>(len) + deltas[pick(std::size(deltas))]);
      for (int i = 0; i < 4; ++i) b[8 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
      break;
    }
  }
  return b;
}

/** Empty when `bytes` decodes canonically or fails with a WireError; else what went wrong. */
std::string check_decode(const Bytes& bytes) {
  Frame frame;
  try {
    frame = decode_frame(bytes);
  } catch (const WireError&) {
    return {};
  } catch (const std::exception& e) {
    return std::string("not a WireError: ") + e.what();
  }
  try {
    if (frame.control) {
      Frame again = decode_frame(encode_control(*frame.control, frame.seq, frame.is_response()));
      return again.control == frame.control && again.seq == frame.seq ? std::string() : "a control frame does not round-trip";
    }
    if (!frame.message) return "a frame with neither message nor control";
    Bytes encoded = encode_frame(*frame.message, frame.seq, frame.flags);
    Frame again = decode_frame(encoded);
    if (!again.message || !(*again.message == *frame.message)) return "decoded message does not re-encode to the same value";
    if (encode_frame(*again.message, again.seq, again.flags) != encoded) return "re-encoding is not canonical";
  } catch (const std::exception& e) {
    return std::string("a decoded frame fails to round-trip: ") + e.what();
  }
  return {};
}

TEST(MutationDecoder, ValidVectorsRoundTrip) {
  std::vector<Bytes> frames = valid_frames();
  ASSERT_FALSE(frames.empty()) << "no golden vectors at " << vectors_dir();
  for (const Bytes& f : frames) EXPECT_EQ(check_decode(f), "");
}

TEST(MutationDecoder, MutantsDecodeCanonicallyOrFailWithWireError) {
  std::vector<Bytes> frames = valid_frames();
  ASSERT_FALSE(frames.empty()) << "no golden vectors at " << vectors_dir();
  std::mt19937 rng(kSeed);
  int findings = 0;
  int decoded = 0;
  for (int i = 0; i < kMutations && findings < 10; ++i) {
    Bytes mutant = mutate(frames[rng() % frames.size()], rng);
    if (rng() % 8 == 0) mutant = mutate(mutant, rng);
    std::string problem = check_decode(mutant);
    if (!problem.empty()) {
      ++findings;
      ADD_FAILURE() << "mutation " << i << ": " << problem;
    }
    try {
      decode_frame(mutant);
      ++decoded;
    } catch (const std::exception&) {
    }
  }
  EXPECT_EQ(findings, 0);
  EXPECT_LT(decoded, kMutations) << "some mutants must be refused";
}

/** `stream` pushed through a Deframer in chunks cut by `rng`; the frames, or the WireError's code. */
std::vector<Bytes> deframe(const Bytes& stream, std::mt19937& rng, std::string& error) {
  Deframer deframer = new_deframer();
  std::vector<Bytes> out;
  try {
    for (std::size_t at = 0; at < stream.size();) {
      std::size_t n = std::min(stream.size() - at, 1 + static_cast<std::size_t>(rng() % 64));
      for (Bytes& f : deframer.push(std::span<const std::uint8_t>(stream).subspan(at, n))) out.push_back(std::move(f));
      at += n;
    }
    deframer.finish();
  } catch (const WireError& e) {
    error = e.code_name();
  }
  return out;
}

TEST(MutationDeframer, RandomSplitsGiveEveryFrameInOrder) {
  std::vector<Bytes> frames = valid_frames();
  ASSERT_FALSE(frames.empty());
  Bytes all;
  for (const Bytes& f : frames) all.insert(all.end(), f.begin(), f.end());
  std::mt19937 rng(kSeed + 1);
  for (int i = 0; i < 200; ++i) {
    std::string error;
    EXPECT_EQ(deframe(all, rng, error), frames) << "split " << i;
    EXPECT_EQ(error, "") << "split " << i;
  }
}

TEST(MutationDeframer, MutatedStreamsGiveFramesOrWireErrorsOnly) {
  std::vector<Bytes> frames = valid_frames();
  ASSERT_FALSE(frames.empty());
  Bytes all;
  for (const Bytes& f : frames) all.insert(all.end(), f.begin(), f.end());
  std::mt19937 rng(kSeed + 2);
  int findings = 0;
  for (int i = 0; i < 300 && findings < 10; ++i) {
    Bytes mutant = mutate(all, rng);
    std::string error;
    try {
      for (const Bytes& f : deframe(mutant, rng, error)) {
        std::string problem = check_decode(f);
        if (!problem.empty()) {
          ++findings;
          ADD_FAILURE() << "stream mutation " << i << ": " << problem;
        }
      }
    } catch (const std::exception& e) {
      ++findings;
      ADD_FAILURE() << "stream mutation " << i << ": not a WireError: " << e.what();
    }
  }
  EXPECT_EQ(findings, 0);
}

}  // namespace
}  // namespace PROTOFORGE_NS
