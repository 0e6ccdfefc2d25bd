// The parts of the layer's tests that do not depend on the spec: the
// testing/ helpers and test/vectors.test.js (every golden vector, wire
// format section 12), written against the public modules only. Each is its
// preamble, the symbols it imports (the import manager writes the lines) and
// its body.
import { symbols, type ImportSymbol } from "../../../index.js";

export interface StaticModule {
  readonly preamble: string;
  readonly imports: readonly ImportSymbol[];
  readonly body: string;
}

const js = symbols.javascript;

export const TESTING_VECTORS: StaticModule = {
  preamble: "// Helpers of the tests: where the golden vectors are, reading them, comparing JSON by value.",
  imports: [
    js.from("node:fs", "readFileSync"),
    js.from("node:path", "dirname"),
    js.from("node:path", "join"),
    js.from("node:path", "resolve"),
    js.from("node:url", "fileURLToPath"),
  ],
  body: `
/** OUT/vectors next to this project, or the folder in PROTOFORGE_VECTORS. */
export function vectorsDir() {
  const configured = process.env["PROTOFORGE_VECTORS"];
  if (configured !== undefined && configured !== "") return configured;
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "vectors");
}

/**
 * @typedef {object} ValidEntry
 * @property {string} name
 * @property {string | null} message
 * @property {"ack" | "ping" | "pong"} [control]
 * @property {number} seq
 * @property {number} flags
 * @property {string} bin
 * @property {string} json
 */

/**
 * @typedef {object} InvalidEntry
 * @property {string} name
 * @property {string} bin
 * @property {string} error
 * @property {string} [message]
 * @property {string} [path]
 */

/**
 * @typedef {object} Manifest
 * @property {number} format
 * @property {string} protocol
 * @property {string} version
 * @property {number} wireVersion
 * @property {number} maxFrameBytes
 * @property {ValidEntry[]} valid
 * @property {InvalidEntry[]} invalid
 */

/** @returns {Manifest} */
export function readManifest() {
  const file = join(vectorsDir(), "manifest.json");
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new Error(\`no golden vectors at \${file}: run protoforge vectors, or set PROTOFORGE_VECTORS\`);
  }
  return /** @type {Manifest} */ (JSON.parse(text));
}

/**
 * The bytes of a vector file.
 * @param {string} name
 * @returns {Uint8Array}
 */
export function readBytes(name) {
  const buf = readFileSync(join(vectorsDir(), name));
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * The text of a vector file.
 * @param {string} name
 * @returns {string}
 */
export function readText(name) {
  return readFileSync(join(vectorsDir(), name), "utf8");
}

/**
 * JSON values compared by value (wire format section 9): numbers by value, keys in any order.
 * @param {unknown} a
 * @param {unknown} b
 * @returns {boolean}
 */
export function sameJson(a, b) {
  if (typeof a === "number" && typeof b === "number") return a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    const ra = /** @type {Record<string, unknown>} */ (a);
    const rb = /** @type {Record<string, unknown>} */ (b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameJson(ra[k], rb[k]));
  }
  return a === b;
}
`,
};

export const TESTING_ERRORS: StaticModule = {
  preamble: "// Helpers of the tests: running code that must fail with a WireError.",
  imports: [
    js.defaultFrom("node:assert/strict", "assert"),
    js.from("../src/codec.js", "encodeFrame"),
    js.from("../src/codec.js", "validate"),
    js.from("../src/errors.js", "WireError"),
  ],
  body: `
/**
 * Runs \`run\`; returns what the reference codec would say: ok, or the error's code and path.
 * @param {() => unknown} run
 * @returns {{ ok: true } | { ok: false, code: string, path: string | undefined }}
 */
export function outcome(run) {
  try {
    run();
    return { ok: true };
  } catch (e) {
    if (!(e instanceof WireError)) throw e;
    return { ok: false, code: e.code, path: e.path };
  }
}

/**
 * Asserts that \`run\` throws a WireError with \`code\` (and \`path\` when given).
 * @param {() => unknown} run
 * @param {string} code
 * @param {string} [path]
 * @returns {WireError}
 */
export function throwsWire(run, code, path) {
  try {
    run();
  } catch (e) {
    if (!(e instanceof WireError)) throw e;
    assert.equal(e.code, code, e.message);
    if (path !== undefined) assert.equal(e.path, path, e.message);
    return e;
  }
  assert.fail(\`expected WireError \${code}\`);
}

/**
 * A copy of \`value\` with the value at \`path\` (property names and list
 * indices) replaced; objects are rebuilt through their class's constructor,
 * which takes any value: the tests give wrong ones on purpose.
 * @template T
 * @param {T} value
 * @param {readonly (string | number)[]} path
 * @param {unknown} leaf
 * @returns {T}
 */
export function withValue(value, path, leaf) {
  const [head, ...rest] = path;
  if (head === undefined) return /** @type {T} */ (leaf);
  if (typeof head === "number") {
    const items = [.../** @type {unknown[]} */ (value)];
    items[head] = withValue(items[head], rest, leaf);
    return /** @type {T} */ (/** @type {unknown} */ (items));
  }
  const object = /** @type {Record<string, unknown>} */ (value);
  const Cls = /** @type {new (fields: Record<string, unknown>) => T} */ (object.constructor);
  return new Cls({ ...object, [head]: withValue(object[head], rest, leaf) });
}

/** @typedef {{ ok: true } | { ok: false, code: string, path: string | undefined }} Outcome */

/**
 * Runs each case \`[what, path, value, validated, encoded]\` as a subtest: the
 * base message with \`value\` at \`path\` must be validated and encoded as the
 * reference says. For frame_too_large only the code is compared: where a
 * frame overflows is the encoder's business.
 * @param {import("node:test").TestContext} t
 * @param {import("../src/messages.js").Message} base
 * @param {readonly [string, readonly (string | number)[], unknown, Outcome, Outcome][]} cases
 */
export async function checkCases(t, base, cases) {
  for (const [what, path, value, validated, encoded] of cases) {
    await t.test(what, () => {
      const message = withValue(base, path, value);
      assert.deepEqual(outcome(() => validate(message)), validated, "validate");
      const actual = outcome(() => encodeFrame(message, 1));
      if (!encoded.ok && encoded.code === "frame_too_large") assert.equal(actual.ok ? "accepted" : actual.code, "frame_too_large", "encodeFrame");
      else assert.deepEqual(actual, encoded, "encodeFrame");
    });
  }
}
`,
};

export const VECTORS_TEST: StaticModule = {
  preamble: "// The golden vectors against this codec (wire format section 12): every valid\\n// frame decodes, matches its JSON envelope by value and re-encodes byte for\\n// byte; every invalid one fails with the recorded code, path and message.",
  imports: [
    js.defaultFrom("node:assert/strict", "assert"),
    js.from("node:test", "test"),
    js.from("../src/codec.js", "decodeFrame"),
    js.from("../src/codec.js", "Deframer"),
    js.from("../src/codec.js", "dumpJson"),
    js.from("../src/codec.js", "encodeControl"),
    js.from("../src/codec.js", "encodeFrame"),
    js.from("../src/codec.js", "FLAG_RESPONSE"),
    js.from("../src/codec.js", "fromEnvelope"),
    js.from("../src/codec.js", "parseJson"),
    js.from("../src/codec.js", "toEnvelope"),
    js.from("../src/errors.js", "WireError"),
    js.from("../src/protocol-info.js", "MAX_FRAME_BYTES"),
    js.from("../src/protocol-info.js", "PROTOCOL_NAME"),
    js.from("../src/protocol-info.js", "VERSION"),
    js.from("../src/protocol-info.js", "WIRE_VERSION"),
    js.from("../testing/vectors.js", "readBytes"),
    js.from("../testing/vectors.js", "readManifest"),
    js.from("../testing/vectors.js", "readText"),
    js.from("../testing/vectors.js", "sameJson"),
  ],
  body: `
const HEADER_ERRORS = new Set(["bad_magic", "unsupported_version", "invalid_flags", "frame_too_large"]);
const manifest = readManifest();
const messages = manifest.valid.filter((e) => e.message !== null);
const controls = manifest.valid.filter((e) => e.message === null);

test("the manifest is this protocol's", () => {
  assert.equal(manifest.format, 1);
  assert.equal(manifest.protocol, PROTOCOL_NAME);
  assert.equal(manifest.version, VERSION);
  assert.equal(manifest.wireVersion, WIRE_VERSION);
  assert.equal(manifest.maxFrameBytes, MAX_FRAME_BYTES);
  assert.ok(messages.length > 0);
  assert.ok(manifest.invalid.length > 0);
});

test("valid frames decode", async (t) => {
  for (const entry of manifest.valid) {
    await t.test(entry.name, () => {
      const frame = decodeFrame(readBytes(entry.bin));
      assert.equal(frame.seq, entry.seq);
      assert.equal(frame.flags, entry.flags);
      if (entry.message === null) {
        assert.equal(frame.message, null);
        assert.equal(frame.control, entry.control);
      } else {
        assert.equal(frame.message?.NAME, entry.message);
        assert.equal(frame.control, null);
      }
    });
  }
});

test("valid frames match their JSON envelopes", async (t) => {
  for (const entry of messages) {
    await t.test(entry.name, () => {
      const frame = decodeFrame(readBytes(entry.bin));
      assert.ok(frame.message !== null);
      const actual = toEnvelope(frame.message, frame.seq);
      const expected = parseJson(readText(entry.json));
      assert.ok(sameJson(actual, expected), \`\${dumpJson(actual)} != \${dumpJson(expected)}\`);
      assert.ok(sameJson(parseJson(dumpJson(actual)), expected));
    });
  }
});

test("decoded frames re-encode byte for byte", async (t) => {
  for (const entry of messages) {
    await t.test(entry.name, () => {
      const bytes = readBytes(entry.bin);
      const frame = decodeFrame(bytes);
      assert.ok(frame.message !== null);
      assert.deepEqual(encodeFrame(frame.message, frame.seq, frame.flags), bytes);
    });
  }
});

test("envelopes encode to the frames byte for byte", async (t) => {
  for (const entry of messages) {
    await t.test(entry.name, () => {
      const { message, seq } = fromEnvelope(parseJson(readText(entry.json)));
      assert.equal(seq, entry.seq);
      assert.equal(message.NAME, entry.message);
      assert.deepEqual(encodeFrame(message, seq, entry.flags), readBytes(entry.bin));
    });
  }
});

test("control frames", async (t) => {
  for (const entry of controls) {
    await t.test(entry.name, () => {
      const kind = entry.control;
      assert.ok(kind !== undefined);
      assert.deepEqual(encodeControl(kind, entry.seq, (entry.flags & FLAG_RESPONSE) !== 0), readBytes(entry.bin));
      assert.ok(sameJson(parseJson(readText(entry.json)), { type: kind, seq: entry.seq, payload: {} }));
    });
  }
});

test("invalid frames fail with the recorded error", async (t) => {
  for (const entry of manifest.invalid) {
    await t.test(entry.name, () => {
      assert.throws(
        () => decodeFrame(readBytes(entry.bin)),
        (error) => {
          assert.ok(error instanceof WireError);
          assert.equal(error.code, entry.error, error.message);
          assert.equal(error.path, entry.path, error.message);
          assert.equal(error.messageName, entry.message, error.message);
          return true;
        },
      );
    });
  }
});

test("the deframer reassembles a stream of the valid frames", async (t) => {
  const frames = manifest.valid.map((e) => readBytes(e.bin));
  const stream = Buffer.concat(frames);
  for (const size of [1, 7, 4096, stream.length]) {
    await t.test(\`chunks of \${size}\`, () => {
      const deframer = new Deframer();
      /** @type {Uint8Array[]} */
      const received = [];
      for (let start = 0; start < stream.length; start += size) received.push(...deframer.push(stream.subarray(start, start + size)));
      deframer.finish();
      assert.deepEqual(received.map((b) => Buffer.from(b)), frames.map((b) => Buffer.from(b)));
      assert.equal(deframer.buffered, 0);
    });
  }
});

test("the deframer refuses bad headers before the payload", async (t) => {
  for (const entry of manifest.invalid) {
    if (!HEADER_ERRORS.has(entry.error) || !entry.name.startsWith("header.")) continue;
    await t.test(entry.name, () => {
      const deframer = new Deframer();
      assert.throws(() => deframer.push(readBytes(entry.bin).subarray(0, 14)), (e) => e instanceof WireError && e.code === entry.error);
      assert.throws(() => deframer.push(new Uint8Array(0)), WireError);
    });
  }
});

test("the deframer reports a stream that ends inside a frame", () => {
  const first = messages[0];
  assert.ok(first !== undefined);
  const bytes = readBytes(first.bin);
  const deframer = new Deframer();
  assert.deepEqual(deframer.push(bytes.subarray(0, bytes.length - 1)), []);
  assert.throws(() => deframer.finish(), (e) => e instanceof WireError && e.code === "truncated");
});
`,
};
