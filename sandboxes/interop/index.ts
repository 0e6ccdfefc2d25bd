// The interop matrix: every language's demo server against every other
// language's demo client, in the sandbox. See docs/interop.md.
export { runInteropMatrix, type InteropOptions } from "./run-matrix.js";
export { DEMO_COMMANDS, demoLaunch, pythonDemoPackage, type DemoCommand, type DemoContext, type DemoRole } from "./demo-commands.js";
export { DRIVER_SOURCE, type DemoLaunch, type DriverConfig } from "./driver-source.js";
export { InteropError, type InteropErrorCode } from "./errors.js";
export {
  DEFAULT_PAIR_TIMEOUTS,
  DRIVER_REPORT_MARKER,
  judgePair,
  orderedPairs,
  outputTail,
  parseListeningLine,
  readDriverReport,
  type DriverReport,
  type Listening,
  type PairTimeouts,
  type PairVerdict,
} from "./pairs.js";
