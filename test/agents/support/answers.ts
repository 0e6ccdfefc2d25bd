// Scripted model answers for the workflow tests: the architect's YAML (the
// offline design of the seed's sensor description, fenced), the coder's and
// the reviewer's JSON.
import { designSpec } from "../../../agents/architect/offline/design-spec.js";
import { BEHAVIOUR_TEST, HANDLERS, PKG } from "./fake-emitter.js";

export const SENSOR_DESCRIPTION =
  "sensors report temperature data every 30 seconds to a central server, with acknowledgment messages and error handling for network failures";

export function sensorSpecYaml(): string {
  return designSpec({ description: SENSOR_DESCRIPTION }, { transport: "tcp" }).specYaml;
}

export function architectAnswer(yaml = sensorSpecYaml()): string {
  return `Here is the spec.\n\n\`\`\`yaml\n${yaml}\`\`\`\n`;
}

export interface FileWrite {
  readonly path: string;
  readonly content: string;
}

export function coderAnswer(summary: string, files: readonly FileWrite[]): string {
  return JSON.stringify({ summary, files, specChange: null });
}

/** handlers.py relative to the python project, with `BROKEN:` markers for the fake tester. */
export function handlers(...broken: string[]): FileWrite {
  const markers = broken.map((b) => `# BROKEN:${b}\n`).join("");
  return { path: HANDLERS.slice("python/".length), content: `"""Behaviour written by the coder."""\n${markers}\n\ndef on_report(seq: int) -> int:\n    return seq\n` };
}

/** The coder's behaviour test with `assertions` assertEqual calls. */
export function behaviourTest(assertions: number): FileWrite {
  const checks = Array.from({ length: assertions }, (_, i) => `        self.assertEqual(on_report(${i + 1}), ${i + 1})\n`).join("");
  return {
    path: BEHAVIOUR_TEST.slice("python/".length),
    content: `import unittest\n\nfrom ${PKG}.handlers import on_report\n\n\nclass ReportTest(unittest.TestCase):\n    def test_report_is_acknowledged(self) -> None:\n${checks}`,
  };
}

export function approve(summary = "Every requirement is met and tested."): string {
  return JSON.stringify({ verdict: "approve", summary, trace: [], findings: [] });
}

export function requestChanges(problem: string): string {
  return JSON.stringify({
    verdict: "request-changes",
    summary: "A requirement is not met.",
    trace: [],
    findings: [{ severity: "blocker", requirement: "R2", file: `src/${PKG}/handlers.py`, problem, suggestion: "Fix it." }],
  });
}

/** A behaviour test that passes against the real generated sensor layer: every report is acknowledged with its seq. */
export const SENSOR_BEHAVIOUR_TEST = `"""Behaviour written by the coder: every report is acknowledged with its own seq (R1, R2)."""

from __future__ import annotations

import unittest
from typing import cast

from sensor_telemetry.handlers import ServerHandlers
from sensor_telemetry.messages import Report, ReportAck
from sensor_telemetry.transport.session import ServerSession


class ReportBehaviourTest(unittest.IsolatedAsyncioTestCase):
    async def test_report_is_acknowledged_with_its_seq(self) -> None:
        handlers = ServerHandlers(clock=lambda: 1_700_000_000_000)
        report = Report(seq=7, taken_at=1_700_000_000_000, temperature=21.5)
        answer = await handlers.on_report(cast(ServerSession, None), report)
        self.assertIsInstance(answer, ReportAck)
        assert isinstance(answer, ReportAck)
        self.assertEqual(answer.seq, 7)
        self.assertEqual(answer.stored_at, 1_700_000_000_000)
`;
