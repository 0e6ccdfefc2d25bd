// CMakeLists.txt and the package config: a C++20 library target with
// install() and an exported package (find_package(<ns>) from another
// project), warnings as errors, and the GoogleTest suite through
// find_package(GTest) and gtest_discover_tests. Every dependency comes from
// the distribution (nlohmann_json, GTest; with a transport asio and Threads);
// nothing is fetched. A transport's part (src/emit/cpp/transport/part.ts) adds
// its library sources, its GoogleTest sources and its own CMake lines.
import type { FileSet } from "../index.js";
import type { CppModel } from "./model.js";
import { EMPTY_PART, type CppTransportPart } from "./transport/part.js";
import { fuzzCmakeLines } from "./fuzz/index.js";
import { patternSources } from "./patterns.js";

/** The library's sources, in the order CMake lists them. */
export function librarySources(model: CppModel): string[] {
  const generated = ["codec.cpp", "json_payloads.cpp", "messages.cpp", "payloads.cpp", ...(patternSources(model).length > 0 ? ["patterns.cpp"] : []), "role_machine.cpp"];
  return [...generated, "json.cpp", "wire.cpp"].map((s) => `src/${s}`);
}

export const TEST_SOURCES = ["test/json_test.cpp", "test/machine_test.cpp", "test/mutation_test.cpp", "test/validation_test.cpp", "test/vectors_test.cpp"];

/** `1.4.2` from `1.4.2-beta.1` (CMake's project VERSION takes numbers only). */
const cmakeVersion = (version: string): string => /^\d+(\.\d+){0,3}/.exec(version)?.[0] ?? "0.0.0";

/** The lines that find asio (header-only, standalone) and the threads a transport needs. */
export const TRANSPORT_FIND_LINES = [
  "# The transports: standalone asio (Debian: libasio-dev, header-only) and the platform's threads.",
  "find_path(ASIO_INCLUDE_DIR asio.hpp REQUIRED)",
  "set(THREADS_PREFER_PTHREAD_FLAG ON)",
  "find_package(Threads REQUIRED)",
  "",
];

/** The target of the coder's behaviour tests (`ctest -L behaviour` runs them alone). */
export const behaviourTestTarget = (ns: string): string => `${ns}_behaviour_tests`;

/** Where the tests find the golden vectors (OUT/vectors next to the project). */
const VECTORS_DEFINE = 'PROTOFORGE_VECTORS_DIR="${CMAKE_CURRENT_SOURCE_DIR}/../vectors"';

/** A GoogleTest executable's links and warning flags, as the library's. */
function testTargetLines(ns: string, target: string, indent: string): string[] {
  return [`${indent}target_link_libraries(${target} PRIVATE ${ns}::${ns} GTest::gtest GTest::gtest_main)`, `${indent}target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror)`];
}

/** The coder's behaviour sources, picked up by name: `src/behaviour_*.cpp` into the library; header-only modules need nothing. */
function behaviourSourceLines(ns: string): string[] {
  const upper = ns.toUpperCase();
  return [
    "# The behaviour modules the application adds, picked up by name (the generated sources are listed above):",
    `# src/behaviour_*.cpp into the library; header-only ones, include/${ns}/behaviour_*.hpp, need nothing.`,
    `file(GLOB ${upper}_BEHAVIOUR_SOURCES CONFIGURE_DEPENDS src/behaviour_*.cpp)`,
    `target_sources(${ns} PRIVATE \${${upper}_BEHAVIOUR_SOURCES})`,
  ];
}

/** The coder's behaviour tests, test/behaviour_*_test.cpp, in their own executable with the label `behaviour`; only when there are any. */
function behaviourTestLines(ns: string): string[] {
  const upper = ns.toUpperCase();
  const target = behaviourTestTarget(ns);
  return [
    "  # The application's behaviour tests, picked up by name: test/behaviour_*_test.cpp in their own executable,",
    "  # labelled behaviour (`ctest -L behaviour` runs them alone; plain ctest runs every test).",
    `  file(GLOB ${upper}_BEHAVIOUR_TESTS CONFIGURE_DEPENDS test/behaviour_*_test.cpp)`,
    `  if(${upper}_BEHAVIOUR_TESTS)`,
    `    add_executable(${target} \${${upper}_BEHAVIOUR_TESTS})`,
    ...testTargetLines(ns, target, "    "),
    `    target_compile_definitions(${target} PRIVATE ${VECTORS_DEFINE})`,
    `    gtest_discover_tests(${target} DISCOVERY_TIMEOUT 60 NO_PRETTY_VALUES PROPERTIES LABELS behaviour)`,
    "  endif()",
  ];
}

/** `part`: what the transport core, the transport and the application add; `transport`: whether the project has one. */
export function cmakeFiles(files: FileSet, model: CppModel, part: CppTransportPart = EMPTY_PART, transport = false): void {
  const { ns, spec } = model;
  const upper = ns.toUpperCase();
  const transportLines = transport
    ? [
        `target_include_directories(${ns} SYSTEM PUBLIC $<BUILD_INTERFACE:\${ASIO_INCLUDE_DIR}>)`,
        `target_compile_definitions(${ns} PUBLIC ASIO_STANDALONE ASIO_NO_DEPRECATED)`,
        `target_link_libraries(${ns} PUBLIC Threads::Threads)`,
      ]
    : [];
  const f = files.file("cpp/CMakeLists.txt", "cmake");
  f.print(
    [
      "cmake_minimum_required(VERSION 3.20)",
      `project(${ns} VERSION ${cmakeVersion(spec.protocol.version)} LANGUAGES CXX)`,
      "",
      "# C++20, no compiler extensions; the library's own code builds with every warning an error.",
      "set(CMAKE_CXX_STANDARD 20)",
      "set(CMAKE_CXX_STANDARD_REQUIRED ON)",
      "set(CMAKE_CXX_EXTENSIONS OFF)",
      "",
      "include(GNUInstallDirs)",
      "include(CMakePackageConfigHelpers)",
      "",
      "# From the distribution (Debian: nlohmann-json3-dev); never fetched.",
      "find_package(nlohmann_json 3.10 REQUIRED)",
      "",
      ...(transport ? TRANSPORT_FIND_LINES : []),
      ...fuzzCmakeLines(model),
      `add_library(${ns}`,
      ...[...librarySources(model), ...part.sources].map((s) => `  ${s}`),
      ")",
      `add_library(${ns}::${ns} ALIAS ${ns})`,
      `target_include_directories(${ns}`,
      "  PUBLIC",
      "    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>",
      "    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>",
      "  PRIVATE",
      "    ${CMAKE_CURRENT_SOURCE_DIR}/src)",
      `target_compile_features(${ns} PUBLIC cxx_std_20)`,
      `target_link_libraries(${ns} PUBLIC nlohmann_json::nlohmann_json)`,
      `target_compile_options(${ns} PRIVATE -Wall -Wextra -Wpedantic -Werror)`,
      `set_target_properties(${ns} PROPERTIES POSITION_INDEPENDENT_CODE ON)`,
      ...transportLines,
      "",
      ...behaviourSourceLines(ns),
      ...(part.cmake.length > 0 ? ["", ...part.cmake] : []),
      "",
      `install(TARGETS ${ns} EXPORT ${ns}Targets`,
      "  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}",
      "  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}",
      "  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})",
      `install(DIRECTORY include/${ns} DESTINATION \${CMAKE_INSTALL_INCLUDEDIR})`,
      `install(EXPORT ${ns}Targets NAMESPACE ${ns}:: DESTINATION \${CMAKE_INSTALL_LIBDIR}/cmake/${ns})`,
      `configure_package_config_file(cmake/${ns}Config.cmake.in`,
      `  \${CMAKE_CURRENT_BINARY_DIR}/${ns}Config.cmake`,
      `  INSTALL_DESTINATION \${CMAKE_INSTALL_LIBDIR}/cmake/${ns})`,
      `write_basic_package_version_file(\${CMAKE_CURRENT_BINARY_DIR}/${ns}ConfigVersion.cmake`,
      "  COMPATIBILITY SameMajorVersion)",
      "install(FILES",
      `  \${CMAKE_CURRENT_BINARY_DIR}/${ns}Config.cmake`,
      `  \${CMAKE_CURRENT_BINARY_DIR}/${ns}ConfigVersion.cmake`,
      `  DESTINATION \${CMAKE_INSTALL_LIBDIR}/cmake/${ns})`,
      "",
      "# The tests: on when this is the top-level project.",
      "if(CMAKE_SOURCE_DIR STREQUAL PROJECT_SOURCE_DIR)",
      `  option(${upper}_BUILD_TESTS "Build the tests" ON)`,
      "else()",
      `  option(${upper}_BUILD_TESTS "Build the tests" OFF)`,
      "endif()",
      `if(${upper}_BUILD_TESTS)`,
      "  enable_testing()",
      "  find_package(GTest REQUIRED)",
      "  include(GoogleTest)",
      `  add_executable(${ns}_tests`,
      ...[...TEST_SOURCES, ...part.tests].map((s) => `    ${s}`),
      "  )",
      ...testTargetLines(ns, `${ns}_tests`, "  "),
      "  # The golden vectors: OUT/vectors next to this project, or $PROTOFORGE_VECTORS when the tests run.",
      `  target_compile_definitions(${ns}_tests PRIVATE ${VECTORS_DEFINE})`,
      `  gtest_discover_tests(${ns}_tests DISCOVERY_TIMEOUT 60 NO_PRETTY_VALUES)`,
      ...behaviourTestLines(ns),
      "endif()",
    ].join("\n"),
  );
  f.finish();
  const c = files.file(`cpp/cmake/${ns}Config.cmake.in`, "cmake");
  c.print(["@PACKAGE_INIT@", "", "include(CMakeFindDependencyMacro)", "find_dependency(nlohmann_json 3.10)", ...(transport ? ["find_dependency(Threads)"] : []), ...(part.config ?? []), "", `include("\${CMAKE_CURRENT_LIST_DIR}/${ns}Targets.cmake")`, `check_required_components(${ns})`].join("\n"));
  c.finish();
}
