// include/<ns>/codec.hpp and src/codec.cpp: the public frame and JSON API
// (docs/wire-format.md sections 1, 2, 6, 9 and 10.1) bound to the spec: wire
// version, frame limit, the message table, and the generated payload code.
import type { FileSet } from "../index.js";
import { inNamespace } from "./literals.js";
import type { CppModel } from "./model.js";

export function codecHeader(files: FileSet, model: CppModel): void {
  const { spec } = model;
  const f = files.file(`cpp/include/${model.ns}/codec.hpp`, "cpp");
  f.preamble("#pragma once");
  for (const h of ["cstdint", "optional", "span", "string", "string_view"]) f.print(`#include <${h}>`);
  f.print();
  f.print(`#include "${model.ns}/json.hpp"`);
  f.print(`#include "${model.ns}/messages.hpp"`);
  f.print(`#include "${model.ns}/wire.hpp"`);
  f.print();
  inNamespace(f, `${model.ns}`, () => {
    f.print();
    f.doc("The wire version every frame carries (the major of the protocol version).");
    f.print(`inline constexpr std::uint8_t kWireVersion = ${spec.protocol.wireVersion};`);
    f.doc("The largest frame, header included (security.maxFrameBytes).");
    f.print(`inline constexpr std::uint32_t kMaxFrameBytes = ${spec.security.maxFrameBytes};`);
    f.print();
    f.doc("One decoded frame: a message, or a control frame (ACK, PING, PONG).");
    f.block("struct Frame {", () => {
      f.print("std::uint8_t flags = 0;");
      f.print("std::uint16_t message_id = 0;");
      f.print("std::uint32_t seq = 0;");
      f.doc("The message; std::nullopt for a control frame.");
      f.print("std::optional<Message> message;");
      f.doc("The control frame's kind; std::nullopt for a message frame.");
      f.print("std::optional<ControlKind> control;");
      f.print();
      f.print("bool is_response() const noexcept { return (flags & kFlagResponse) != 0; }");
      f.print("bool is_reliable() const noexcept { return (flags & kFlagReliable) != 0; }");
      f.print("bool is_control() const noexcept { return control.has_value(); }");
    }, "};");
    f.print();
    f.doc("One frame as JSON read back (section 9.1).");
    f.block("struct Envelope {", () => {
      f.print("std::uint32_t seq = 0;");
      f.print("Message message;");
      f.print();
      f.print("std::string_view type() const noexcept { return message_name(message); }");
    }, "};");
    f.print();
    f.doc("The spec name of the message with id `id`, or std::nullopt when no message has it.");
    f.print("std::optional<std::string_view> message_name_of(std::uint16_t id) noexcept;");
    f.doc("The id of the message named `name`, or std::nullopt.");
    f.print("std::optional<std::uint16_t> message_id_of(std::string_view name) noexcept;");
    f.doc("Whether the message with id `id` is a response (its frames carry RESPONSE).");
    f.print("bool is_response(std::uint16_t id) noexcept;");
    f.print();
    f.doc("Validates `message` and encodes it as one frame; RESPONSE is added for responses, `flags` may add RELIABLE.\nWireError: the message's first invalid value (code and path), invalid_flags, frame_too_large.");
    f.print("Bytes encode_frame(const Message& message, std::uint32_t seq, std::uint8_t flags = 0);");
    f.doc("A control frame: ACK (`response` copies the acknowledged frame's RESPONSE bit), PING or PONG.");
    f.print("Bytes encode_control(ControlKind kind, std::uint32_t seq, bool response = false);");
    f.doc("Decodes exactly one frame, checking in the order of docs/wire-format.md section 6; WireError with the first failure.");
    f.print("Frame decode_frame(std::span<const std::uint8_t> bytes);");
    f.doc("A deframer for one stream (a TCP connection) of this protocol's frames.");
    f.print("Deframer new_deframer();");
    f.print();
    f.doc("The payload of `message` as a JSON object (validated first): keys in declaration order, int64/uint64/timestamps as decimal strings, bytes as base64, enums by name, absent optionals left out.");
    f.print("Json to_json(const Message& message);");
    f.doc("The message named `name` from its JSON payload, checked as the reference does (WireError with its code and path); unknown_message for an unknown name.");
    f.print("Message from_json(std::string_view name, const Json& payload);");
    f.doc("The message named `name` from JSON text.");
    f.print("Message from_json_text(std::string_view name, std::string_view text);");
    f.doc("The payload of `message` as compact JSON text.");
    f.print("std::string to_json_text(const Message& message);");
    f.doc("One frame as JSON: {\"type\": name, \"seq\": seq, \"payload\": {...}}.");
    f.print("Json to_envelope(const Message& message, std::uint32_t seq);");
    f.doc("An envelope read back: its keys are type, seq and payload, nothing else.");
    f.print("Envelope from_envelope(const Json& json);");
    f.print("Envelope from_envelope_text(std::string_view text);");
    f.print();
  });
  f.finish();
}

export function codecSource(files: FileSet, model: CppModel): void {
  const { spec } = model;
  const f = files.file("cpp/src/codec.cpp", "cpp");
  f.print(`#include "${model.ns}/codec.hpp"`);
  f.print();
  f.print('#include "json_payloads.hpp"');
  f.print('#include "payloads.hpp"');
  f.print();
  inNamespace(f, `${model.ns}`, () => {
    f.print();
    f.block("std::optional<std::string_view> message_name_of(std::uint16_t id) noexcept {", () => {
      f.block("switch (id) {", () => {
        for (const m of model.messages) f.print(`case ${model.typeName(m.name)}::kId: return ${model.typeName(m.name)}::kName;`);
        f.print("default: return std::nullopt;");
      });
    });
    f.print();
    f.block("std::optional<std::uint16_t> message_id_of(std::string_view name) noexcept {", () => {
      for (const m of model.messages) f.print(`if (name == ${model.typeName(m.name)}::kName) return ${model.typeName(m.name)}::kId;`);
      f.print("return std::nullopt;");
    });
    f.print();
    f.block("bool is_response(std::uint16_t id) noexcept {", () => {
      const ids = spec.messages.filter((m) => m.kind === "response").map((m) => `id == ${m.id}`);
      f.print(ids.length === 0 ? "static_cast<void>(id);\nreturn false;" : `return ${ids.join(" || ")};`);
    });
    f.print();
    f.block("Bytes encode_frame(const Message& message, std::uint32_t seq, std::uint8_t flags) {", () => {
      f.print(
        [
          "std::string_view name = message_name(message);",
          "std::uint16_t id = message_id(message);",
          "bool response = is_response(id);",
          "auto all = static_cast<std::uint8_t>(response ? flags | kFlagResponse : flags);",
          "std::string problem = detail::message_flags_problem(all, name, response);",
          "if (!problem.empty()) throw WireError(WireError::Code::kInvalidFlags, problem, {}, std::string(name));",
          "validate(message);",
          "detail::ByteWriter w(kMaxFrameBytes);",
          "w.skip(kHeaderBytes);",
          "try {",
          "  detail::encode_payload(w, message);",
          "} catch (WireError& e) {",
          "  e.in_message(name);",
          "  throw;",
          "}",
          "Bytes frame = w.finish();",
          "detail::write_header(frame.data(), kWireVersion, all, id, seq, static_cast<std::uint32_t>(frame.size() - kHeaderBytes));",
          "return frame;",
        ].join("\n"),
      );
    });
    f.print();
    f.block("Bytes encode_control(ControlKind kind, std::uint32_t seq, bool response) {", () => {
      f.print(
        [
          "if (response && kind != ControlKind::kAck) {",
          '  throw WireError(WireError::Code::kInvalidFlags, "a " + std::string(control_name(kind)) + " frame cannot carry RESPONSE");',
          "}",
          "Bytes frame(kHeaderBytes);",
          "auto flags = static_cast<std::uint8_t>(static_cast<std::uint8_t>(kind) | (response ? kFlagResponse : 0));",
          "detail::write_header(frame.data(), kWireVersion, flags, 0, seq, 0);",
          "return frame;",
        ].join("\n"),
      );
    });
    f.print();
    f.block("Frame decode_frame(std::span<const std::uint8_t> bytes) {", () => {
      f.print(
        [
          "Header h = detail::read_header(bytes, kWireVersion, kMaxFrameBytes);",
          "std::size_t end = kHeaderBytes + h.length;",
          "if (bytes.size() < end) {",
          '  throw WireError(WireError::Code::kTruncated, "frame needs " + std::to_string(end) + " bytes, got " + std::to_string(bytes.size()));',
          "}",
          "if (bytes.size() > end) {",
          '  throw WireError(WireError::Code::kTrailingBytes, std::to_string(bytes.size() - end) + " bytes after the end of the frame");',
          "}",
          "if (auto control = detail::control_kind(h.flags)) {",
          "  std::string kind(control_name(*control));",
          "  if (h.message_id != 0) {",
          '    throw WireError(WireError::Code::kInvalidFlags, "a " + kind + " frame must have message id 0, not " + std::to_string(h.message_id));',
          "  }",
          "  if (h.length != 0) {",
          '    throw WireError(WireError::Code::kTrailingBytes, "a " + kind + " frame has no payload, got " + std::to_string(h.length) + " bytes");',
          "  }",
          "  return Frame{h.flags, 0, h.seq, std::nullopt, control};",
          "}",
          "auto name = message_name_of(h.message_id);",
          'if (!name) throw WireError(WireError::Code::kUnknownMessage, "no message has id " + std::to_string(h.message_id));',
          "std::string problem = detail::message_flags_problem(h.flags, *name, is_response(h.message_id));",
          "if (!problem.empty()) throw WireError(WireError::Code::kInvalidFlags, problem, {}, std::string(*name));",
          "detail::ByteReader r(bytes.subspan(kHeaderBytes, h.length));",
          "std::optional<Message> message;",
          "try {",
          "  message = detail::decode_payload(h.message_id, r);",
          "} catch (WireError& e) {",
          "  e.in_message(*name);",
          "  throw;",
          "}",
          "if (r.remaining() != 0) {",
          '  throw WireError(WireError::Code::kTrailingBytes, std::to_string(r.remaining()) + " bytes after the last field", std::string(*name), std::string(*name));',
          "}",
          "return Frame{h.flags, h.message_id, h.seq, std::move(message), std::nullopt};",
        ].join("\n"),
      );
    });
    f.print();
    f.block("Deframer new_deframer() {", () => f.print("return Deframer(kWireVersion, kMaxFrameBytes);"));
    f.print();
    f.block("Json to_json(const Message& message) {", () => f.print("validate(message);\nreturn detail::write_payload(message);"));
    f.print();
    f.block("Message from_json(std::string_view name, const Json& payload) {", () => {
      f.print(
        [
          "try {",
          "  return detail::read_payload(name, payload);",
          "} catch (WireError& e) {",
          "  if (e.code() != WireError::Code::kUnknownMessage) e.in_message(name);",
          "  throw;",
          "}",
        ].join("\n"),
      );
    });
    f.print();
    f.block("Message from_json_text(std::string_view name, std::string_view text) {", () => {
      f.print(['if (!message_id_of(name)) return from_json(name, Json());', "return from_json(name, parse_json(text));"].join("\n"));
    });
    f.print();
    f.block("std::string to_json_text(const Message& message) {", () => f.print("return json_text(to_json(message));"));
    f.print();
    f.block("Json to_envelope(const Message& message, std::uint32_t seq) {", () => {
      f.print(["Json payload = to_json(message);", "Json o = Json::object();", 'o["type"] = std::string(message_name(message));', 'o["seq"] = seq;', 'o["payload"] = std::move(payload);', "return o;"].join("\n"));
    });
    f.print();
    f.block("Envelope from_envelope(const Json& json) {", () => {
      f.print(
        [
          'const Json& o = detail::json_object(json, "envelope", "");',
          'detail::json_only_keys(o, "envelope", {"type", "seq", "payload"});',
          'auto type = o.find("type");',
          "if (type == o.end() || !type->is_string()) {",
          '  throw WireError(WireError::Code::kInvalidValue, "envelope type must be a message name", "type");',
          "}",
          'auto seq = o.find("seq");',
          'if (seq == o.end()) throw WireError(WireError::Code::kInvalidValue, "envelope seq must be an integer in 0..4294967295", "seq");',
          'auto n = static_cast<std::uint32_t>(detail::json_integer(*seq, 0, 4294967295LL, "seq", "seq"));',
          'auto payload = o.find("payload");',
          "const std::string& name = type->get_ref<const std::string&>();",
          "return Envelope{n, from_json(name, payload == o.end() ? Json() : *payload)};",
        ].join("\n"),
      );
    });
    f.print();
    f.block("Envelope from_envelope_text(std::string_view text) {", () => f.print("return from_envelope(parse_json(text));"));
    f.print();
  });
  f.finish();
}
