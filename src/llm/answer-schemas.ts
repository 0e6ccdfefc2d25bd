// The answers the prompts in prompts/ ask for, as zod schemas for
// askStructured. The prompt files describe these fields in words; the schema
// (sent along as JSON Schema) is the authority. Objects are not strict: a
// model that adds a key loses nothing, the key is dropped.
// (The architect answers in YAML, not JSON: see prompts/architect-design.md.)
import { z } from "zod";

export const fileWriteSchema = z.object({
  path: z.string().min(1).describe("Path of the file relative to the language's project folder, with forward slashes, e.g. src/chat/handlers.py"),
  content: z.string().describe("The complete new content of the file (never a diff or an excerpt)"),
});

export const specChangeSchema = z.object({
  reason: z.string().min(1).describe("Why the protocol layer itself must change; which requirement or failure needs it"),
  specYaml: z.string().min(1).describe("The complete revised spec, as YAML"),
});

/** The coder's answer, for coder-behaviour and coder-repair. */
export const coderAnswerSchema = z.object({
  summary: z.string().min(1).describe("What you changed and why, in a few sentences; name the requirements or failures addressed"),
  files: z.array(fileWriteSchema).describe("Every file you write, each with its complete content; only files you are allowed to edit"),
  specChange: specChangeSchema.nullable().optional().describe("Only when the generated protocol layer must change; otherwise null"),
});

export const reviewFindingSchema = z.object({
  severity: z.enum(["blocker", "major", "minor"]).describe("blocker: a requirement is not met or a rule is broken; major: wrong or fragile behaviour; minor: quality"),
  requirement: z.string().optional().describe("The requirement id concerned, e.g. R3"),
  file: z.string().optional().describe("The file concerned, relative to the language's project folder"),
  problem: z.string().min(1).describe("What is wrong, concretely, with the evidence"),
  suggestion: z.string().min(1).describe("What the coder should do about it"),
});

export const requirementTraceSchema = z.object({
  requirement: z.string().min(1).describe("The requirement id"),
  spec: z.array(z.string()).describe("Spec references that meet it, e.g. message:Report"),
  code: z.array(z.string()).describe("Files (and functions) that implement it"),
  tests: z.array(z.string()).describe("Tests that check it, e.g. tests/test_handlers.py::test_report_is_acknowledged"),
  status: z.enum(["met", "partial", "missing"]),
});

/** The reviewer's answer, for reviewer-review. An approval cannot carry blockers. */
export const reviewerAnswerSchema = z
  .object({
    verdict: z.enum(["approve", "request-changes"]),
    summary: z.string().min(1).describe("The review in two or three sentences"),
    trace: z.array(requirementTraceSchema).describe("One entry per requirement of the spec"),
    findings: z.array(reviewFindingSchema).describe("Problems found; empty when there are none"),
  })
  .refine((a) => a.verdict !== "approve" || a.findings.every((f) => f.severity !== "blocker"), {
    message: "verdict is approve but a finding is a blocker: request changes, or lower the finding's severity if it does not block",
    path: ["verdict"],
  });

export type CoderAnswer = z.output<typeof coderAnswerSchema>;
export type ReviewerAnswer = z.output<typeof reviewerAnswerSchema>;
