// include/<ns>/profile.hpp and src/profile.cpp: what the spec-agnostic
// transport runtime needs to know about this spec (a port of Java's
// Profile.java): each message's kind, sender, answers and reliability
// (MessageInfo), the error answer per refusal reason (not_authenticated,
// out_of_order, invalid, rate_limited, internal) built from the spec's error
// message and ErrorCode enum, the field errors of onInvalid, and the
// credential of the authentication request (HTTP's bearer token).
import { ERROR_CODE_TYPE, type Field, type Message } from "../../../spec/model.js";
import type { FileBuilder, FileSet } from "../../index.js";
import { analyse, REASONS, type Behaviour } from "../../transport-common/behaviour.js";
import { createSpecView, type SpecView } from "../../transport-common/context.js";
import { call, code, type Expr } from "../../transport-common/expr.js";
import { fieldErrorCodes, namedFieldErrors } from "../../transport-common/field-errors.js";
import { sampleOf } from "../../transport-common/samples.js";
import { cppStr, inNamespace } from "../literals.js";
import type { CppModel } from "../model.js";
import { printCppExpr, sampleExpr } from "../tests/syntax.js";
import { cppType } from "../types.js";

const codeFieldOf = (m: Message): Field | undefined => m.fields.find((x) => x.type.kind === "enum" && x.type.name === ERROR_CODE_TYPE);
const isRetryField = (f: Field): boolean => f.type.kind === "int" && /retry/.test(f.name);

/** The spec's error messages (those answering a request), each once, in order of first use. */
export function errorMessages(view: SpecView): Message[] {
  return [...new Set(view.spec.messages.flatMap((m) => (m.kind === "request" && m.error !== undefined ? [m.error] : [])))].map((n) => view.message(n));
}

/** Whether a message over the rate limit is answered (rate_limited) and the session goes on. */
export function rateLimitAnswerable(view: SpecView, behaviour: Behaviour): boolean {
  return behaviour.codes.has("rate_limited") && errorMessages(view).some((m) => codeFieldOf(m) !== undefined);
}

const requestsOf = (view: SpecView, e: Message): Message[] => view.spec.messages.filter((m) => m.kind === "request" && m.error === e.name);
const replyFn = (model: CppModel, e: Message): string => `${model.typeName(e.name).replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase()}_for`;
const KIND: Readonly<Record<Message["kind"], string>> = { request: "kRequest", response: "kResponse", oneway: "kOneway", event: "kEvent" };

export function profileFiles(files: FileSet, model: CppModel): void {
  const view = createSpecView(model.spec, { transport: "tcp" }, "cpp");
  const behaviour = analyse(view);
  profileHeader(files, model, view, behaviour);
  profileSource(files, model, view, behaviour);
}

function profileHeader(files: FileSet, model: CppModel, view: SpecView, behaviour: Behaviour): void {
  const { ns, spec } = model;
  const f = files.file(`cpp/include/${ns}/profile.hpp`, "cpp");
  f.preamble("#pragma once");
  for (const h of ["cstdint", "optional", "string", "string_view"]) f.print(`#include <${h}>`);
  f.print();
  f.print(`#include "${ns}/message_info.hpp"`);
  f.print(`#include "${ns}/messages.hpp"`);
  f.print();
  f.doc(
    `How the transports speak ${spec.protocol.name}'s errors and credentials, and what they know of each message (generated from the spec).\n\n` +
      "The answers here are what ServerSession sends when it refuses a request: not authenticated, out of order, invalid, over the rate limit, or a failing handler.",
  );
  inNamespace(f, `${ns}::profile`, () => {
    f.print();
    f.doc("True when a message over the rate limit is refused with a rate_limited error and the session goes on; else it closes.");
    f.print(`inline constexpr bool kRateLimitAnswerable = ${rateLimitAnswerable(view, behaviour) ? "true" : "false"};`);
    f.print();
    f.doc("The spec's facts about the message named `name`, or nullptr when the spec has none.");
    f.print("const MessageInfo* info(std::string_view name) noexcept;");
    f.doc("The spec's facts about `message` (every message has them).");
    f.print("const MessageInfo& info(const Message& message) noexcept;");
    f.doc("The declared error the spec maps a broken constraint of `field` of request `message` to (its onInvalid), or std::nullopt.");
    f.print("std::optional<std::string_view> field_error(std::string_view message, std::string_view field) noexcept;");
    f.doc("The credential an authentication request carries (the HTTP transport's bearer token), or std::nullopt.");
    f.print("std::optional<std::string> credential_of(const Message& message);");
    f.doc(`The spec's error message refusing \`request\`, or std::nullopt when it has none (or no code for the reason).\n\n\`reason\`: ${REASONS.join(", ")}.`);
    f.print("std::optional<Message> error_answer(const Message& request, std::string_view reason, std::string_view detail, std::optional<std::int64_t> retry_after_ms);");
    f.doc("The error answer to a request (by message id) whose frame did not decode, or std::nullopt.\n\n`error` names the declared error to answer with (a field's onInvalid); else the code for invalid payloads.");
    f.print("std::optional<Message> invalid_answer(std::uint16_t message_id, std::string_view detail, std::optional<std::string_view> error);");
    f.print();
  });
  f.finish();
}

function profileSource(files: FileSet, model: CppModel, view: SpecView, behaviour: Behaviour): void {
  const { ns, spec } = model;
  const f = files.file(`cpp/src/profile.cpp`, "cpp");
  f.print(`#include "${ns}/profile.hpp"`);
  f.print();
  for (const h of ["algorithm", "array", "cstddef", "cstdint", "optional", "string", "string_view"]) f.print(`#include <${h}>`);
  f.print();
  inNamespace(f, `${ns}::profile`, () => {
    inNamespace(f, "", () => {
      f.print();
      for (const m of spec.messages) {
        if (m.responses.length === 0) continue;
        f.print(`constexpr std::array<std::string_view, ${m.responses.length}> k${model.typeName(m.name)}Responses = {${m.responses.map(cppStr).join(", ")}};`);
      }
      f.print();
      f.doc("Each message of the spec, in declaration order.");
      f.print(`constexpr std::array<MessageInfo, ${spec.messages.length}> kInfo = {{`);
      for (const m of spec.messages) {
        const responses = m.responses.length === 0 ? "{}" : `k${model.typeName(m.name)}Responses`;
        f.print(
          `    {${cppStr(m.name)}, ${m.id}, MessageInfo::Kind::${KIND[m.kind]}, ${cppStr(m.from)}, ${responses}, ${m.error === undefined ? '""' : cppStr(m.error)}, ${m.reliable ? "true" : "false"}},`,
        );
      }
      f.print("}};");
      f.print();
      f.doc("By request, then field: the declared error answering a value of the field that breaks its constraints (the spec's onInvalid).");
      f.block("struct FieldError {", () => {
        f.print("std::string_view message;");
        f.print("std::string_view field;");
        f.print("std::string_view error;");
      }, "};");
      const table = fieldErrorCodes(spec).flatMap(([message, fields]) => fields.map(([field, error]) => `{${cppStr(message)}, ${cppStr(field)}, ${cppStr(error)}}`));
      f.print(`constexpr std::array<FieldError, ${table.length}> kFieldErrors = {{${table.join(", ")}}};`);
      printHelpers(f);
      for (const e of errorMessages(view)) printReply(f, model, view, e, behaviour);
      f.print();
    });
    f.print();
    f.block("const MessageInfo* info(std::string_view name) noexcept {", () => {
      f.block("for (const auto& i : kInfo) {", () => f.print("if (i.name == name) return &i;"));
      f.print("return nullptr;");
    });
    f.print();
    f.block("const MessageInfo& info(const Message& message) noexcept {", () => f.print("return *info(message_name(message));"));
    f.print();
    f.block("std::optional<std::string_view> field_error(std::string_view message, std::string_view field) noexcept {", () => {
      f.block("for (const auto& e : kFieldErrors) {", () => f.print("if (e.message == message && e.field == field) return e.error;"));
      f.print("return std::nullopt;");
    });
    f.print();
    f.block("std::optional<std::string> credential_of(const Message& message) {", () => {
      const { auth, credential } = behaviour;
      if (auth !== undefined && credential !== undefined) {
        const member = `request->${model.member(auth.name, credential.name)}`;
        const convert = (v: string): string => (credential.type.kind === "string" ? v : `std::to_string(${v})`);
        f.block(`if (const auto* request = std::get_if<${model.typeName(auth.name)}>(&message)) {`, () => {
          if (credential.optional) f.print(`if (${member}) return ${convert(`*${member}`)};`);
          else f.print(`return ${convert(member)};`);
        });
      } else {
        f.print("(void)message;");
      }
      f.print("return std::nullopt;");
    });
    f.print();
    f.block("std::optional<Message> error_answer(const Message& request, std::string_view reason, std::string_view detail, std::optional<std::int64_t> retry_after_ms) {", () => {
      const errors = errorMessages(view);
      if (errors.length === 0) f.print("(void)request; (void)reason; (void)detail; (void)retry_after_ms;");
      for (const e of errors) {
        const tests = requestsOf(view, e).map((m) => `std::holds_alternative<${model.typeName(m.name)}>(request)`);
        f.block(`if (${tests.join(" || ")}) {`, () => {
          f.print(`if (auto answer = ${replyFn(model, e)}(reason, detail, retry_after_ms, std::nullopt)) return Message(std::move(*answer));`);
          f.print("return std::nullopt;");
        });
      }
      f.print("return std::nullopt;");
    });
    f.print();
    f.block("std::optional<Message> invalid_answer(std::uint16_t message_id, std::string_view detail, std::optional<std::string_view> error) {", () => {
      const errors = errorMessages(view);
      if (errors.length === 0) f.print("(void)message_id; (void)detail; (void)error;");
      for (const e of errors) {
        const ids = requestsOf(view, e).map((m) => `message_id == ${m.id}`);
        f.block(`if (${ids.join(" || ")}) {`, () => {
          f.print(`if (auto answer = ${replyFn(model, e)}("invalid", detail, std::nullopt, error)) return Message(std::move(*answer));`);
          f.print("return std::nullopt;");
        });
      }
      f.print("return std::nullopt;");
    });
    f.print();
  });
  f.finish();
}

function printHelpers(f: FileBuilder): void {
  f.print();
  f.doc("`value` within [lo, hi].");
  f.block("[[maybe_unused]] std::int64_t bounded(std::int64_t value, std::int64_t lo, std::int64_t hi) {", () => f.print("return std::max(lo, std::min(hi, value));"));
  f.print();
  f.doc("`text` with ill-formed UTF-8 replaced by U+FFFD, cut (at a character boundary) to at most `max_bytes` bytes and padded with dots to `min_bytes`.");
  f.block("[[maybe_unused]] std::string fit_text(std::string_view text, std::size_t max_bytes, std::size_t min_bytes) {", () => {
    f.print("std::string out;");
    f.block("for (std::size_t i = 0; i < text.size();) {", () => {
      f.print("const auto c = static_cast<unsigned char>(text[i]);");
      f.print("std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;");
      f.print("std::string_view piece = n == 0 || i + n > text.size() ? std::string_view() : text.substr(i, n);");
      f.block("if (piece.empty() || !detail::valid_utf8(piece)) {", () => {
        f.print('piece = "\\xEF\\xBF\\xBD";');
        f.print("n = 1;");
      });
      f.print("if (out.size() + piece.size() > max_bytes) break;");
      f.print("out += piece;");
      f.print("i += n;");
    });
    f.print("while (out.size() < min_bytes) out += '.';");
    f.print("return out;");
  });
}

function printReply(f: FileBuilder, model: CppModel, view: SpecView, e: Message, behaviour: Behaviour): void {
  const { spec } = model;
  const codeField = codeFieldOf(e);
  const ErrorCodeT = model.typeName(ERROR_CODE_TYPE);
  const constant = (c: string): string => `${ErrorCodeT}::${model.enumerator(ERROR_CODE_TYPE, c)}`;
  const sample = sampleOf(view, e.name, { optionals: false, self: false });
  const detailField = e.fields.find((x) => x.type.kind === "string" && x.constraints.pattern === undefined);
  const T = model.typeName(e.name);
  f.print();
  f.doc(`${e.name} refusing for \`reason\` (or the declared \`error\` of a field), or std::nullopt.`);
  f.block(`std::optional<${T}> ${replyFn(model, e)}(std::string_view reason, std::string_view detail, std::optional<std::int64_t> retry_after_ms, std::optional<std::string_view> error) {`, () => {
    f.print("(void)reason; (void)detail; (void)retry_after_ms; (void)error;");
    if (codeField !== undefined) {
      f.print(`std::optional<${ErrorCodeT}> code;`);
      const named = namedFieldErrors(spec, e.name);
      if (named.length > 0) {
        f.block("if (error) {", () => {
          for (const c of named) f.print(`if (*error == ${cppStr(c)}) code = ${constant(c)};`);
        });
      }
      f.block("if (!code) {", () => {
        for (const r of REASONS) {
          const c = behaviour.codes.get(r);
          if (c !== undefined) f.print(`if (reason == ${cppStr(r)}) code = ${constant(c)};`);
        }
      });
      f.print("if (!code) return std::nullopt;");
    } else {
      f.print('if (reason == "rate_limited") return std::nullopt;');
    }
    const args: [string, Expr][] = [];
    for (const x of e.fields) {
      const member = model.member(e.name, x.name);
      if (x === codeField) args.push([member, code(x.optional ? "code" : "*code")]);
      else if (x === detailField) {
        const { minLength, maxLength } = x.constraints;
        const fit = `fit_text(detail, ${maxLength === undefined ? "std::string_view::npos" : String(maxLength)}, ${minLength ?? 0})`;
        args.push([member, code(fit)]);
      } else if (isRetryField(x) && x.type.kind === "int") {
        const typeMax = 2n ** BigInt(x.type.bits - (x.type.signed ? 1 : 0)) - 1n;
        const lo = BigInt(Math.max(x.constraints.min ?? 0, 0));
        const hiRaw = x.constraints.max === undefined ? typeMax : BigInt(x.constraints.max);
        const hi = hiRaw > 0x7fffffffffffffffn ? 0x7fffffffffffffffn : hiRaw;
        const t = cppType(model, x.type);
        const value = (v: string): string => `static_cast<${t}>(bounded(${v}, ${lo}LL, ${hi}LL))`;
        args.push([member, code(x.optional ? `retry_after_ms ? std::optional<${t}>(${value("*retry_after_ms")}) : std::nullopt` : value("retry_after_ms.value_or(0)"))]);
      } else {
        const v = sample[x.name];
        args.push([member, v === undefined ? code("std::nullopt") : sampleExpr(model, x.type, v)]);
      }
    }
    printCppExpr(f, 1, ["return "], call(T, args), ";");
  });
}
