// The spec's types as Java: enums carrying their wire value, structs and
// messages as records (one file each) that check every component in the
// canonical constructor, copy byte[] and lists in (and byte[] out), and
// compare byte[] by content; Message, the sealed interface of the messages.
import type { EnumDecl, Field, FieldType } from "../../spec/model.js";
import { symbols, type FileBuilder, type FileSet } from "../index.js";
import { indent, newLocals, valueChecks, type PatternNames } from "./checks.js";
import { javaStr } from "./literals.js";
import type { Composite, JavaModel } from "./model.js";
import { fieldType, holdsBytes, javaType, needsCopy } from "./types.js";

const j = symbols.java;

function javaFile(files: FileSet, model: JavaModel, cls: string): FileBuilder {
  return files.file(`java/src/main/java/${model.pkgDir}/${cls}.java`, "java", { module: model.pkg, localNames: [cls] });
}

function enumFile(files: FileSet, model: JavaModel, e: EnumDecl): void {
  const cls = model.className(e.name);
  const f = javaFile(files, model, cls);
  f.doc(e.doc || e.name);
  f.block(`public enum ${cls} {`, () => {
    e.values.forEach((v, i) => {
      f.doc(v.doc);
      f.print(`${model.constant(e.name, v.name)}(${v.value}, ${javaStr(v.name)})${i === e.values.length - 1 ? ";" : ","}`);
    });
    f.print();
    f.print("private final int value;");
    f.print("private final String wireName;");
    f.print();
    f.block(`${cls}(int value, String wireName) {`, () => {
      f.print("this.value = value;");
      f.print("this.wireName = wireName;");
    });
    f.print();
    f.doc("The value on the wire (a uint16).");
    f.block("public int value() {", () => f.print("return value;"));
    f.print();
    f.doc("The value's name in the spec, as the JSON mapping writes it.");
    f.block("public String wireName() {", () => f.print("return wireName;"));
    f.print();
    f.doc(`The constant whose wire value is \`value\`; WireError invalid_value when ${e.name} declares none.`);
    f.block(`public static ${cls} fromWire(int value) {`, () => {
      f.print(`${cls} found = lookup(value);`);
      f.print(`if (found == null) throw Checks.badEnum(null, value, ${javaStr(e.name)});`);
      f.print("return found;");
    });
    f.print();
    f.block(`static ${cls} lookup(int value) {`, () => {
      f.block("return switch (value) {", () => {
        for (const v of e.values) f.print(`case ${v.value} -> ${model.constant(e.name, v.name)};`);
        f.print("default -> null;");
      }, "};");
    });
    f.print();
    f.doc("The constant whose spec name is `name` (the JSON mapping's spelling), or null.");
    f.block(`static ${cls} named(String name) {`, () => {
      f.block("return switch (name) {", () => {
        for (const v of e.values) f.print(`case ${javaStr(v.name)} -> ${model.constant(e.name, v.name)};`);
        f.print("default -> null;");
      }, "};");
    });
  });
  f.finish();
}

/** An expression that copies a value of `type` (not null) into an unmodifiable, unshared one. */
export function copyExpr(type: FieldType, expr: string, depth = 1): string {
  if (type.kind === "bytes") return `${expr}.clone()`;
  if (type.kind !== "list") return expr;
  if (!needsCopy(type.of)) return `${expr}.stream().toList()`;
  const a = `a$${depth}`;
  return `${expr}.stream().map(${a} -> ${a} == null ? null : ${copyExpr(type.of, a, depth + 1)}).toList()`;
}

function fieldDoc(f: Field): string {
  const facts: string[] = [];
  if (f.optional) facts.push("Optional: null when absent.");
  if (f.type.kind === "int" && f.type.bits === 64 && !f.type.signed) facts.push("A uint64 in a long: the same 64 bits, read it with Long.toUnsignedString and compare it with Long.compareUnsigned.");
  if (f.type.kind === "int" && f.type.bits === 32 && !f.type.signed) facts.push("A uint32 in a long: 0..4294967295.");
  if (f.type.kind === "timestamp") facts.push("Milliseconds since 1970-01-01T00:00:00Z.");
  const c = f.constraints;
  if (c.min !== undefined || c.max !== undefined) facts.push(`Range: ${c.min ?? ""}..${c.max ?? ""}.`);
  if (c.minLength !== undefined || c.maxLength !== undefined) facts.push(`Length: ${c.minLength ?? 0}..${c.maxLength ?? ""} bytes.`);
  if (c.pattern !== undefined) facts.push(`Pattern: ${c.pattern}`);
  if (c.minItems !== undefined || c.maxItems !== undefined) facts.push(`Items: ${c.minItems ?? 0}..${c.maxItems ?? ""}.`);
  return [f.doc, ...facts].filter((s) => s !== "").join(" ");
}

function recordFile(files: FileSet, model: JavaModel, c: Composite, patterns: PatternNames): void {
  const cls = model.className(c.name);
  const m = c.message;
  const f = javaFile(files, model, cls);
  const comps = c.fields.map((field) => ({ field, name: model.component(c.name, field.name), type: fieldType(model, field.type, field.optional) }));
  const usesList = c.fields.some((x) => x.type.kind === "list");
  if (usesList) f.addImport(j.type("java.util.List"));
  const docLines = [c.doc || c.name];
  for (const x of comps) docLines.push("", `${x.name}: ${fieldDoc(x.field)}`.trimEnd());
  f.doc(docLines.join("\n"));
  const params = comps.map((x) => `${x.type} ${x.name}`).join(", ");
  f.block(`public record ${cls}(${params})${m === undefined ? "" : " implements Message"} {`, () => {
    if (m !== undefined) {
      f.doc("The message's name in the spec.");
      f.print(`public static final String NAME = ${javaStr(m.name)};`);
      f.doc("The message id on the wire.");
      f.print(`public static final int ID = ${m.id};`);
      f.print();
    }
    if (comps.length > 0) {
      f.doc("Checks every component against the spec (WireError with the reference's code and path); copies byte arrays and lists.");
      f.block(`public ${cls} {`, () => {
        const locals = newLocals("$");
        const body: string[] = [];
        for (const x of comps) {
          const path = javaStr(x.field.name);
          const reference = javaType(model, x.field.type).plain === x.type && !/^(boolean|int|long|float|double)$/.test(x.type);
          const copy = needsCopy(x.field.type) ? [`${x.name} = ${copyExpr(x.field.type, x.name)};`] : [];
          const checks = valueChecks(model, x.field.type, x.field.constraints, true, x.name, path, locals, patterns);
          if (x.field.optional) {
            if (copy.length + checks.length > 0) body.push(`if (${x.name} != null) {`, ...indent([...copy, ...checks]), "}");
          } else {
            if (reference) body.push(`if (${x.name} == null) throw Checks.missing(${path});`);
            body.push(...copy, ...checks);
          }
        }
        f.block("try {", () => f.print(body.join("\n")), null);
        f.block("} catch (WireError e) {", () => f.print(m === undefined ? `throw e.inType(${javaStr(c.name)});` : "throw e.inMessage(NAME);"));
      });
    }
    for (const x of comps) {
      if (!holdsBytes(x.field.type)) continue;
      const copy = copyExpr(x.field.type, x.name);
      f.print();
      f.doc(`A copy of ${x.name}: the record keeps its own.`);
      f.block(`public ${x.type} ${x.name}() {`, () => f.print(x.field.optional ? `return ${x.name} == null ? null : ${copy};` : `return ${copy};`));
    }
    if (comps.some((x) => holdsBytes(x.field.type))) {
      f.print();
      f.doc("Equal when every component is, byte arrays by content.");
      f.print("@Override");
      f.block("public boolean equals(Object o) {", () => {
        f.print(`return o instanceof ${cls} other`);
        f.indent(() => {
          comps.forEach((x, i) => f.print(`&& Values.equal(this.${x.name}, other.${x.name})${i === comps.length - 1 ? ";" : ""}`));
        });
      });
      f.print();
      f.print("@Override");
      f.block("public int hashCode() {", () => f.print(`return Values.hashAll(${comps.map((x) => `this.${x.name}`).join(", ")});`));
      f.print();
      f.print("@Override");
      f.block("public String toString() {", () => {
        const parts = comps.map((x, i) => `${javaStr(`${i === 0 ? "" : ", "}${x.name}=`)} + Values.text(this.${x.name})`);
        f.print(`return ${javaStr(`${cls}[`)} + ${parts.join(" + ")} + "]";`);
      });
    }
    if (m !== undefined) {
      f.print();
      f.print("@Override");
      f.block("public String messageName() {", () => f.print("return NAME;"));
      f.print();
      f.print("@Override");
      f.block("public int messageId() {", () => f.print("return ID;"));
    }
  });
  f.finish();
}

function messageInterface(files: FileSet, model: JavaModel): void {
  const f = javaFile(files, model, "Message");
  const classes = model.messages.map((c) => model.className(c.name));
  f.doc(`Any message of ${model.spec.protocol.name} ${model.spec.protocol.version}: one record per message of the spec.`);
  f.block(`public sealed interface Message permits ${classes.join(", ")} {`, () => {
    f.doc("The message's name in the spec.");
    f.print("String messageName();");
    f.print();
    f.doc("The message id on the wire (1..65535).");
    f.print("int messageId();");
  });
  f.finish();
}

export function messageFiles(files: FileSet, model: JavaModel, patterns: PatternNames): void {
  for (const e of model.enums) enumFile(files, model, e);
  for (const c of model.composites) recordFile(files, model, c, patterns);
  messageInterface(files, model);
}
