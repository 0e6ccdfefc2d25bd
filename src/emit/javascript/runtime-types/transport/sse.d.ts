/** The keepalive comment the server writes on a quiet event stream. */
export declare const KEEPALIVE: ":\n\n";
/** `event: <name>`, `id: <seq>`, `data: <envelope as compact JSON>`, blank line. */
export declare function formatEvent(name: string, seq: number, envelope: unknown): string;
export declare class SseEvent {
  constructor(event: string, id: string | null, data: string);
  readonly event: string;
  readonly id: string | null;
  readonly data: string;
}
/** Reads an event stream line by line; `line` returns a complete event at its blank line. */
export declare class SseParser {
  line(raw: string): SseEvent | null;
}
