import { describe, expect, it } from "vitest";
import { designSpec } from "../../agents/architect/offline/design-spec.js";
import type { Field, Spec } from "../../src/spec/model.js";

const fieldOf = (spec: Spec, message: string, name: string): Field | undefined =>
  spec.messages.find((m) => m.name === message)?.fields.find((f) => f.name === name) ??
  spec.types.flatMap((t) => (t.kind === "struct" && t.name === message ? t.fields : [])).find((f) => f.name === name);

describe("field inference", () => {
  it("types attributes with units and ranges", () => {
    const { spec } = designSpec({ description: "Sensors report temperature, humidity, latitude and battery percentage every minute." });
    expect(fieldOf(spec, "Report", "temperature")).toMatchObject({ typeText: "float32", unit: "celsius" });
    expect(fieldOf(spec, "Report", "humidity")?.constraints).toEqual({ min: 0, max: 100 });
    expect(fieldOf(spec, "Report", "latitude")).toMatchObject({ typeText: "float64", constraints: { min: -90, max: 90 } });
    expect(fieldOf(spec, "Report", "battery_percent")).toMatchObject({ typeText: "uint8", unit: "percent", constraints: { min: 0, max: 100 } });
  });

  it("reads '<noun> percentage' for nouns it does not know", () => {
    const { spec } = designSpec({ description: "Pumps report valve percentage every 10 seconds." });
    expect(fieldOf(spec, "Report", "valve_percent")?.constraints).toEqual({ min: 0, max: 100 });
  });

  it("bounds message text from 'up to 4 KiB'", () => {
    const { spec } = designSpec({ description: "Users join rooms and send chat messages of up to 4 KiB." });
    expect(fieldOf(spec, "SendMessage", "text")?.constraints.maxLength).toBe(4096);
  });

  it("gives a username a pattern and a length", () => {
    const { spec } = designSpec({ description: "Users log in with a username of 3 to 20 characters and a password, then join rooms." });
    expect(fieldOf(spec, "Login", "username")?.constraints).toEqual({ minLength: 3, maxLength: 20, pattern: "[A-Za-z0-9_.-]+" });
    expect(fieldOf(spec, "Login", "password")?.constraints.minLength).toBe(8);
  });

  it("types attributes listed after 'with' by their names", () => {
    const { spec } = designSpec({ description: "Users create, update and delete tasks with a title, due date and owner name." });
    expect(fieldOf(spec, "CreateTask", "title")).toMatchObject({ typeText: "string" });
    expect(fieldOf(spec, "CreateTask", "due_at")).toMatchObject({ typeText: "timestamp" });
    expect(fieldOf(spec, "CreateTask", "owner_name")).toMatchObject({ typeText: "string" });
    expect(spec.messages.map((m) => m.name)).toEqual(expect.arrayContaining(["UpdateTask", "TaskUpdated", "DeleteTask", "TaskDeleted"]));
  });

  it("declares enums for enum attributes", () => {
    const { spec } = designSpec({ description: "Traders place orders with a symbol, side, quantity and price." });
    expect(fieldOf(spec, "PlaceOrder", "side")?.typeText).toBe("Side");
    expect(spec.types.find((t) => t.name === "Side")).toMatchObject({ kind: "enum" });
  });
});
