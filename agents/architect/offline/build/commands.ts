// Commands that must be retried until acknowledged: each carries an id the
// acknowledgement echoes, so a retransmitted command is executed once. The
// side that commands (often the hub, the responder) follows the description.
import type { RoleId } from "../../../../src/spec/model.js";
import { addTrace, emptyContribution, field, request, response, type Contribution, type FieldDraft } from "../draft.js";
import { COMMAND_ACTIONS } from "../vocabulary/commands.js";
import { ERROR_REPLY, optional, u32, type BuildContext } from "./context.js";

export function buildCommands(ctx: BuildContext): Contribution {
  const c = emptyContribution();
  const from: RoleId = ctx.a.commandsFromResponder ? "responder" : "initiator";
  const to: RoleId = from === "initiator" ? "responder" : "initiator";
  const actions = ctx.a.commandActions;
  const ackName = ctx.has("ack") ? "CommandAck" : "CommandResult";
  const action: FieldDraft = actions.length > 0 ? field("action", "CommandAction", "What to do.") : field("action", "string", "What to do.", { minLength: 1, maxLength: 64, pattern: "[a-z_]+" });
  if (actions.length > 0) {
    c.types.push({
      kind: "enum",
      name: "CommandAction",
      doc: "Actions a command can ask for.",
      values: actions.map((name, i) => ({ name, value: i, doc: COMMAND_ACTIONS.find((a) => a.name === name)?.doc ?? `${name}.` })),
    });
  }
  c.types.push({
    kind: "enum",
    name: "CommandStatus",
    doc: "Outcome of a command.",
    values: [
      { name: "done", value: 0, doc: "Carried out." },
      { name: "accepted", value: 1, doc: "Accepted; will be carried out." },
      { name: "rejected", value: 2, doc: "Refused: not allowed or not understood." },
      { name: "failed", value: 3, doc: "Tried and failed." },
    ],
  });
  const attrs = ctx.attributesIn(ctx.reqsOf("command"));
  c.types.push(...ctx.enumsFor(attrs));
  const params: FieldDraft[] = attrs.length > 0 ? attrs.map((h) => optional(h.field)) : [optional(field("value", "string", "Argument of the action, if it takes one.", { maxLength: 256 }))];
  const commandId = u32("command_id", "Unique per sender; a retransmission reuses it, so the command runs once.");
  c.messages.push(
    request(from, "Command", `Asks the ${ctx.a.roles[to].name.replace(/_/g, " ")} to act; retransmitted until acknowledged.`, [commandId, action, ...params, optional(u32("deadline_ms", "Give up if it cannot be done within this long.", { unit: "ms" }))], [ackName], {
      reliable: true,
      ...(from === "initiator" ? { error: ERROR_REPLY } : {}),
    }),
    response(to, ackName, "Acknowledges a command and says how it went.", [commandId, field("status", "CommandStatus", "The outcome."), optional(field("detail", "string", "Explanation when it did not succeed.", { maxLength: 256 }))]),
  );
  addTrace(c, "pattern:command", "message:Command", `message:${ackName}`, "field:Command.command_id", "timing:retry");
  c.errors.push("command_failed");
  c.assumptions.push(`Commands go from the ${ctx.a.roles[from].name.replace(/_/g, " ")} to the ${ctx.a.roles[to].name.replace(/_/g, " ")}, one at a time; an unacknowledged command is retransmitted with the same command_id (timing.retry), and duplicates are acknowledged again without acting twice.`);
  return c;
}
