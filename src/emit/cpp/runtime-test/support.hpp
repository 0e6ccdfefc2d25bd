// What the generated tests share: the reference's outcome of a value
// (accepted, or refused with a code and a path) and test names GoogleTest
// takes.
#pragma once

#include <cctype>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "PROTOFORGE_NS/wire_error.hpp"

namespace PROTOFORGE_NS::testing_support {

/** Accepted, or refused with the error's code and path (empty: no path). */
struct Outcome {
  bool ok = true;
  std::string code;
  std::string path;
  bool operator==(const Outcome&) const = default;
};

inline Outcome ok() { return {}; }
inline Outcome refused(std::string code, std::string path) { return Outcome{false, std::move(code), std::move(path)}; }

/** An outcome in a constant table of cases. */
struct OutcomeRow {
  bool ok;
  const char* code;
  const char* path;
  Outcome outcome() const { return ok ? Outcome{} : Outcome{false, code, path}; }
};

/** What `run` does: returns normally, or throws a WireError. */
template <typename F>
Outcome outcome_of(F&& run) {
  try {
    run();
    return ok();
  } catch (const WireError& e) {
    return refused(std::string(e.code_name()), e.path());
  }
}

inline std::ostream& operator<<(std::ostream& out, const Outcome& o) {
  if (o.ok) return out << "ok";
  return out << "refused(" << o.code << ", \"" << o.path << "\")";
}

/** `n<index>_<words>`: letters, digits and _ only, unique by its index. */
inline std::string test_name(std::size_t index, std::string_view words) {
  std::string out = "n" + std::to_string(index) + "_";
  for (char c : words) out.push_back(std::isalnum(static_cast<unsigned char>(c)) != 0 ? c : '_');
  return out;
}

}  // namespace PROTOFORGE_NS::testing_support
