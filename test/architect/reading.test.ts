// General reading rules on sentences written for these tests: roles from
// subjects and objects, fields from attribute lists, operations with their
// subject, key and anaphora, frequencies in words.
import { describe, expect, it } from "vitest";
import { analyse } from "../../agents/architect/offline/analyse.js";
import { phraseFields } from "../../agents/architect/offline/detect/phrase-fields.js";
import { designSpec } from "../../agents/architect/offline/design-spec.js";
import { pastOf, words } from "../../agents/architect/offline/text/words.js";
import type { Spec } from "../../src/spec/model.js";
import { modelCheck } from "../../src/verify/model-check.js";

const design = (description: string): Spec => {
  const { spec } = designSpec({ description });
  expect(modelCheck(spec).findings).toEqual([]);
  return spec;
};
const fields = (text: string, owner = "thing") => phraseFields(words(text), owner);
const field = (text: string, name: string) => fields(text).fields.find((f) => f.name === name);
const message = (spec: Spec, name: string) => spec.messages.find((m) => m.name === name);

describe("roles from who talks to whom", () => {
  it("takes the subject of a communication verb as the initiator and the central object as the responder", () => {
    const a = analyse({ description: "Each loading dock scale reports every weighing to the yard server." });
    expect(a.roles.initiator.name).toBe("scale");
    expect(a.roles.responder.name).toBe("server");
  });

  it("keeps table names for known nouns and reads 'X connect to Y'", () => {
    const a = analyse({ description: "Delivery trucks connect to a routing hub and report their fuel level." });
    expect(a.roles.initiator.name).toBe("vehicle");
    expect(a.roles.responder.name).toBe("hub");
  });

  it("reads the receiver of what a central party sends as the initiator", () => {
    const a = analyse({ description: "A batch scheduler sends tasks to render nodes." });
    expect(a.roles.responder.name).toBe("scheduler");
    expect(a.roles.initiator.name).toBe("node");
  });

  it("names the owner of a generic device ('couriers' phones')", () => {
    const a = analyse({ description: "Couriers' phones share their position every 10 seconds with the dispatch server." });
    expect(a.roles.initiator.name).toBe("courier");
    expect(a.roles.responder.name).toBe("dispatcher");
  });

  it("does not take a verb for a role noun ('both sides exchange')", () => {
    const a = analyse({ description: "Tutors and pupils open a lesson with a topic, then both sides exchange notes in the lesson." });
    expect(a.roles.responder.name).not.toBe("exchange");
  });
});

describe("fields from attribute lists", () => {
  it("takes units and time suffixes from 'in <unit>'", () => {
    expect(field("a clip duration in seconds", "clip_duration_s")).toMatchObject({ unit: "s" });
    expect(field("a duration in seconds", "duration_s")).toMatchObject({ type: "uint32", unit: "s" });
    expect(field("the distance in kilometres", "distance")).toMatchObject({ unit: "km" });
    expect(field("the deposit in cents", "deposit")).toMatchObject({ type: "int64", unit: "cents" });
  });

  it("reads ranges, percentages, list bounds and plurals", () => {
    expect(field("a severity from 1 to 4", "severity")).toMatchObject({ type: "uint8", min: 1, max: 4 });
    expect(field("the charge as a percentage", "charge_percent")).toMatchObject({ type: "uint8", min: 0, max: 100 });
    expect(field("up to three photo captions", "captions")).toMatchObject({ type: "list<string>", maxItems: 3 });
    expect(field("the sampled values", "sampled_values")).toMatchObject({ type: "list<float64>" });
  });

  it("names compounds by all their words and types them by the head", () => {
    expect(field("a thumbnail URL", "thumbnail_url")).toMatchObject({ type: "string", maxLength: 2048 });
    expect(field("a stock change", "stock_change")).toMatchObject({ type: "int32" });
    expect(field("the locker id and the pickup time", "locker_id")).toMatchObject({ type: "string" });
    expect(field("the locker id and the pickup time", "pickup_time")).toMatchObject({ type: "timestamp" });
    expect(field("the currency code", "currency")).toMatchObject({ minLength: 3, maxLength: 3 });
  });

  it("reads 'whether …' as a bool named by its predicate and parentheses as an enum", () => {
    expect(field("whether the gate was forced", "forced")).toMatchObject({ type: "bool" });
    const pf = fields("its mode (eco, boost, off)", "heater");
    expect(pf.fields[0]).toMatchObject({ name: "mode", type: "HeaterMode" });
    expect(pf.types[0]).toMatchObject({ kind: "enum", name: "HeaterMode" });
  });
});

describe("operations", () => {
  it("reads 'it' and 'one' as the object just named", () => {
    const spec = design("Players open a dispute with a subject, then moderators can close it. Players can list their replays and restore one by id.");
    expect(message(spec, "OpenDispute")?.fields.map((f) => f.name)).toContain("subject");
    expect(message(spec, "CloseDispute")).toBeDefined();
    expect(message(spec, "RestoreReplay")?.fields.map((f) => f.name)).toContain("replay_id");
  });

  it("reads 'by <key>', 'by sending …' and 'get its …'", () => {
    const spec = design("Librarians look up a book by barcode and get its title and shelf code. Librarians adjust a loan by sending the loan id and a day change, and the server confirms the new due date.");
    expect(message(spec, "GetBook")?.fields.map((f) => f.name)).toEqual(["barcode"]);
    expect(message(spec, "Book")?.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["title", "shelf_code"]));
    expect(message(spec, "AdjustLoan")?.fields.map((f) => f.name)).toEqual(["loan_id", "day_change"]);
    expect(message(spec, "LoanAdjusted")?.fields.map((f) => f.name)).toContain("due_at");
  });

  it("sends an operation from the role of its subject", () => {
    const spec = design("Workers connect to a job scheduler and report progress. The scheduler can cancel a task.");
    expect(message(spec, "CancelTask")?.from).toBe("responder");
    expect(message(spec, "TaskCancelled")?.from).toBe("initiator");
  });

  it("does not read a noun's modifier or a past participle as a verb", () => {
    const a = analyse({ description: "The hub sends print jobs to printers; each printer reports its status (idle, printing, jammed)." });
    expect(a.operations.map((o) => o.verb.verb)).toEqual([]);
  });
});

describe("patterns and numbers in words", () => {
  it("reads 'twice per second' and number words as rates", () => {
    const spec = design("Balloons transmit altitude and pressure twice per second to a ground station over UDP.");
    expect(message(spec, "Report")?.intervalMs).toBe(500);
    const five = design("Gliders send altitude and heading five times per second to a base.");
    expect(message(five, "Report")?.intervalMs).toBe(200);
  });

  it("makes a report of measured values sent with any send verb", () => {
    const spec = design("Beehive scales transmit weight and humidity to the apiary server.");
    expect(message(spec, "Report")?.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["humidity"]));
  });

  it("joins any named group ('join a tournament')", () => {
    const spec = design("Players join a tournament with a nickname and submit a move.");
    expect(message(spec, "JoinTournament")).toBeDefined();
    expect(message(spec, "Hello")?.fields.map((f) => f.name) ?? message(spec, "Login")?.fields.map((f) => f.name)).toContain("nickname");
  });

  it("does not read a door lock as a distributed lock", () => {
    const a = analyse({ description: "Door locks connect to a hub; the hub sends lock and unlock commands." });
    expect(a.patterns.has("lock")).toBe(false);
    expect(analyse({ description: "Workers acquire named locks from a lock service." }).patterns.has("lock")).toBe(true);
  });

  it("forms past participles for event names", () => {
    expect(["enters", "leaves", "closes", "changed", "arrives", "stops", "empties"].map(pastOf)).toEqual(["entered", "left", "closed", "changed", "arrived", "stopped", "emptied"]);
  });
});
