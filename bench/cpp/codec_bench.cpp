// See codec_bench.hpp. Fixed iteration counts over 64 different messages,
// best of kCodecRounds timed rounds after a warm-up; each call's result feeds
// a sink, so the optimizer cannot drop it.
#include "codec_bench.hpp"

#include <chat/codec.hpp>
#include <chat/messages.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#if BENCH_HAVE_PROTOBUF
#include "chat_bench.pb.h"
#endif

namespace bench {
namespace {

constexpr std::array<std::string_view, 4> kTexts = {"hi!", "See you at 10 in the usual room, bring the slides please.",
                                                   "Grüße aus Köln 🌍 — bis morgen", "ok"};

std::uint64_t sink = 0;

/** The same messages as bench/java's CodecBench. */
std::vector<chat::RoomMessage> room_messages() {
  std::vector<chat::RoomMessage> out;
  for (int i = 0; i < kCodecVariants; i++) {
    chat::RoomMessage m;
    m.room = "room-" + std::to_string(i % 8);
    m.message.message_id = 1'000'000ULL + static_cast<std::uint64_t>(i);
    m.message.sender = "user" + std::to_string(i);
    m.message.text = std::string(kTexts[static_cast<std::size_t>(i) % kTexts.size()]) + " #" + std::to_string(i);
    m.message.sent_at = 1'714'564'800'000LL + i * 1000LL;
    out.push_back(std::move(m));
  }
  return out;
}

template <typename Op>
CodecRow measure(std::string name, double bytes_per_message, Op op) {
  std::uint64_t s = 0;
  for (int i = 0; i < kCodecWarmup; i++) s += op(i % kCodecVariants);
  auto best = std::chrono::nanoseconds::max();
  for (int r = 0; r < kCodecRounds; r++) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < kCodecIterations; i++) s += op(i % kCodecVariants);
    best = std::min(best, std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start));
  }
  sink += s;
  return CodecRow{std::move(name), kCodecIterations / (static_cast<double>(best.count()) / 1e9), bytes_per_message};
}

template <typename Container>
double average_size(const std::vector<Container>& all) {
  std::size_t total = 0;
  for (const auto& b : all) total += b.size();
  return static_cast<double>(total) / static_cast<double>(all.size());
}

/**
 * The JSON mapping's shape of a RoomMessage built with nlohmann::json, what an
 * application would write by hand: the same keys, the 64-bit integers as
 * decimal strings, no checks.
 */
nlohmann::json plain_json(const chat::RoomMessage& m) {
  return nlohmann::json{{"room", m.room},
                        {"message",
                         {{"message_id", std::to_string(m.message.message_id)},
                          {"sender", m.message.sender},
                          {"text", m.message.text},
                          {"sent_at", std::to_string(m.message.sent_at)}}}};
}

chat::RoomMessage plain_read(const nlohmann::json& j) {
  chat::RoomMessage m;
  m.room = j.at("room").get<std::string>();
  const nlohmann::json& c = j.at("message");
  m.message.message_id = std::stoull(c.at("message_id").get_ref<const std::string&>());
  m.message.sender = c.at("sender").get<std::string>();
  m.message.text = c.at("text").get<std::string>();
  m.message.sent_at = std::stoll(c.at("sent_at").get_ref<const std::string&>());
  return m;
}

}  // namespace

bool have_protobuf() {
#if BENCH_HAVE_PROTOBUF
  return true;
#else
  return false;
#endif
}

std::string protobuf_version() {
#if BENCH_HAVE_PROTOBUF
  return BENCH_PROTOBUF_VERSION;
#else
  return "";
#endif
}

std::vector<CodecRow> codec_rows() {
  const std::vector<chat::RoomMessage> rooms = room_messages();
  std::vector<chat::Message> messages(rooms.begin(), rooms.end());
  std::vector<chat::Bytes> frames;
  std::vector<std::string> json_texts;
  std::vector<std::string> mapped_texts;
  for (int i = 0; i < kCodecVariants; i++) {
    const auto k = static_cast<std::size_t>(i);
    frames.push_back(chat::encode_frame(messages[k], static_cast<std::uint32_t>(i + 1)));
    json_texts.push_back(plain_json(rooms[k]).dump());
    mapped_texts.push_back(chat::to_json_text(messages[k]));
    // The same text both ways (keys in a different order: nlohmann::json sorts them).
    if (plain_read(nlohmann::json::parse(mapped_texts[k])) != rooms[k]) throw std::logic_error("nlohmann read differs from the message");
  }

  std::vector<CodecRow> rows;
  rows.push_back(measure(kEncodeFrame, average_size(frames), [&](int i) {
    return chat::encode_frame(messages[static_cast<std::size_t>(i)], static_cast<std::uint32_t>(i + 1)).size();
  }));
  rows.push_back(measure(kDecodeFrame, average_size(frames), [&](int i) {
    return static_cast<std::uint64_t>(chat::decode_frame(frames[static_cast<std::size_t>(i)]).seq);
  }));
  rows.push_back(measure(kNlohmannDump, average_size(json_texts),
                         [&](int i) { return plain_json(rooms[static_cast<std::size_t>(i)]).dump().size(); }));
  rows.push_back(measure(kNlohmannParse, average_size(json_texts),
                         [&](int i) { return plain_read(nlohmann::json::parse(json_texts[static_cast<std::size_t>(i)])).room.size(); }));
#if BENCH_HAVE_PROTOBUF
  std::vector<protoforge::bench::RoomMessage> protos(rooms.size());
  std::vector<std::string> proto_bytes;
  for (std::size_t k = 0; k < rooms.size(); k++) {
    protos[k].set_room(rooms[k].room);
    auto* c = protos[k].mutable_message();
    c->set_message_id(rooms[k].message.message_id);
    c->set_sender(rooms[k].message.sender);
    c->set_text(rooms[k].message.text);
    c->set_sent_at(rooms[k].message.sent_at);
    proto_bytes.push_back(protos[k].SerializeAsString());
  }
  rows.push_back(measure(kProtobufEncode, average_size(proto_bytes), [&](int i) {
    std::string out;
    protos[static_cast<std::size_t>(i)].SerializeToString(&out);
    return out.size();
  }));
  rows.push_back(measure(kProtobufDecode, average_size(proto_bytes), [&](int i) {
    protoforge::bench::RoomMessage m;
    if (!m.ParseFromString(proto_bytes[static_cast<std::size_t>(i)])) throw std::logic_error("protobuf parse failed");
    return m.room().size();
  }));
#endif
  // What decode_frame pays that protobuf does not: the checks alone (UTF-8, lengths, the two patterns).
  rows.push_back(measure("chat::validate(RoomMessage) (checks)", 0, [&](int i) {
    chat::validate(rooms[static_cast<std::size_t>(i)]);
    return std::uint64_t{1};
  }));
  rows.push_back(measure("chat::to_json_text (checked)", average_size(mapped_texts),
                         [&](int i) { return chat::to_json_text(messages[static_cast<std::size_t>(i)]).size(); }));
  rows.push_back(measure("chat::from_json_text (checked)", average_size(mapped_texts), [&](int i) {
    return std::get<chat::RoomMessage>(chat::from_json_text("RoomMessage", mapped_texts[static_cast<std::size_t>(i)])).room.size();
  }));
  // The codec without strings (three 64-bit integers): what the frame code costs when no UTF-8 or pattern check runs.
  std::vector<chat::Message> accepted;
  std::vector<chat::Bytes> accepted_frames;
  for (std::size_t k = 0; k < rooms.size(); k++) {
    accepted.emplace_back(chat::MessageAccepted{k, rooms[k].message.message_id, rooms[k].message.sent_at});
    accepted_frames.push_back(chat::encode_frame(accepted.back(), static_cast<std::uint32_t>(k + 1)));
  }
  rows.push_back(measure("chat::encode_frame(MessageAccepted)", average_size(accepted_frames), [&](int i) {
    return chat::encode_frame(accepted[static_cast<std::size_t>(i)], static_cast<std::uint32_t>(i + 1)).size();
  }));
  rows.push_back(measure("chat::decode_frame(MessageAccepted)", average_size(accepted_frames), [&](int i) {
    return static_cast<std::uint64_t>(chat::decode_frame(accepted_frames[static_cast<std::size_t>(i)]).seq);
  }));
  if (sink == 0) throw std::logic_error("nothing measured");
  return rows;
}

}  // namespace bench
