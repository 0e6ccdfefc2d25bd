// src/transport/profile.js (+ types/transport/profile.d.ts): what the spec-agnostic transport
// runtime needs to know about this spec's errors and credentials: the error
// answer per refusal reason (not_authenticated, out_of_order, invalid,
// rate_limited, internal), built from the spec's error message and ErrorCode
// enum, the credential of the authentication request (HTTP's bearer token).
// The same functions as Python's profile.py, in camelCase.
import { ERROR_CODE_TYPE, type Field, type Message } from "../../../spec/model.js";
import type { FileSet } from "../../file-set.js";
import { fieldErrorCodes, namedFieldErrors } from "../../transport-common/field-errors.js";
import type { FileBuilder } from "../../printer.js";
import { names } from "../../naming/names.js";
import { REASONS, type Behaviour } from "../../transport-common/behaviour.js";
import { sampleOf } from "../../transport-common/samples.js";
import { isWide } from "../scalar-literal.js";
import { constExpr } from "./constants.js";
import { declarationPath, MODULES, outPath, projectSymbols, type JsTransportContext } from "./context.js";
import { jsdoc } from "./doc.js";
import { code, construct, printExpr, type Expr } from "./expr.js";

const PROFILE = MODULES.transport("profile.js");

const codeFieldOf = (m: Message): Field | undefined => m.fields.find((x) => x.type.kind === "enum" && x.type.name === ERROR_CODE_TYPE);
const isRetryField = (f: Field): boolean => f.type.kind === "int" && /retry/.test(f.name);

export function errorMessages(ctx: JsTransportContext): Message[] {
  return [...new Set(ctx.spec.messages.flatMap((m) => (m.kind === "request" && m.error !== undefined ? [m.error] : [])))].map((n) => ctx.message(n));
}

export function emitProfile(files: FileSet, ctx: JsTransportContext, behaviour: Behaviour): void {
  emitProfileJs(files, ctx, behaviour);
  emitProfileTypes(files, ctx);
}

function emitProfileJs(files: FileSet, ctx: JsTransportContext, behaviour: Behaviour): void {
  const f = files.file(outPath(PROFILE), "javascript");
  const sym = projectSymbols(ctx, PROFILE);
  const Message = sym.typeFrom(MODULES.messages, "Message");
  const MessageBase = sym.typeFrom(MODULES.messages, "MessageBase");
  f.preamble(`// How the transports speak ${ctx.spec.protocol.name}'s errors and credentials (generated from the spec).`);
  for (const n of ["RATE_LIMIT_ANSWERABLE", "FIELD_ERROR_CODES", "credentialOf", "errorAnswer", "invalidAnswer", "bounded", "fitText"]) f.declare(n);
  const errors = errorMessages(ctx);
  const answerable = behaviour.codes.has("rate_limited") && errors.some((m) => codeFieldOf(m) !== undefined);

  jsdoc(f, "True when a message over the rate limit is refused with a rate_limited error and the session goes on; else it closes.");
  f.print(`export const RATE_LIMIT_ANSWERABLE = ${answerable ? "true" : "false"};`);
  f.print();
  jsdoc(f, "The credential an authentication request carries (the HTTP transport's bearer token), if any.", [["@param {", MessageBase, "} message"], ["@returns {string | undefined}"]]);
  f.block("export function credentialOf(message) {", () => {
    const auth = behaviour.auth;
    const credential = behaviour.credential;
    if (auth !== undefined && credential !== undefined) f.print("if (message instanceof ", sym.cls(auth.name), ") return message.", ctx.prop(auth.name, credential.name), ";");
    f.print("return undefined;");
  });

  const requestsOf = (e: Message): Message[] => ctx.spec.messages.filter((m) => m.kind === "request" && m.error === e.name);
  const replyFn = (e: Message): string => names.javascript.method(`${e.name}_for`);
  f.print();
  jsdoc(f, `The spec's error message refusing \`request\`, or undefined when it has none (or no code for the reason).\n\n\`reason\`: ${REASONS.join(", ")}.`, [
    ["@param {", MessageBase, "} request"],
    ["@param {string} reason"],
    ["@param {string} detail"],
    ["@param {number | null | undefined} [retryAfterMs]"],
    ["@returns {", Message, " | undefined}"],
  ]);
  f.block("export function errorAnswer(request, reason, detail, retryAfterMs = undefined) {", () => {
    for (const e of errors) {
      const tests = requestsOf(e).flatMap((m, i) => [i > 0 ? " || " : "", "request instanceof ", sym.cls(m.name)]);
      f.print("if (", tests, ") return ", replyFn(e), "(reason, detail, retryAfterMs);");
    }
    f.print("return undefined;");
  });
  f.print();
  jsdoc(f, "By request, then field: the declared error answering a value of the field that breaks its constraints (the spec's onInvalid).", [
    ["@type {Readonly<Record<string, Readonly<Record<string, string>>>>}"],
  ]);
  const table = fieldErrorCodes(ctx.spec);
  if (table.length === 0) f.print("export const FIELD_ERROR_CODES = Object.freeze({});");
  else {
    f.print("export const FIELD_ERROR_CODES = Object.freeze({");
    f.indent(() => {
      for (const [message, fields] of table) f.print(message, ": Object.freeze({ ", fields.map(([field, error]) => `${field}: ${JSON.stringify(error)}`).join(", "), " }),");
    });
    f.print("});");
  }
  f.print();
  jsdoc(f, "The error answer to a request (by message id) whose frame did not decode, or undefined.\n\n`error` names the declared error to answer with (a field's onInvalid); else the code for invalid payloads.", [
    ["@param {number} messageId"],
    ["@param {string} detail"],
    ["@param {string} [error]"],
    ["@returns {", Message, " | undefined}"],
  ]);
  f.block("export function invalidAnswer(messageId, detail, error = undefined) {", () => {
    for (const e of errors) {
      const ids = requestsOf(e).map((m) => String(m.id));
      f.print(ids.length === 1 ? `if (messageId === ${ids[0] ?? ""})` : `if ([${ids.join(", ")}].includes(messageId))`, ` return ${replyFn(e)}("invalid", detail, undefined, error);`);
    }
    f.print("return undefined;");
  });
  f.print();
  jsdoc(f, "`value` within [lo, hi].", [["@param {number} value"], ["@param {number} lo"], ["@param {number} hi"], ["@returns {number}"]]);
  f.block("function bounded(value, lo, hi) {", () => f.print("return Math.max(lo, Math.min(hi, Math.trunc(value)));"));
  f.print();
  jsdoc(f, "`text` cut (at a character boundary) to at most `maxBytes` UTF-8 bytes and padded with dots to `minBytes`.", [
    ["@param {string} text"],
    ["@param {number | undefined} maxBytes"],
    ["@param {number} [minBytes]"],
    ["@returns {string}"],
  ]);
  f.block("function fitText(text, maxBytes, minBytes = 0) {", () => {
    f.print("let chars = Array.from(text);");
    f.block("if (maxBytes !== undefined) {", () => {
      f.block('while (Buffer.byteLength(chars.join(""), "utf8") > maxBytes) {', () => f.print("chars = chars.slice(0, -1);"));
    });
    f.print('let out = chars.join("");');
    f.print('while (Buffer.byteLength(out, "utf8") < minBytes) out += ".";');
    f.print("return out;");
  });
  for (const e of errors) emitReply(f, ctx, e, behaviour, replyFn(e));
}

function emitReply(f: FileBuilder, ctx: JsTransportContext, e: Message, behaviour: Behaviour, fn: string): void {
  const sym = projectSymbols(ctx, PROFILE);
  const codeField = codeFieldOf(e);
  const codesName = names.javascript.constant(`${e.name}_codes`);
  const namedName = names.javascript.constant(`${e.name}_named`);
  if (codeField !== undefined) {
    f.print();
    f.declare(codesName);
    jsdoc(f, `The ${ERROR_CODE_TYPE} of each refusal reason.`, [["@type {Readonly<Record<string, ", sym.type(ERROR_CODE_TYPE), ">>}"]]);
    f.print("const ", codesName, " = Object.freeze({");
    f.indent(() => {
      for (const reason of REASONS) {
        const c = behaviour.codes.get(reason);
        if (c !== undefined) f.print(reason, ": ", sym.cls(ERROR_CODE_TYPE), ".", ctx.member(ERROR_CODE_TYPE, c), ",");
      }
    });
    f.print("});");
    const named = namedFieldErrors(ctx.spec, e.name);
    f.print();
    f.declare(namedName);
    jsdoc(f, `The ${ERROR_CODE_TYPE} of each declared error a field answers its broken constraints with (onInvalid).`, [["@type {Readonly<Record<string, ", sym.type(ERROR_CODE_TYPE), ">>}"]]);
    f.print("const ", namedName, " = Object.freeze({", named.length === 0 ? "});" : "");
    if (named.length > 0) {
      f.indent(() => {
        for (const c of named) f.print(c, ": ", sym.cls(ERROR_CODE_TYPE), ".", ctx.member(ERROR_CODE_TYPE, c), ",");
      });
      f.print("});");
    }
  }
  const sample = sampleOf(ctx, e.name, { optionals: false, self: false });
  const detailField = e.fields.find((x) => x.type.kind === "string" && x.constraints.pattern === undefined);
  f.print();
  f.declare(fn);
  jsdoc(f, `${e.name} refusing for \`reason\`, or undefined.`, [
    ["@param {string} reason"],
    ["@param {string} detail"],
    ["@param {number | null | undefined} retryAfterMs"],
    ["@param {string} [error]"],
    ["@returns {", sym.type(e.name), " | undefined}"],
  ]);
  f.block(["function ", fn, "(reason, detail, retryAfterMs, error = undefined) {"], () => {
    if (codeField !== undefined) {
      f.print("const code = (error === undefined ? undefined : ", namedName, "[error]) ?? ", codesName, "[reason];");
      f.print("if (code === undefined) return undefined;");
    } else f.print('if (reason === "rate_limited") return undefined;');
    const props: [string, Expr][] = [];
    for (const x of e.fields) {
      const name = ctx.prop(e.name, x.name);
      if (x === codeField) props.push([name, code("code")]);
      else if (x === detailField) {
        const { minLength, maxLength } = x.constraints;
        props.push([name, code("fitText(detail, ", maxLength === undefined ? "undefined" : String(maxLength), minLength === undefined ? "" : `, ${minLength}`, ")")]);
      } else if (isRetryField(x) && x.type.kind === "int") {
        const lo = Math.max(x.constraints.min ?? 0, 0);
        const hi = Math.min(x.constraints.max ?? 2 ** Math.min(x.type.bits - (x.type.signed ? 1 : 0), 53) - 1, Number.MAX_SAFE_INTEGER);
        const wrap = (s: string): string => (isWide(x.type) ? `BigInt(${s})` : s);
        props.push([name, code(x.optional ? `retryAfterMs === undefined || retryAfterMs === null ? undefined : ${wrap(`bounded(retryAfterMs, ${lo}, ${hi})`)}` : wrap(`bounded(retryAfterMs ?? 0, ${lo}, ${hi})`))]);
      } else {
        const v = sample[x.name];
        if (v !== undefined) props.push([name, constExpr(ctx, sym, x.type, v)]);
      }
    }
    printExpr(f, 1, ["return "], construct(sym.cls(e.name), props), ";");
  });
}

function emitProfileTypes(files: FileSet, ctx: JsTransportContext): void {
  const path = declarationPath(PROFILE);
  const f = files.file(outPath(path), "javascript");
  const sym = projectSymbols(ctx, path);
  const Message = sym.typeFrom(MODULES.messages, "Message");
  const MessageBase = sym.typeFrom(MODULES.messages, "MessageBase");
  f.preamble(`// How the transports speak ${ctx.spec.protocol.name}'s errors and credentials.`);
  f.print("export declare const RATE_LIMIT_ANSWERABLE: boolean;");
  f.print("export declare function credentialOf(message: ", MessageBase, "): string | undefined;");
  f.print(
    "export declare function errorAnswer(request: ", MessageBase, ", reason: ", "string, detail: string, retryAfterMs?: number | null | undefined): ", Message, " | undefined;",
  );
  f.print("export declare const FIELD_ERROR_CODES: Readonly<Record<string, Readonly<Record<string, string>>>>;");
  f.print("export declare function invalidAnswer(messageId: number, detail: string, error?: string): ", Message, " | undefined;");
}
