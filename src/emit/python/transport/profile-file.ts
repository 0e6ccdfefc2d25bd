// <pkg>/transport/profile.py: what the spec-agnostic transport runtime needs
// to know about this spec's errors and credentials. Error answers per
// refusal reason (not_authenticated, out_of_order, invalid, rate_limited,
// internal), built from the spec's error message and ErrorCode enum.
import { ERROR_CODE_TYPE, type Field, type Message } from "../../../spec/model.js";
import type { FileSet } from "../../file-set.js";
import { fieldErrorCodes, namedFieldErrors } from "../../transport-common/field-errors.js";
import { names } from "../../naming/names.js";
import { stringLiteral } from "../../literals/string-literal.js";
import type { Behaviour, Reason } from "../../transport-common/behaviour.js";
import { REASONS } from "../../transport-common/behaviour.js";
import { constExpr } from "./constants.js";
import { ownModule, paths, projectSymbols, pyStd, type TransportContext } from "./context.js";
import { printExpr, type Expr, code, call } from "./expr.js";
import { sampleOf } from "../../transport-common/samples.js";

export function emitProfile(files: FileSet, ctx: TransportContext, behaviour: Behaviour): void {
  const f = files.file(paths.transport(ctx, "profile.py"), "python", { module: ownModule(ctx, "transport", "profile") });
  const sym = projectSymbols(ctx, "transport");
  const Optional = pyStd.from("typing", "Optional");
  f.preamble(`"""How the transports speak ${ctx.spec.protocol.name}'s errors and credentials (generated from the spec)."""`);
  f.addImport(pyStd.from("__future__", "annotations"));

  const errorMessages = [...new Set(ctx.spec.messages.flatMap((m) => (m.kind === "request" && m.error !== undefined ? [m.error] : [])))].map((n) => ctx.message(n));
  const codeField = (m: Message): Field | undefined => m.fields.find((x) => x.type.kind === "enum" && x.type.name === ERROR_CODE_TYPE);
  const answerable = behaviour.codes.has("rate_limited") && errorMessages.some((m) => codeField(m) !== undefined);

  f.print("RATE_LIMIT_ANSWERABLE = ", answerable ? "True" : "False");
  f.doc("True when a message over the rate limit is refused with a rate_limited error and the session goes on; else it closes.");
  f.print();

  const credential = behaviour.credential;
  f.print();
  f.block(["def credential_of(message: ", sym.from("messages", "MessageBase"), ") -> ", Optional, "[str]:"], () => {
    f.doc("The credential an authentication request carries (the HTTP transport's bearer token), if any.");
    if (behaviour.auth !== undefined && credential !== undefined) {
      f.block(["if isinstance(message, ", sym.cls(behaviour.auth.name), "):"], () => f.print("return message.", ctx.attr(behaviour.auth?.name ?? "", credential.name)));
    }
    f.print("return None");
  });

  const requestsOf = (e: Message): Message[] => ctx.spec.messages.filter((m) => m.kind === "request" && m.error === e.name);
  const replyFn = (e: Message): string => `_${names.python.method(e.name)}`;
  f.print();
  f.print();
  f.block(
    ["def error_answer(request: ", sym.from("messages", "MessageBase"), ", reason: str, detail: str, retry_after_ms: ", Optional, "[int] = None) -> ", Optional, "[", sym.from("messages", "Message"), "]:"],
    () => {
      f.doc(`The spec's error message refusing \`request\`, or None when it has none (or no code for the reason).\n\n\`reason\`: ${REASONS.join(", ")}.`);
      for (const e of errorMessages) {
        const classes = requestsOf(e).map((m) => sym.cls(m.name));
        const tuple = classes.length === 1 ? classes : ["(", ...classes.flatMap((c, i) => (i > 0 ? [", ", c] : [c])), ")"];
        f.block(["if isinstance(request, ", ...tuple, "):"], () => f.print("return ", replyFn(e), "(reason, detail, retry_after_ms)"));
      }
      f.print("return None");
    },
  );
  f.print();
  f.print();
  emitFieldErrorCodes(f, ctx);
  f.print();
  f.print();
  f.block(["def invalid_answer(message_id: int, detail: str, error: ", Optional, "[str] = None) -> ", Optional, "[", sym.from("messages", "Message"), "]:"], () => {
    f.doc("The error answer to a request (by message id) whose frame did not decode, or None.\n\n`error` names the declared error to answer with (a field's onInvalid); else the code for invalid payloads.");
    for (const e of errorMessages) {
      const ids = requestsOf(e).map((m) => String(m.id));
      f.block(["if message_id in (", ids.join(", "), ids.length === 1 ? ",)" : ")", ":"], () => f.print("return ", replyFn(e), '("invalid", detail, None, error)'));
    }
    f.print("return None");
  });

  if (errorMessages.some((e) => e.fields.some((x) => isRetryField(x)))) {
    f.print();
    f.print();
    f.block("def _bounded(value: int, lo: int, hi: int) -> int:", () => f.print("return max(lo, min(hi, value))"));
  }

  for (const e of errorMessages) emitReply(f, ctx, e, behaviour, codeField(e));
}

const isRetryField = (f: Field): boolean => f.type.kind === "int" && /retry/.test(f.name);

function emitFieldErrorCodes(f: ReturnType<FileSet["file"]>, ctx: TransportContext): void {
  const table = fieldErrorCodes(ctx.spec);
  if (table.length === 0) f.print("FIELD_ERROR_CODES: dict[str, dict[str, str]] = {}");
  else {
    f.print("FIELD_ERROR_CODES: dict[str, dict[str, str]] = {");
    f.indent(() => {
      for (const [message, fields] of table) {
        f.print(stringLiteral.python(message), ": {", fields.map(([field, error]) => `${stringLiteral.python(field)}: ${stringLiteral.python(error)}`).join(", "), "},");
      }
    });
    f.print("}");
  }
  f.doc("By request, then field: the declared error answering a value of the field that breaks its constraints (the spec's onInvalid).");
}

function emitReply(f: ReturnType<FileSet["file"]>, ctx: TransportContext, e: Message, behaviour: Behaviour, codeField: Field | undefined): void {
  const sym = projectSymbols(ctx, "transport");
  const Optional = pyStd.from("typing", "Optional");
  const codesName = `_${names.python.constant(e.name)}_CODES`;
  if (codeField !== undefined) {
    f.print();
    f.print();
    f.print(codesName, ": dict[str, ", sym.cls(ERROR_CODE_TYPE), "] = {");
    f.indent(() => {
      for (const reason of REASONS) {
        const c = behaviour.codes.get(reason as Reason);
        if (c !== undefined) f.print(stringLiteral.python(reason), ": ", sym.cls(ERROR_CODE_TYPE), ".", ctx.member(ERROR_CODE_TYPE, c), ",");
      }
    });
    f.print("}");
    const named = namedFieldErrors(ctx.spec, e.name);
    f.print();
    f.print(`${codesName.slice(0, -"_CODES".length)}_NAMED`, ": dict[str, ", sym.cls(ERROR_CODE_TYPE), "] = {", named.length === 0 ? "}" : "");
    if (named.length > 0) {
      f.indent(() => {
        for (const c of named) f.print(stringLiteral.python(c), ": ", sym.cls(ERROR_CODE_TYPE), ".", ctx.member(ERROR_CODE_TYPE, c), ",");
      });
      f.print("}");
    }
  }
  const sample = sampleOf(ctx, e.name, { optionals: false, self: false });
  const detailField = e.fields.find((x) => x.type.kind === "string" && x.constraints.pattern === undefined);
  f.print();
  f.print();
  f.block(["def _", names.python.method(e.name), "(reason: str, detail: str, retry_after_ms: ", Optional, "[int], error: ", Optional, "[str] = None) -> ", Optional, "[", sym.cls(e.name), "]:"], () => {
    if (codeField !== undefined) {
      f.print("code = ", codesName, ".get(reason) if error is None else ", `${codesName.slice(0, -"_CODES".length)}_NAMED`, ".get(error, ", codesName, ".get(reason))");
      f.block("if code is None:", () => f.print("return None"));
    } else {
      f.block('if reason == "rate_limited":', () => f.print("return None"));
    }
    const args: [string, Expr][] = [];
    for (const x of e.fields) {
      const name = ctx.attr(e.name, x.name);
      if (x === codeField) args.push([name, code("code")]);
      else if (x === detailField) {
        const { minLength, maxLength } = x.constraints;
        args.push([name, code(sym.from("transport.policy", "fit_text"), "(detail, ", maxLength === undefined ? "None" : String(maxLength), minLength === undefined ? "" : `, ${minLength}`, ")")]);
      } else if (isRetryField(x) && x.type.kind === "int") {
        const lo = Math.max(x.constraints.min ?? 0, 0);
        const hi = Math.min(x.constraints.max ?? 2 ** Math.min(x.type.bits - (x.type.signed ? 1 : 0), 53) - 1, Number.MAX_SAFE_INTEGER);
        const bounded = `_bounded(retry_after_ms, ${lo}, ${hi})`;
        args.push([name, code(x.optional ? `None if retry_after_ms is None else ${bounded}` : `_bounded(retry_after_ms or 0, ${lo}, ${hi})`)]);
      } else if (sample[x.name] !== undefined) args.push([name, constExpr(ctx, sym, x.type, sample[x.name] as never)]);
    }
    printExpr(f, 1, ["return "], call(sym.cls(e.name), args));
  });
}
