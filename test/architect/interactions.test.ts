// General reading of who sends what to whom (detect/interactions.ts), on
// sentences written for these tests.
import { describe, expect, it } from "vitest";
import { designSpec } from "../../agents/architect/offline/design-spec.js";
import type { Spec } from "../../src/spec/model.js";
import { modelCheck } from "../../src/verify/model-check.js";

const design = (description: string): Spec => {
  const { spec } = designSpec({ description });
  expect(modelCheck(spec).findings).toEqual([]);
  return spec;
};
const message = (spec: Spec, name: string) => spec.messages.find((m) => m.name === name);
const names = (spec: Spec) => spec.messages.map((m) => m.name);
const fieldOf = (spec: Spec, msg: string, field: string) => message(spec, msg)?.fields.find((f) => f.name === field);

describe("messages from communication verbs", () => {
  it("names events after a 'when' clause, one per coordinated verb", () => {
    const spec = design("Each turnstile reports when a visitor enters or exits, with the ticket code and the time.");
    expect(names(spec)).toEqual(expect.arrayContaining(["VisitorEntered", "VisitorExited"]));
    expect(fieldOf(spec, "VisitorEntered", "ticket_code")?.typeText).toBe("string");
    expect(fieldOf(spec, "VisitorEntered", "time")?.typeText).toBe("timestamp");
  });

  it("keeps a verb's particle in the event name", () => {
    const spec = design("Chargers report when a scooter plugs in or unplugs, with the dock number.");
    expect(names(spec)).toEqual(expect.arrayContaining(["ScooterPluggedIn", "ScooterUnplugged"]));
  });

  it("turns a report into a request when the other side replies, with a 'whether' bool", () => {
    const spec = design("Readers report when a badge is presented, with the badge id, and the server replies with whether the door should unlock.");
    const req = message(spec, "BadgePresented");
    expect(req?.kind).toBe("request");
    const answer = message(spec, req?.responses[0] ?? "");
    expect(answer?.kind).toBe("response");
    expect(answer?.fields.find((f) => f.name === "unlock")?.typeText).toBe("bool");
  });

  it("reads '<noun> requests' and an 'X or Y with a reason' answer", () => {
    const spec = design("Tills send credit requests with the amount in cents and a customer id to the bank gateway, which answers granted or refused with a reason.");
    expect(message(spec, "CreditRequest")?.responses).toEqual(["CreditResult"]);
    expect(fieldOf(spec, "CreditRequest", "amount")).toMatchObject({ typeText: "int64", unit: "cents" });
    expect(fieldOf(spec, "CreditRequest", "customer_id")?.typeText).toBe("string");
    const outcome = fieldOf(spec, "CreditResult", "outcome");
    const values = spec.types.find((t) => t.name === outcome?.typeText);
    expect(values?.kind === "enum" ? values.values.map((v) => v.name) : []).toEqual(["granted", "refused"]);
    expect(fieldOf(spec, "CreditResult", "reason")).toBeDefined();
  });

  it("makes an offer a request from the offering side, answered by accepting or declining", () => {
    const spec = design("Couriers' phones share their position every 10 seconds with the dispatch server. The dispatcher offers a delivery to a courier with the pickup address and the fee; the courier accepts or declines within 20 seconds.");
    const offer = message(spec, "DeliveryOffer");
    expect(offer?.kind).toBe("request");
    expect(offer?.from).toBe("responder");
    expect(offer?.responses).toEqual(["DeliveryAccepted", "DeliveryDeclined"]);
    expect(fieldOf(spec, "DeliveryOffer", "pickup_address")).toBeDefined();
    expect(fieldOf(spec, "DeliveryOffer", "fee")?.typeText).toBe("int64");
  });

  it("gives what was sent the answers 'accepts or rejects' names", () => {
    const spec = design("A print server sends print jobs to printers. Each print job has a document name and a copy count. The printer accepts or rejects the job and reports progress as a percentage.");
    expect(names(spec)).toEqual(expect.arrayContaining(["JobAccepted", "JobRejected"]));
    expect(fieldOf(spec, "PrintJobProgress", "progress_percent")).toMatchObject({ typeText: "uint8", constraints: { min: 0, max: 100 } });
    expect(message(spec, "PrintJob")).toMatchObject({ kind: "request", from: "responder", responses: ["JobAccepted", "JobRejected"] });
    expect(fieldOf(spec, "PrintJob", "copy_count")?.typeText).toBe("uint32");
  });

  it("reads pushes and broadcasts from the central side as events", () => {
    const spec = design("Buzzers join a pub quiz with a team name. The host console pushes each round with up to six questions, and the console broadcasts the leaderboard after each round.");
    expect(message(spec, "Leaderboard")).toMatchObject({ kind: "event", from: "responder" });
    expect(fieldOf(spec, "Round", "questions")).toMatchObject({ typeText: "list<string>", constraints: { maxItems: 6 } });
  });

  it("reads 'are notified when …' as an event from the responder", () => {
    const spec = design("Residents use an app to track parcels. Residents are notified when a parcel arrives.");
    expect(message(spec, "ParcelArrived")).toMatchObject({ kind: "event", from: "responder" });
  });

  it("reads 'request a <noun> of <attribute>' as a request", () => {
    const spec = design("Kiosks can request a reprint of an earlier receipt number.");
    expect(message(spec, "ReprintRequest")?.responses).toEqual(["ReprintResult"]);
    expect(fieldOf(spec, "ReprintRequest", "receipt_number")).toBeDefined();
  });

  it("names a generic report after what the conversation is about", () => {
    const spec = design("A render farm controller sends render jobs to nodes. Each node sends the result with the output checksums.");
    expect(message(spec, "RenderJobResult")).toMatchObject({ from: "initiator" });
    expect(fieldOf(spec, "RenderJobResult", "output_checksums")?.typeText).toBe("list<string>");
  });

  it("reads a state report with values in parentheses as an enum", () => {
    const spec = design("Pumps connect to a plant controller. Each pump reports its mode (idle, running, fault) and outlet pressure whenever it changes.");
    const f = spec.messages.flatMap((m) => m.fields).find((x) => x.name === "mode");
    const t = spec.types.find((x) => x.name === f?.typeText);
    expect(t?.kind === "enum" ? t.values.map((v) => v.name) : []).toEqual(["idle", "running", "fault"]);
  });

  it("makes no message of what a pattern already designs", () => {
    const spec = design("Sensors send a heartbeat every 10 seconds and report temperature every minute.");
    expect(names(spec).filter((n) => /Heartbeat/.test(n))).toEqual(["Heartbeat"]);
  });
});
