// include/<ns>/handler_support.hpp (generated): what the user's handlers and
// the demo's samples call besides the messages — the wall clock in
// milliseconds since the epoch (the handlers' default clock, injectable as a
// MillisClock) and unpredictable bytes for tokens (std::random_device, which
// reads the kernel's random source on Linux).
import type { FileSet } from "../../index.js";
import { inNamespace } from "../literals.js";
import { appPaths, type CppView } from "./view.js";

export function emitSupport(files: FileSet, view: CppView): void {
  const f = files.file(appPaths(view).support, "cpp");
  f.preamble("#pragma once");
  for (const h of ["chrono", "cstddef", "cstdint", "functional", "random"]) f.print(`#include <${h}>`);
  f.print();
  f.print(`#include "${view.ns}/wire.hpp"`);
  f.print();
  inNamespace(f, view.ns, () => {
    f.print();
    f.doc("Milliseconds since 1970-01-01T00:00:00Z: the handlers' clock (a test gives its own).");
    f.print("using MillisClock = std::function<std::int64_t()>;");
    f.print();
    f.doc("The system clock in milliseconds since the epoch, UTC.");
    f.block("inline std::int64_t epoch_millis() {", () => {
      f.print("return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();");
    });
    f.print();
    f.doc("`size` unpredictable bytes, for tokens.");
    f.block("inline Bytes random_bytes(std::size_t size) {", () => {
      f.print("thread_local std::random_device device;");
      f.print("Bytes out(size);");
      f.print("for (auto& b : out) b = static_cast<std::uint8_t>(device() & 0xFFU);");
      f.print("return out;");
    });
    f.print();
  });
  f.finish();
}
