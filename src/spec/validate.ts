// Semantic validation of a spec that passed the schema: every rule that
// needs more than one place of the spec. Returns all problems at once.
import type { SpecProblem } from "./problems.js";
import type { SpecInput } from "./schema.js";
import { validateBehaviour } from "./validate-behaviour.js";
import { ValidationContext } from "./validate-context.js";
import { validateMachines } from "./validate-machines.js";
import { validateMessages } from "./validate-messages.js";
import { validateOnInvalid } from "./validate-on-invalid.js";
import { validateRequirements } from "./validate-requirements.js";
import { validateTypes } from "./validate-types.js";

export function validateSpec(spec: SpecInput): SpecProblem[] {
  const ctx = new ValidationContext(spec);
  validateTypes(ctx);
  validateMessages(ctx);
  validateMachines(ctx);
  validateOnInvalid(ctx);
  validateRequirements(ctx);
  validateBehaviour(ctx);
  return ctx.problems;
}
