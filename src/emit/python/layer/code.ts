// Python source written as text in the emitter: a template tag that keeps
// imported names as symbols (so the import manager writes the imports) and
// dedents the block, and the literals of numbers and bytes values.
import { docComment, stringLiteral, type Printable } from "../../index.js";

const SLOT = "\u0000";

/** Python code as a template: `${symbol}` prints an imported name, `${text}`
 *  inserts text. Backslashes are kept as written (raw strings); the common
 *  indentation is removed and the blank first and last lines are dropped, so
 *  the block prints at the builder's indentation with `f.print(code`...`)`. */
export function code(strings: TemplateStringsArray, ...values: Printable[]): Printable[] {
  const text = strings.raw.map((s, i) => (i < values.length ? `${s}${SLOT}${i}${SLOT}` : s)).join("");
  const lines = text.split("\n");
  if (lines.length > 1 && (lines[0] ?? "").trim() === "") lines.shift();
  if (lines.length > 1 && (lines[lines.length - 1] ?? "").trim() === "") lines.pop();
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = indents.length === 0 ? 0 : Math.min(...indents);
  const dedented = lines.map((l) => l.slice(Math.min(cut, /^ */.exec(l)?.[0].length ?? 0))).join("\n");
  const parts: Printable[] = [];
  dedented.split(SLOT).forEach((piece, i) => {
    if (i % 2 === 0) {
      if (piece !== "") parts.push(piece);
    } else {
      parts.push(values[Number(piece)] as Printable);
    }
  });
  return parts;
}

/** A Python string literal (printable ASCII). */
export const pyStr = (value: string): string => stringLiteral.python(value);

/** A spec number as a Python literal that compares exactly like the number:
 *  an int literal when it is integral, else the shortest float literal. */
export function pyNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return BigInt(value).toString();
  return pyFloat(value);
}

/** A float literal that reads back as exactly `value` (-0.0 included). */
export function pyFloat(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`pyFloat: ${value} has no Python literal`);
  if (Object.is(value, -0)) return "-0.0";
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return `${BigInt(value).toString()}.0`;
  return String(value);
}

/** A bytes value: `b""`, `bytes(n)` for zeros, else `bytes.fromhex("...")`. */
export function pyBytes(value: Uint8Array): string {
  if (value.length === 0) return 'b""';
  if (value.every((b) => b === 0)) return `bytes(${value.length})`;
  return `bytes.fromhex("${Buffer.from(value).toString("hex")}")`;
}

/** `None` for an absent bound, else the number. */
export const pyOptional = (value: number | undefined): string => (value === undefined ? "None" : pyNumber(value));

/** A module docstring for `f.preamble`. */
export const moduleDocstring = (text: string): string => docComment.python(text).join("\n");

/** "a" or "an" before a word, for error texts. */
export const article = (word: string): string => (/^[AEIOUaeiou]/.test(word) ? `an ${word}` : `a ${word}`);
