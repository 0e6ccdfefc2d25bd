import { describe, expect, it } from "vitest";
import { createNameScope, EmitError, escapeIdentifier, names, words, type NameRole, type KnownLanguage } from "../../src/emit/index.js";
import { loadSpecFile } from "../../src/spec/load.js";
import { fileURLToPath } from "node:url";

type Row = readonly [NameRole | "package", string, string];

const TABLES: { readonly [L in KnownLanguage]: readonly Row[] } = {
  python: [
    ["field", "sensor_id", "sensor_id"],
    ["field", "class", "class_"],
    ["field", "from", "from_"],
    ["field", "match", "match_"],
    ["field", "case", "case_"],
    ["field", "type", "type_"],
    ["field", "id", "id_"],
    ["field", "list", "list_"],
    ["field", "bytes", "bytes_"],
    ["field", "self", "self_"],
    ["field", "license", "license"],
    ["method", "encode_frame", "encode_frame"],
    ["type", "HelloAck", "HelloAck"],
    ["type", "HTTPStatus", "HTTPStatus"],
    ["type", "Exception", "Exception_"],
    ["type", "hello_ack", "HelloAck"],
    ["enumMember", "low_battery", "LOW_BATTERY"],
    ["enumMember", "none", "NONE"],
    ["constant", "max_frame_bytes", "MAX_FRAME_BYTES"],
    ["module", "HelloAck", "hello_ack"],
    ["module", "HTTPStatus", "http_status"],
    ["module", "import", "import_"],
    ["package", "sensor-telemetry", "sensor_telemetry"],
    ["package", "chat", "chat"],
    ["package", "json", "json_"],
    ["package", "email", "email_"],
  ],
  javascript: [
    ["field", "sensor_id", "sensorId"],
    ["field", "sha256_sum", "sha256Sum"],
    ["field", "default", "default_"],
    ["field", "delete", "delete_"],
    ["field", "await", "await_"],
    ["field", "yield", "yield_"],
    ["field", "let", "let_"],
    ["field", "static", "static_"],
    ["field", "arguments", "arguments_"],
    ["field", "constructor", "constructor_"],
    ["field", "prototype", "prototype_"],
    ["field", "to_string", "toString_"],
    ["field", "undefined", "undefined_"],
    ["field", "type", "type"],
    ["method", "encode_frame", "encodeFrame"],
    ["type", "HelloAck", "HelloAck"],
    ["type", "Error", "Error_"],
    ["type", "Map", "Map_"],
    ["enumMember", "low_battery", "LOW_BATTERY"],
    ["constant", "max_frame_bytes", "MAX_FRAME_BYTES"],
    ["module", "HelloAck", "hello-ack"],
    ["module", "sensor_id", "sensor-id"],
    ["package", "sensor-telemetry", "sensor-telemetry"],
    ["package", "file_transfer", "file_transfer"],
    ["package", "http", "http_"],
  ],
  java: [
    ["field", "sensor_id", "sensorId"],
    ["field", "default", "default_"],
    ["field", "class", "class_"],
    ["field", "record", "record_"],
    ["field", "var", "var_"],
    ["field", "yield", "yield_"],
    ["field", "sealed", "sealed_"],
    ["field", "permits", "permits_"],
    ["field", "null", "null_"],
    ["field", "true", "true_"],
    ["field", "hash_code", "hashCode_"],
    ["field", "get_class", "getClass_"],
    ["field", "delete", "delete"],
    ["method", "encode_frame", "encodeFrame"],
    ["type", "HelloAck", "HelloAck"],
    ["type", "String", "String_"],
    ["type", "Record", "Record_"],
    ["enumMember", "low_battery", "LOW_BATTERY"],
    ["constant", "max_frame_bytes", "MAX_FRAME_BYTES"],
    ["module", "hello_ack", "HelloAck"],
    ["package", "sensor-telemetry", "sensortelemetry"],
    ["package", "file_transfer", "filetransfer"],
    ["package", "switch", "switch_"],
    ["package", "java", "java_"],
  ],
  cpp: [
    ["field", "sensor_id", "sensor_id"],
    ["field", "delete", "delete_"],
    ["field", "register", "register_"],
    ["field", "and", "and_"],
    ["field", "not", "not_"],
    ["field", "co_await", "co_await_"],
    ["field", "requires", "requires_"],
    ["field", "final", "final_"],
    ["field", "module", "module_"],
    ["field", "errno", "errno_"],
    ["field", "assert", "assert_"],
    ["field", "stdin", "stdin_"],
    ["field", "major", "major_"],
    ["field", "int32_t", "int32_t_"],
    ["field", "min", "min"],
    ["method", "encode_frame", "encode_frame"],
    ["type", "HelloAck", "HelloAck"],
    ["type", "NULL", "NULL_"],
    ["type", "EOF", "EOF_"],
    ["type", "ERROR", "ERROR_"],
    ["enumMember", "low_battery", "kLowBattery"],
    ["enumMember", "delete", "kDelete"],
    ["constant", "max_frame_bytes", "kMaxFrameBytes"],
    ["module", "HelloAck", "hello_ack"],
    ["package", "sensor-telemetry", "sensor_telemetry"],
    ["package", "std", "std_"],
  ],
};

describe("names", () => {
  for (const language of Object.keys(TABLES) as KnownLanguage[]) {
    it(`follows the ${language} conventions`, () => {
      const actual = TABLES[language].map(([role, input]) => [role, input, role === "package" ? names[language].package(input) : names[language][role](input)]);
      expect(actual).toEqual(TABLES[language]);
    });
  }

  it("avoids names the emitter passes as taken, never producing `__`", () => {
    expect(names.python.field("encode", ["encode"])).toBe("encode_");
    expect(names.python.field("encode", new Set(["encode", "encode_"]))).toBe("encode_2");
    expect(names.cpp.field("class", ["class_"])).toBe("class_2");
    expect(names.java.field("class", ["class_", "class_2"])).toBe("class_3");
  });

  it("escapes identifiers already in the language's style", () => {
    expect(names.javascript.escape("__proto__")).toBe("__proto___");
    expect(names.python.escape("print")).toBe("print_");
    expect(names.java.escape("getClass")).toBe("getClass_");
    expect(names.cpp.escape("alignas")).toBe("alignas_");
    expect(() => names.cpp.escape("not an identifier")).toThrow(EmitError);
    expect(escapeIdentifier("x", new Set(["x"]), ["x_"])).toBe("x_2");
  });

  it("refuses names that give no identifier", () => {
    expect(() => names.python.field("")).toThrow(EmitError);
    expect(() => names.java.type("--")).toThrow(EmitError);
    expect(() => names.cpp.field("1st")).toThrow(/not a valid name/);
  });

  it("splits names into words", () => {
    expect(words("HelloAck")).toEqual(["hello", "ack"]);
    expect(words("HTTPStatus")).toEqual(["http", "status"]);
    expect(words("HTTP2Server")).toEqual(["http2", "server"]);
    expect(words("Sha256Digest")).toEqual(["sha256", "digest"]);
    expect(words("sensor_id")).toEqual(["sensor", "id"]);
    expect(words("sensor-telemetry")).toEqual(["sensor", "telemetry"]);
    expect(words("a--b__c-")).toEqual(["a", "b", "c"]);
  });
});

describe("createNameScope", () => {
  it("gives two spec names that convert alike different identifiers, and the same answer when asked again", () => {
    const scope = createNameScope("python", ["encode"]);
    expect(scope.name("module", "HTTPStatus")).toBe("http_status");
    expect(scope.name("module", "HttpStatus")).toBe("http_status_");
    expect(scope.name("module", "HTTPStatus")).toBe("http_status");
    expect(scope.method("encode")).toBe("encode_");
    scope.claim("decode");
    expect(scope.method("decode")).toBe("decode_");
    expect(scope.has("http_status_")).toBe(true);
  });
});

describe("naming determinism", () => {
  it("names every type, field and enum value of an example identically twice", async () => {
    const { spec } = await loadSpecFile(fileURLToPath(new URL("../../examples/chat.yaml", import.meta.url)));
    const all = (): string[] =>
      (["python", "javascript", "java", "cpp"] as const).flatMap((language) => {
        const n = names[language];
        return [
          n.package(spec.protocol.name),
          ...spec.types.flatMap((t) => [n.type(t.name), ...(t.kind === "enum" ? t.values.map((v) => n.enumMember(v.name)) : t.fields.map((f) => n.field(f.name)))]),
          ...spec.messages.flatMap((m) => [n.type(m.name), n.module(m.name), ...m.fields.map((f) => n.field(f.name))]),
        ];
      });
    expect(all()).toEqual(all());
  });
});
