// Black-box conformance of implementations against their spec (issue 11;
// docs/conformance.md). Servers over TCP today; UDP, HTTP and clients later.
export { CONFORMANCE_TRANSPORTS, type Accept, type AnswerCheck, type CaseFamily, type ConformanceCase, type ConformanceTransport, type FieldCheck, type Step } from "./case-model.js";
export { behaviourCases } from "./behaviour-cases.js";
export { type DeriveOptions, deriveServerCases } from "./derive-cases.js";
export { connectStream, type DatagramChannel, describeEndpoint, type Endpoint, openDatagramChannel, RELAY_MAX_DATAGRAM, streamTarget } from "./endpoint.js";
export { ConformanceError, type ConformanceErrorCode } from "./errors.js";
export { describeFrame, judgeAnswer, type JudgeContext } from "./judge.js";
export type { Link, LinkEvent, OpenLink } from "./link.js";
export { formatFooter, formatResult, reportJson, summaryLine } from "./report.js";
export { type CaseResult, type CaseTimings, DEFAULT_CASE_TIMINGS, runCase } from "./run-case.js";
export { checkSupported, CONFORMANCE_HOST, type ConformanceReport, judgeContextOf, openerFor, runCases, runServerConformance, type ServerRunOptions } from "./run-conformance.js";
export { casePattern, selectCases } from "./select-cases.js";
export { DEFAULT_SERVER_TIMEOUTS, type ServerTimeouts, startServer } from "./server-process.js";
export { tcpOpener } from "./tcp-link.js";
export { httpOpener } from "./http-link.js";
export { datagramHeader, releaseOpener, UdpLink, type UdpOpener, udpOpener } from "./udp-link.js";
