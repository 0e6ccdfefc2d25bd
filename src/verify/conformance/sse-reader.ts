// Reads a Server-Sent Events stream (wire-format §10.3) chunk by chunk: the
// data of each complete event; comment lines (the keepalive `:`) are skipped.
// Pure.

export interface SseEvent {
  readonly event: string;
  readonly id: string | undefined;
  readonly data: string;
}

export class SseReader {
  private pending = "";
  private event = "message";
  private id: string | undefined;
  private data: string[] = [];

  /** The events completed by `chunk`. */
  push(chunk: string): SseEvent[] {
    this.pending += chunk;
    const out: SseEvent[] = [];
    for (;;) {
      const at = this.pending.search(/\r\n|\n|\r/);
      // A CR at the end of a chunk may be the first half of a CRLF: wait for the next chunk.
      if (at < 0 || (at === this.pending.length - 1 && this.pending.endsWith("\r"))) break;
      const width = this.pending.startsWith("\r\n", at) ? 2 : 1;
      const line = this.pending.slice(0, at);
      this.pending = this.pending.slice(at + width);
      const event = this.line(line);
      if (event !== undefined) out.push(event);
    }
    return out;
  }

  private line(line: string): SseEvent | undefined {
    if (line === "") {
      const done = this.data.length === 0 ? undefined : { event: this.event, id: this.id, data: this.data.join("\n") };
      this.event = "message";
      this.data = [];
      return done;
    }
    if (line.startsWith(":")) return undefined;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") this.event = value;
    else if (field === "data") this.data.push(value);
    else if (field === "id") this.id = value;
    return undefined;
  }
}
