// Black-box conformance of clients (docs/conformance.md, "Clients"): a
// scripted server plays the server's side, the client command runs once per
// case against it.
export type { ClientCase, ClientCaseFamily, ClientOutcome, Twist } from "./client-case-model.js";
export { type ClientCaseTimings, DEFAULT_CLIENT_CASE_TIMINGS, deriveClientCases, representativeCode } from "./client-cases.js";
export { ClientMachineTracker } from "./client-machine.js";
export { type ClientExit, type ClientLauncher, launchLocalClient, type RunningClient } from "./client-process.js";
export { clientReportJson, formatClientFooter, selectClientCases } from "./client-report.js";
export { ConnectionJudge } from "./connection-judge.js";
export { judgeClientRun, type ClientRunFacts } from "./judge-client.js";
export { type ClientCaseResult, type ClientRunTimings, DEFAULT_CLIENT_RUN_TIMINGS, runClientCase } from "./run-client-case.js";
export { checkClientSupported, type ClientConformanceReport, type ClientRunOptions, runClientConformance } from "./run-client-conformance.js";
export { DEFAULT_LISTEN, describeListen, type ListenTarget, type ScriptedServer, startScriptedServer } from "./scripted-server.js";
export { flowPlanOf, ServerPlay } from "./server-play.js";
