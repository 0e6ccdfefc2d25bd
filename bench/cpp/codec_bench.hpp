// The codec part of bench/cpp (`npm run bench:cpp`): encode and decode of the
// chat's RoomMessage with the generated codec, nlohmann-json on the same JSON
// text as the generated JSON mapping, protobuf's C++ library on
// chat_bench.proto, validate() alone and the generated (checked) JSON mapping.
#pragma once

#include <string>
#include <vector>

namespace bench {

/** One measured operation: calls per second (best round) and the average size of its bytes (0: it makes none). */
struct CodecRow {
  std::string name;
  double per_second = 0;
  double bytes_per_message = 0;
};

inline constexpr int kCodecIterations = 500'000;
inline constexpr int kCodecWarmup = 100'000;
inline constexpr int kCodecRounds = 3;
inline constexpr int kCodecVariants = 64;

inline constexpr const char* kEncodeFrame = "chat::encode_frame";
inline constexpr const char* kDecodeFrame = "chat::decode_frame";
inline constexpr const char* kNlohmannDump = "nlohmann::json build + dump";
inline constexpr const char* kNlohmannParse = "nlohmann::json::parse + read";
inline constexpr const char* kProtobufEncode = "protobuf SerializeToString";
inline constexpr const char* kProtobufDecode = "protobuf ParseFromString";

/** Whether the protobuf rows are built in (libprotobuf-dev and protoc were found). */
bool have_protobuf();
/** protobuf's version, or empty. */
std::string protobuf_version();

std::vector<CodecRow> codec_rows();

}  // namespace bench
