import { describe, expect, it } from "vitest";
import { analyse } from "../../agents/architect/offline/analyse.js";
import { patternsIn } from "../../agents/architect/offline/detect/patterns.js";
import { tokenise } from "../../agents/architect/offline/text/tokens.js";

const patterns = (text: string) => patternsIn(tokenise(text));

describe("pattern recognition", () => {
  it.each([
    ["Sensors report temperature every 30 seconds.", "telemetry"],
    ["Users join chat rooms and messages are broadcast to every member.", "rooms"],
    ["Clients subscribe to topics and the broker pushes published messages.", "pubsub"],
    ["Clients upload files in chunks and resume interrupted uploads.", "transfer"],
    ["A key-value store with get, put and delete.", "kv"],
    ["Workers acquire locks under a lease.", "lock"],
    ["Printers are found by a discovery broadcast.", "discovery"],
    ["The hub sends commands that are retried until acknowledged.", "command"],
    ["Devices send a heartbeat.", "heartbeat"],
    ["Show who is online with presence.", "presence"],
    ["Clients reconnect after a disconnection and resume the session.", "session"],
    ["Cameras stream video.", "stream"],
  ])("finds the pattern in %j", (text, id) => {
    expect(patterns(text)).toContain(id);
  });

  it("finds several patterns in a mixed description", () => {
    const a = analyse({ description: "Robots report battery every second, receive commands that must be acknowledged, and acquire locks on aisles. They send a heartbeat every 5 seconds." });
    expect([...a.patterns.keys()].sort()).toEqual(["command", "heartbeat", "lock", "telemetry"]);
  });

  it("counts weak cues only where no other pattern claims the sentence", () => {
    expect(patterns("The lock service notifies holders when a lease expires.")).toEqual(["lock"]);
    expect(patterns("The server notifies users of new releases.")).toEqual(["pubsub"]);
  });

  it("matches by stem, by prefix and by exact word", () => {
    expect(patterns("Sensors reported readings.")).toContain("telemetry");
    expect(patterns("Read the configuration.")).not.toContain("telemetry");
  });

  it("decides who sends commands from the sentence", () => {
    expect(analyse({ description: "The hub sends commands to devices." }).commandsFromResponder).toBe(true);
    expect(analyse({ description: "Users send commands to the server." }).commandsFromResponder).toBe(false);
    expect(analyse({ description: "Devices receive commands from the controller." }).commandsFromResponder).toBe(true);
  });
});
