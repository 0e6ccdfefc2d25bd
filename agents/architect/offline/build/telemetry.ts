// Telemetry: the initiator reports readings (the attributes the description
// names) periodically; acknowledged unless the description says otherwise
// or reports are too frequent for an acknowledgement each.
import { addTrace, emptyContribution, event, field, request, response, type Contribution, type FieldDraft } from "../draft.js";
import { ERROR_REPLY, optional, timestamp, u32, type BuildContext } from "./context.js";

export function buildTelemetry(ctx: BuildContext): Contribution {
  const c = emptyContribution();
  const reqs = ctx.reqsOf("telemetry");
  const iv = ctx.interval("telemetry") ?? ctx.a.numbers.intervals.find((i) => reqs.includes(i.reqId) && i.subject === undefined);
  let attrs = ctx.attributesIn(reqs);
  if (attrs.length === 0) attrs = ctx.attributesIn(ctx.a.requirements.map((r) => r.id));
  const readingFields: FieldDraft[] = [timestamp("taken_at", "When the values were measured.")];
  readingFields.push(...attrs.map((h) => h.field));
  if (attrs.length === 0) {
    readingFields.push(field("metric", "string", "What was measured.", { minLength: 1, maxLength: 64, pattern: "[a-z0-9_.]+" }), field("value", "float64", "The measured value."), optional(field("unit", "string", "Unit of the value.", { maxLength: 16 })));
    c.assumptions.push("The description names no measured quantities, so a report carries a generic metric name and value.");
  }
  c.types.push(...ctx.enumsFor(attrs));
  const explicitAck = ctx.has("ack");
  const acked = !ctx.has("fireAndForget") && (explicitAck || iv === undefined || iv.ms >= 1000);
  const batch = ctx.has("batch");
  const fields: FieldDraft[] = batch
    ? [u32("seq", "Increments with every report; lets the collector spot gaps."), field("readings", "list<Reading>", "Readings taken since the last report, oldest first.", { minItems: 1, maxItems: 100 })]
    : [u32("seq", "Increments with every report; lets the collector spot gaps."), ...readingFields];
  if (batch) c.types.push({ kind: "struct", name: "Reading", doc: "One set of values measured together.", fields: readingFields });
  const doc = `${batch ? "A batch of readings" : "One reading"}${iv ? `, sent every ${iv.ms} ms` : ""}.`;
  const extras = iv ? { intervalMs: iv.ms, reliable: acked } : { reliable: acked };
  if (acked) {
    c.messages.push(
      request("initiator", "Report", doc, fields, ["ReportAck"], { error: ERROR_REPLY, ...extras }),
      response("responder", "ReportAck", "Confirms that a report was stored.", [u32("seq", "The report's sequence number."), timestamp("stored_at", "When the report was stored.")]),
    );
    addTrace(c, "feature:ack", "message:ReportAck");
    if (!explicitAck) c.assumptions.push("Each report is acknowledged (ReportAck) so the reporter knows it was stored and can resend after a timeout.");
  } else {
    c.messages.push(event("initiator", "Report", doc, fields, extras));
    c.assumptions.push("Reports are not acknowledged one by one; a lost report is superseded by the next.");
  }
  c.errors.push("invalid_request", "unavailable");
  addTrace(c, "pattern:telemetry", "message:Report", ...attrs.map((h) => `field:${batch ? "Reading" : "Report"}.${h.field.name}`));
  for (const h of attrs) addTrace(c, `req:${h.reqId}`, `field:${batch ? "Reading" : "Report"}.${h.field.name}`);
  if (iv) addTrace(c, `req:${iv.reqId}`, "message:Report");
  else c.assumptions.push("The description gives no reporting interval; the responder sets it in the handshake response (report_interval_ms).");
  if (batch) addTrace(c, "feature:batch", "type:Reading", "field:Report.readings");
  return c;
}
