// How the C++ demo starts (docs/targets/cpp-contract.md, "Demo"): the C++
// profile's warning build leaves the demo's executables in OUT/cpp/build, so
// the demo runs as they are:
//   OUT/cpp/build/demo_server | demo_client
// The driver appends `--host H --port P`.
import { join } from "node:path";
import { pathExists } from "../../src/path-exists.js";
import type { DemoLaunch } from "./driver-source.js";
import { InteropError } from "./errors.js";

/** The build folder the demo runs from (the profile's warning build) and the programs' names (the CMake targets). */
export const CPP_DEMO_BUILD = "build";
export const CPP_DEMO_PROGRAMS = { server: "demo_server", client: "demo_client" } as const;

/** The demo's launch (pure). */
export function cppDemoLaunch(projectDir: string, role: "server" | "client"): DemoLaunch {
  return { cwd: projectDir, argv: [join(projectDir, CPP_DEMO_BUILD, CPP_DEMO_PROGRAMS[role])] };
}

/** The launch, once the program is there. */
export async function findCppDemo(projectDir: string, role: "server" | "client"): Promise<DemoLaunch> {
  const launch = cppDemoLaunch(projectDir, role);
  const program = launch.argv[0] as string;
  if (!(await pathExists(program))) throw new InteropError("demo-not-found", `${program} does not exist (was the project built with cmake --build ${CPP_DEMO_BUILD}?)`);
  return launch;
}
