// Every conformance case of a spec's server, derived from the spec alone
// (pure, deterministic): session paths, wrong states, wire errors, messages
// of the wrong role, unknown ids, bad flags, keepalive, and when asked, over
// TCP, the multi-peer cases of the spec's behaviour section (behaviour-cases.ts).
import type { Spec } from "../../spec/model.js";
import { behaviourCases } from "./behaviour-cases.js";
import { createCaseKit } from "./case-kit.js";
import { constraintCases } from "./constraint-cases.js";
import type { ConformanceCase, ConformanceTransport } from "./case-model.js";
import { roleCases } from "./foreign-cases.js";
import { httpCases } from "./http-cases.js";
import { keepaliveCases } from "./keepalive-cases.js";
import { sessionCases, wrongStateCases } from "./session-cases.js";
import { udpServerCases } from "./udp-cases.js";
import { wireCases } from "./wire-cases.js";

export interface DeriveOptions {
  /** Adds family "behaviour" (TCP only, specs with a behaviour section). Off by default while no
   *  generated server implements the section: the tester's conformance and the runs stay as they were. */
  readonly behaviour?: boolean;
}

/** The cases for a stream (`tcp`, the default: every case tagged with the transports it suits),
 *  with `udp` for datagrams (udp-cases.ts: UDP frames, drops instead of closes), with `http`
 *  the session and state cases (sent through the HTTP link) and the status table (http-cases.ts). */
export function deriveServerCases(spec: Spec, transport: ConformanceTransport = "tcp", options: DeriveOptions = {}): ConformanceCase[] {
  const kit = createCaseKit(spec, transport === "udp" ? "udp" : "tcp");
  const cases =
    transport === "udp"
      ? udpServerCases(kit)
      : transport === "http"
        ? [...sessionCases(kit), ...wrongStateCases(kit), ...httpCases(kit)]
        : [...sessionCases(kit), ...wrongStateCases(kit), ...wireCases(kit), ...constraintCases(kit), ...roleCases(kit), ...keepaliveCases(kit), ...(options.behaviour === true ? behaviourCases(kit) : [])];
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`deriveServerCases: two cases are named ${c.name}`);
    names.add(c.name);
  }
  return cases;
}
