// The names the demo programs, the README and the interop driver share: the
// CMake targets `demo_server` and `demo_client` (built into the build folder),
// the demo's folder, its session headers and the facade headers.
import type { CppView } from "./view.js";

export interface DemoTargets {
  /** CMake executable targets (and the programs' names in the build folder). */
  readonly server: string;
  readonly client: string;
  /** Under cpp/: the demo's sources. */
  readonly dir: string;
  /** Under dir: the sessions the programs and the facade tests run (run_server; Result, converse, run_client). */
  readonly serverSession: string;
  readonly clientSession: string;
  /** Under include/<ns>/: the facades. */
  readonly serverHeader: string;
  readonly clientHeader: string;
}

export const demoTargets = (_view: CppView): DemoTargets => ({
  server: "demo_server",
  client: "demo_client",
  dir: "demo",
  serverSession: "demo_server.hpp",
  clientSession: "demo_client.hpp",
  serverHeader: "server.hpp",
  clientHeader: "client.hpp",
});
