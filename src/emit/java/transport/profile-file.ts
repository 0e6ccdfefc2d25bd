// transport/Profile.java: what the spec-agnostic transport runtime needs to
// know about this spec, generated from it (as JavaScript's profile.js):
// each message's kind, sender, answers and reliability (MessageInfo), the
// error answer per refusal reason (not_authenticated, out_of_order, invalid,
// rate_limited, internal) built from the spec's error message and ErrorCode
// enum, the field errors of onInvalid, and the credential of the
// authentication request (HTTP's bearer token).
import { ERROR_CODE_TYPE, type Field, type Message } from "../../../spec/model.js";
import type { FileBuilder, FileSet } from "../../index.js";
import { symbols, type Printable } from "../../symbols.js";
import { REASONS, type Behaviour } from "../../transport-common/behaviour.js";
import { call, code, type Expr } from "../../transport-common/expr.js";
import { fieldErrorCodes, namedFieldErrors } from "../../transport-common/field-errors.js";
import { sampleOf } from "../../transport-common/samples.js";
import { javaLong, javaStr } from "../literals.js";
import { printJavaExpr } from "../tests/syntax.js";
import { constExpr, mainType, specType, transportType, type JavaView } from "./handlers-builder.js";

/** Classes of the transport package Profile.java uses (a spec class of the same name is then written qualified). */
const LOCAL = ["Profile", "MessageInfo"];

const codeFieldOf = (m: Message): Field | undefined => m.fields.find((x) => x.type.kind === "enum" && x.type.name === ERROR_CODE_TYPE);
const isRetryField = (f: Field): boolean => f.type.kind === "int" && /retry/.test(f.name);

/** The spec's error messages (those answering a request), each once, in order of first use. */
export function errorMessages(view: JavaView): Message[] {
  return [...new Set(view.spec.messages.flatMap((m) => (m.kind === "request" && m.error !== undefined ? [m.error] : [])))].map((n) => view.message(n));
}

/** Whether a message over the rate limit is answered (rate_limited) and the session goes on. */
export function rateLimitAnswerable(view: JavaView, behaviour: Behaviour): boolean {
  return behaviour.codes.has("rate_limited") && errorMessages(view).some((m) => codeFieldOf(m) !== undefined);
}

/** Whether the Java component of an int field is a long (uint32, int64, uint64, timestamps) rather than an int. */
const isLongInt = (f: Field): boolean => f.type.kind === "int" && (f.type.bits === 64 || (f.type.bits === 32 && !f.type.signed));

export function profileFile(files: FileSet, view: JavaView, behaviour: Behaviour): void {
  const { model, spec } = view;
  const f = files.file(`java/src/main/java/${model.pkgDir}/transport/Profile.java`, "java", { module: view.transportPkg, localNames: LOCAL });
  const List = symbols.java.type("java.util.List");
  const Map = symbols.java.type("java.util.Map");
  const MessageT = mainType(view, "Message");
  const errors = errorMessages(view);
  f.doc(
    `How the transports speak ${spec.protocol.name}'s errors and credentials, and what they know of each message (generated from the spec).\n\n` +
      "The answers here are what ServerSession sends when it refuses a request: not authenticated, out of order, invalid, over the rate limit, or a failing handler.",
  );
  f.block("public final class Profile {", () => {
    f.doc("True when a message over the rate limit is refused with a rate_limited error and the session goes on; else it closes.");
    f.print(`public static final boolean RATE_LIMIT_ANSWERABLE = ${rateLimitAnswerable(view, behaviour) ? "true" : "false"};`);
    f.print();
    f.doc("By request, then field: the declared error answering a value of the field that breaks its constraints (the spec's onInvalid).");
    const table = fieldErrorCodes(spec);
    f.print("public static final ", Map, "<String, ", Map, "<String, String>> FIELD_ERROR_CODES = ", Map, table.length === 0 ? ".of();" : ".ofEntries(");
    if (table.length > 0) {
      f.indent(() => {
        table.forEach(([message, fields], i) => {
          const inner = fields.map(([field, error]) => `${javaStr(field)}, ${javaStr(error)}`).join(", ");
          f.print(Map, `.entry(${javaStr(message)}, `, Map, `.of(${inner}))${i < table.length - 1 ? "," : ");"}`);
        });
      });
    }
    f.print();
    f.doc("Each message of the spec by name.");
    f.print("private static final ", Map, "<String, MessageInfo> INFO = ", Map, ".ofEntries(");
    f.indent(() => {
      spec.messages.forEach((m, i) => {
        const responses = m.responses.length === 0 ? [List, ".of()"] : [List, `.of(${m.responses.map(javaStr).join(", ")})`];
        f.print(
          Map,
          `.entry(${javaStr(m.name)}, new MessageInfo(${javaStr(m.name)}, ${m.id}, MessageInfo.Kind.${m.kind.toUpperCase()}, ${javaStr(m.from)}, `,
          ...responses,
          `, ${m.error === undefined ? "null" : javaStr(m.error)}, ${m.reliable ? "true" : "false"}))${i < spec.messages.length - 1 ? "," : ");"}`,
        );
      });
    });
    f.print();
    f.block("private Profile() {", () => {});
    f.print();
    f.doc("The spec's facts about the message named `name`, or null when the spec has none.");
    f.block("public static MessageInfo info(String name) {", () => f.print("return INFO.get(name);"));
    f.print();
    f.doc("The credential an authentication request carries (the HTTP transport's bearer token), or null.");
    f.block(["public static String credentialOf(", MessageT, " message) {"], () => {
      const { auth, credential } = behaviour;
      if (auth !== undefined && credential !== undefined) {
        const get = `request.${model.component(auth.name, credential.name)}()`;
        f.block(["if (message instanceof ", specType(view, auth.name), " request) {"], () =>
          f.print("return ", credential.type.kind === "string" ? get : `String.valueOf(${get})`, ";"),
        );
      }
      f.print("return null;");
    });
    f.print();
    f.doc(`The spec's error message refusing \`request\`, or null when it has none (or no code for the reason).\n\n\`reason\`: ${REASONS.join(", ")}; \`retryAfterMs\` may be null.`);
    f.block(["public static ", MessageT, " errorAnswer(", MessageT, " request, String reason, String detail, Long retryAfterMs) {"], () => {
      for (const e of errors) {
        const tests = requestsOf(view, e).flatMap((m, i): Printable[] => [i > 0 ? " || " : "", "request instanceof ", specType(view, m.name)]);
        f.block(["if (", ...tests, ") {"], () => f.print("return ", replyFn(view, e), "(reason, detail, retryAfterMs, null);"));
      }
      f.print("return null;");
    });
    f.print();
    f.doc("The error answer to a request (by message id) whose frame did not decode, or null.\n\n`error` names the declared error to answer with (a field's onInvalid), or is null; else the code for invalid payloads.");
    f.block(["public static ", MessageT, " invalidAnswer(int messageId, String detail, String error) {"], () => {
      for (const e of errors) {
        const ids = requestsOf(view, e).map((m) => `messageId == ${m.id}`);
        f.block(`if (${ids.join(" || ")}) {`, () => f.print("return ", replyFn(view, e), '("invalid", detail, null, error);'));
      }
      f.print("return null;");
    });
    printHelpers(f);
    for (const e of errors) printReply(f, view, e, behaviour);
  });
}

const requestsOf = (view: JavaView, e: Message): Message[] => view.spec.messages.filter((m) => m.kind === "request" && m.error === e.name);
const replyFn = (view: JavaView, e: Message): string => `${view.model.className(e.name).replace(/^./, (c) => c.toLowerCase())}For`;

function printHelpers(f: FileBuilder): void {
  const StandardCharsets = symbols.java.type("java.nio.charset.StandardCharsets");
  f.print();
  f.doc("`value` within [lo, hi].");
  f.block("private static long bounded(long value, long lo, long hi) {", () => f.print("return Math.max(lo, Math.min(hi, value));"));
  f.print();
  f.doc("`text` with lone surrogates replaced, cut (at a character boundary) to at most `maxBytes` UTF-8 bytes and padded with dots to `minBytes`.");
  f.block("private static String fitText(String text, int maxBytes, int minBytes) {", () => {
    f.print("StringBuilder out = new StringBuilder();");
    f.block("for (int i = 0; i < text.length(); i++) {", () => {
      f.print("char c = text.charAt(i);");
      f.print("if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {");
      f.indent(() => f.print("out.append(c).append(text.charAt(++i));"));
      f.print("} else if (Character.isSurrogate(c)) {");
      f.indent(() => f.print("out.append('\\uFFFD');"));
      f.print("} else {");
      f.indent(() => f.print("out.append(c);"));
      f.print("}");
    });
    f.block(["while (out.toString().getBytes(", StandardCharsets, ".UTF_8).length > maxBytes) {"], () => {
      f.print("out.setLength(out.offsetByCodePoints(out.length(), -1));");
    });
    f.block(["while (out.toString().getBytes(", StandardCharsets, ".UTF_8).length < minBytes) {"], () => f.print("out.append('.');"));
    f.print("return out.toString();");
  });
}

function printReply(f: FileBuilder, view: JavaView, e: Message, behaviour: Behaviour): void {
  const { model, spec } = view;
  const Map = symbols.java.type("java.util.Map");
  const codeField = codeFieldOf(e);
  const ErrorCodeT = specType(view, ERROR_CODE_TYPE);
  const cls = model.className(e.name);
  const codesName = `${cls.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}_CODES`;
  const namedName = `${cls.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}_NAMED`;
  if (codeField !== undefined) {
    const entries = REASONS.flatMap((r) => {
      const c = behaviour.codes.get(r);
      return c === undefined ? [] : [[r, c] as const];
    });
    f.print();
    f.doc(`The ${ERROR_CODE_TYPE} of each refusal reason.`);
    printEnumMap(f, Map, ErrorCodeT, codesName, entries.map(([r, c]) => [r, model.constant(ERROR_CODE_TYPE, c)]));
    f.print();
    f.doc(`The ${ERROR_CODE_TYPE} of each declared error a field answers its broken constraints with (onInvalid).`);
    printEnumMap(f, Map, ErrorCodeT, namedName, namedFieldErrors(spec, e.name).map((c) => [c, model.constant(ERROR_CODE_TYPE, c)]));
  }
  const sample = sampleOf(view, e.name, { optionals: false, self: false });
  const detailField = e.fields.find((x) => x.type.kind === "string" && x.constraints.pattern === undefined);
  f.print();
  f.doc(`${e.name} refusing for \`reason\`, or null.`);
  f.block(["private static ", specType(view, e.name), " ", replyFn(view, e), "(String reason, String detail, Long retryAfterMs, String error) {"], () => {
    if (codeField !== undefined) {
      f.print(ErrorCodeT, " code = error == null ? null : ", namedName, ".get(error);");
      f.block("if (code == null) {", () => f.print("code = ", codesName, ".get(reason);"));
      f.block("if (code == null) {", () => f.print("return null;"));
    } else {
      f.block('if (reason.equals("rate_limited")) {', () => f.print("return null;"));
    }
    const args: [string, Expr][] = [];
    for (const x of e.fields) {
      const name = model.component(e.name, x.name);
      if (x === codeField) args.push([name, code("code")]);
      else if (x === detailField) {
        const { minLength, maxLength } = x.constraints;
        args.push([name, code(`fitText(detail, ${maxLength === undefined ? "Integer.MAX_VALUE" : String(maxLength)}, ${minLength ?? 0})`)]);
      } else if (isRetryField(x) && x.type.kind === "int") {
        const typeMax = 2n ** BigInt(x.type.bits - (x.type.signed ? 1 : 0)) - 1n;
        const lo = BigInt(Math.max(x.constraints.min ?? 0, 0));
        const hiRaw = x.constraints.max === undefined ? typeMax : BigInt(x.constraints.max);
        const hi = hiRaw > 0x7fffffffffffffffn ? 0x7fffffffffffffffn : hiRaw;
        const value = `bounded(${x.optional ? "retryAfterMs" : "retryAfterMs == null ? 0 : retryAfterMs"}, ${javaLong(lo)}, ${javaLong(hi)})`;
        const typed = isLongInt(x) ? value : `(int) ${value}`;
        args.push([name, code(x.optional ? `retryAfterMs == null ? null : ${typed}` : typed)]);
      } else {
        const v = sample[x.name];
        args.push([name, v === undefined ? code("null") : constExpr(view, x.type, v)]);
      }
    }
    printJavaExpr(f, 2, ["return "], call(specType(view, e.name), args), ";");
  });
}

function printEnumMap(f: FileBuilder, Map: Printable, ErrorCodeT: Printable, name: string, entries: readonly (readonly [string, string])[]): void {
  if (entries.length === 0) {
    f.print("private static final ", Map, "<String, ", ErrorCodeT, "> ", name, " = ", Map, ".of();");
    return;
  }
  f.print("private static final ", Map, "<String, ", ErrorCodeT, "> ", name, " = ", Map, ".ofEntries(");
  f.indent(() => {
    entries.forEach(([key, constant], i) => {
      f.print(Map, `.entry(${javaStr(key)}, `, ErrorCodeT, `.${constant})${i < entries.length - 1 ? "," : ");"}`);
    });
  });
}

export { transportType };
