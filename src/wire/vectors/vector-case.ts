// The cases golden vectors are made of, before they become files.
import type { ControlKind } from "../header.js";
import type { JsonObject } from "../values.js";
import type { WireErrorCode } from "../wire-error.js";

export interface ValidCase {
  readonly name: string;
  /** The message, or null for a control frame. */
  readonly message: string | null;
  readonly control?: ControlKind;
  readonly seq: number;
  readonly flags: number;
  readonly frame: Uint8Array;
  readonly envelope: JsonObject;
}

export interface InvalidCase {
  readonly name: string;
  readonly frame: Uint8Array;
  readonly error: WireErrorCode;
  /** As the reference decoder reports them. */
  readonly message?: string;
  readonly path?: string;
}

/** Sequence numbers handed out in case order, from 1. */
export class SequenceCounter {
  private last = 0;
  next(): number {
    return ++this.last;
  }
}
