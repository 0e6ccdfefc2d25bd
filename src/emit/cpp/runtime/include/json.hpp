// The JSON mapping's scalar rules (docs/wire-format.md section 9) over
// nlohmann::ordered_json (keys stay in the order written: declaration order):
// readers check the JSON type and the type's range and throw invalid_value at
// the path they are given; writers make the values. The generated
// json_payloads.cpp reads and writes fields with them, straight-line.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "PROTOFORGE_NS/wire_error.hpp"

namespace PROTOFORGE_NS {

/** A JSON value; objects keep their keys in the order they were written. */
using Json = nlohmann::ordered_json;

/** JSON text as a value: anything that is not one JSON value (NaN, Infinity, a cut text, text after the value) is invalid_value. */
Json parse_json(std::string_view text);
/** Compact JSON text (nlohmann's number spelling: equal by value to the reference's). */
std::string json_text(const Json& value);
/** Whether two values are the same JSON (section 9): key order and number spelling do not matter, -0 is not 0. */
bool same_json(const Json& a, const Json& b);

namespace detail {

const Json& json_object(const Json& n, std::string_view what, std::string_view path);
/** A required field: present and not null (invalid_value at the key). */
const Json& json_required(const Json& o, std::string_view key);
/** An optional field: nullptr when absent or null. */
const Json* json_optional(const Json& o, std::string_view key);
/** Unknown keys are invalid_value at their own path. */
void json_only_keys(const Json& o, std::string_view owner, std::initializer_list<std::string_view> names);
const Json& json_array(const Json& n, std::string_view path);
bool json_bool(const Json& n, std::string_view path);
/** An integer of at most 32 bits: integral (5.0 and 5e0 are) and within lo..hi. */
std::int64_t json_integer(const Json& n, std::int64_t lo, std::int64_t hi, std::string_view type, std::string_view path);
/** int64 and timestamps: a decimal string only, -?(0|[1-9][0-9]*), not -0. */
std::int64_t json_int64(const Json& n, std::string_view type, std::string_view path);
std::uint64_t json_uint64(const Json& n, std::string_view path);
double json_float64(const Json& n, std::string_view path);
/** A finite number rounded to the nearest float32, which must stay finite. */
float json_float32(const Json& n, std::string_view path);
const std::string& json_string(const Json& n, std::string_view path);
/** Canonical padded base64 (decoded and encoded again, the text must come back). */
std::vector<std::uint8_t> json_base64(const Json& n, std::string_view path);
const std::string& json_enum_name(const Json& n, std::string_view enum_name, std::string_view path);
WireError json_bad_enum(std::string_view path, std::string_view name, std::string_view enum_name);

std::string base64(std::span<const std::uint8_t> bytes);
/** A JSON number of a float value: integral values within 2^53 as integers ("21"), others as doubles. */
Json json_number(double v);

}  // namespace detail
}  // namespace PROTOFORGE_NS
