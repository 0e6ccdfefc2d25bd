// Server-Sent Events as the HTTP mapping uses them (wire format section 10.3).
//
// One event per message: `event: <Message>`, `id: <sequence>`, `data: <the
// envelope as compact JSON>`, then a blank line. A line starting with `:` is
// a comment (the server's keepalive).
import { dumpJson } from "../codec.js";

export const KEEPALIVE = ":\n\n";

/**
 * @param {string} name @param {number} seq @param {unknown} envelope
 * @returns {string}
 */
export function formatEvent(name, seq, envelope) {
  return `event: ${name}\nid: ${seq}\ndata: ${dumpJson(envelope)}\n\n`;
}

export class SseEvent {
  /** @param {string} event @param {string | null} id @param {string} data */
  constructor(event, id, data) {
    this.event = event;
    this.id = id;
    this.data = data;
  }
}

/** Reads an event stream line by line; `line` returns a complete event at its blank line. */
export class SseParser {
  constructor() {
    this._event = "message";
    /** @type {string | null} */
    this._id = null;
    /** @type {string[]} */
    this._data = [];
  }

  /** @param {string} raw @returns {SseEvent | null} */
  line(raw) {
    const line = raw.replace(/\r?\n$/, "").replace(/\r$/, "");
    if (line === "") {
      if (this._data.length === 0) {
        this._event = "message";
        return null;
      }
      const event = new SseEvent(this._event, this._id, this._data.join("\n"));
      this._event = "message";
      this._data = [];
      return event;
    }
    if (line.startsWith(":")) return null;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this._event = value;
    else if (field === "data") this._data.push(value);
    else if (field === "id") this._id = value;
    return null;
  }
}
