// libFuzzer entry point (issue 16): the input is decoded as one frame, and
// (after its first two bytes, which seed the split points) pushed through a
// Deframer in chunks. What must hold: a frame either decodes to a message
// that re-encodes to bytes decoding to the same value, or decoding throws
// WireError; the Deframer gives complete frames that are the stream's bytes
// in order, or WireError. Anything else — another exception, a crash, a leak,
// a sanitizer report — is a finding. Built with clang and -D<NS>_FUZZ=ON:
//   build/<ns>_fuzz build/fuzz-corpus -max_total_time=60
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <span>
#include <vector>

#include "PROTOFORGE_NS/codec.hpp"

namespace {

using namespace PROTOFORGE_NS;

[[noreturn]] void finding(const char* what, const char* detail = "") {
  std::fprintf(stderr, "fuzz finding: %s %s\n", what, detail);
  std::abort();
}

void check_frame(std::span<const std::uint8_t> bytes) {
  Frame frame;
  try {
    frame = decode_frame(bytes);
  } catch (const WireError&) {
    return;
  } catch (const std::exception& e) {
    finding("decode_frame threw something other than WireError:", e.what());
  }
  try {
    if (frame.control) {
      Frame again = decode_frame(encode_control(*frame.control, frame.seq, frame.is_response()));
      if (again.control != frame.control || again.seq != frame.seq) finding("a control frame does not round-trip");
      return;
    }
    if (!frame.message) finding("a frame with neither message nor control");
    Bytes encoded = encode_frame(*frame.message, frame.seq, frame.flags);
    Frame again = decode_frame(encoded);
    if (!again.message || !(*again.message == *frame.message)) finding("a decoded message does not re-encode to the same value");
    if (encode_frame(*again.message, again.seq, again.flags) != encoded) finding("re-encoding is not canonical");
  } catch (const std::exception& e) {
    finding("a decoded frame fails to round-trip:", e.what());
  }
}

void check_deframer(std::span<const std::uint8_t> stream, std::uint32_t seed) {
  Deframer deframer = new_deframer();
  std::size_t delivered = 0;
  try {
    for (std::size_t at = 0; at < stream.size();) {
      seed = seed * 1103515245u + 12345u;
      std::size_t n = std::min<std::size_t>(stream.size() - at, 1 + (seed >> 16) % 64);
      for (const Bytes& f : deframer.push(stream.subspan(at, n))) {
        if (f.size() > stream.size() - delivered || !std::equal(f.begin(), f.end(), stream.begin() + static_cast<std::ptrdiff_t>(delivered))) {
          finding("the Deframer gave bytes that are not the stream's next frame");
        }
        delivered += f.size();
        check_frame(f);
      }
      at += n;
      if (delivered + deframer.buffered() != at) finding("the Deframer lost or invented bytes");
    }
    deframer.finish();
  } catch (const WireError&) {
  } catch (const std::exception& e) {
    finding("the Deframer threw something other than WireError:", e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> input(data, size);
  check_frame(input);
  if (size >= 2) check_deframer(input.subspan(2), (std::uint32_t{data[0]} << 8) | data[1]);
  return 0;
}
