// Names a generated JavaScript identifier must not take (docs/emitters.md
// explains each group). Generated code is ES modules, so strict mode always applies.

/** ReservedWord of ECMAScript 2024 (`await` and `yield` included: both are
 *  reserved in module code and in strict mode). */
export const JS_RESERVED_WORDS: readonly string[] = [
  "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else",
  "enum", "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new",
  "null", "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with",
  "yield",
];

/** Reserved only in strict mode code (all module code). */
export const JS_STRICT_RESERVED: readonly string[] = [
  "implements", "interface", "let", "package", "private", "protected", "public", "static",
];

/** Cannot be bound in strict mode (`let eval`, a parameter `arguments`). */
export const JS_RESTRICTED_BINDINGS: readonly string[] = ["arguments", "eval"];

/** Own properties of `globalThis` in a Node 20 ES module, plus `Iterator`,
 *  `Navigator`, `navigator` and `WebSocket` that Node 22 adds. A parameter,
 *  local or class named like one shadows it in the bodies emitters write
 *  (a message class `Error` would hide the global `Error` in the codec).
 *  Includes the immutable `undefined`, `NaN` and `Infinity`. */
export const JS_GLOBALS: readonly string[] = [
  "AbortController", "AbortSignal", "AggregateError", "Array", "ArrayBuffer", "Atomics", "BigInt", "BigInt64Array",
  "BigUint64Array", "Blob", "Boolean", "BroadcastChannel", "Buffer", "ByteLengthQueuingStrategy", "CompressionStream",
  "CountQueuingStrategy", "Crypto", "CryptoKey", "CustomEvent", "DOMException", "DataView", "Date",
  "DecompressionStream", "Error", "EvalError", "Event", "EventTarget", "File", "FinalizationRegistry", "Float32Array",
  "Float64Array", "FormData", "Function", "Headers", "Infinity", "Int16Array", "Int32Array", "Int8Array", "Intl",
  "Iterator", "JSON", "Map", "Math", "MessageChannel", "MessageEvent", "MessagePort", "NaN", "Navigator", "Number",
  "Object", "Performance", "PerformanceEntry", "PerformanceMark", "PerformanceMeasure", "PerformanceObserver",
  "PerformanceObserverEntryList", "PerformanceResourceTiming", "Promise", "Proxy", "RangeError",
  "ReadableByteStreamController", "ReadableStream", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest",
  "ReadableStreamDefaultController", "ReadableStreamDefaultReader", "ReferenceError", "Reflect", "RegExp", "Request",
  "Response", "Set", "SharedArrayBuffer", "String", "SubtleCrypto", "Symbol", "SyntaxError", "TextDecoder",
  "TextDecoderStream", "TextEncoder", "TextEncoderStream", "TransformStream", "TransformStreamDefaultController",
  "TypeError", "URIError", "URL", "URLSearchParams", "Uint16Array", "Uint32Array", "Uint8Array", "Uint8ClampedArray",
  "WeakMap", "WeakRef", "WeakSet", "WebAssembly", "WebSocket", "WritableStream", "WritableStreamDefaultController",
  "WritableStreamDefaultWriter", "atob", "btoa", "clearImmediate", "clearInterval", "clearTimeout", "console",
  "crypto", "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape", "eval", "fetch", "global",
  "globalThis", "isFinite", "isNaN", "navigator", "parseFloat", "parseInt", "performance", "process",
  "queueMicrotask", "setImmediate", "setInterval", "setTimeout", "structuredClone", "undefined", "unescape",
];

/** Properties every object has, and the class members with special meaning:
 *  a class field `constructor` is a syntax error, a static `prototype` is a
 *  TypeError, `__proto__` in an object literal sets the prototype, and a data
 *  field `toString` or `valueOf` breaks string and number conversion. */
export const JS_OBJECT_MEMBERS: readonly string[] = [
  "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__", "__proto__", "constructor",
  "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "prototype", "toLocaleString", "toString", "valueOf",
];

/** `require("node:module").builtinModules` of Node 20 without the internal
 *  `_`-prefixed ones: npm refuses new packages named like a core module. */
export const NODE_BUILTIN_MODULES: readonly string[] = [
  "assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants", "crypto", "dgram",
  "diagnostics_channel", "dns", "domain", "events", "fs", "http", "http2", "https", "inspector", "module", "net", "os",
  "path", "perf_hooks", "process", "punycode", "querystring", "readline", "repl", "stream", "string_decoder", "sys",
  "timers", "tls", "trace_events", "tty", "url", "util", "v8", "vm", "wasi", "worker_threads", "zlib",
];

export const JS_RESERVED: ReadonlySet<string> = new Set([
  ...JS_RESERVED_WORDS,
  ...JS_STRICT_RESERVED,
  ...JS_RESTRICTED_BINDINGS,
  ...JS_GLOBALS,
  ...JS_OBJECT_MEMBERS,
]);

/** Reserved for the npm package name. */
export const JS_PACKAGE_RESERVED: ReadonlySet<string> = new Set([...NODE_BUILTIN_MODULES, "node_modules", "favicon.ico"]);
