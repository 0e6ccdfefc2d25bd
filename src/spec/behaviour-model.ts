// The spec's behaviour section as the rest of protoforge sees it
// (docs/decisions/0009): validated references, defaults filled in, lists
// where the YAML allowed one name. Field references stay `Message.field`.

export interface Behaviour {
  readonly session?: SessionBehaviour;
  readonly groups: readonly Group[];
  readonly guards: readonly Guard[];
  readonly idempotent: readonly Idempotent[];
  readonly sequence: readonly Sequence[];
  readonly progress: readonly Progress[];
}

export interface SessionBehaviour {
  readonly doc?: string;
  /** The authentication request's field naming who the session is. */
  readonly identity: string;
  /** The error answering an authentication under a live session's identity. */
  readonly unique?: string;
  /** Client messages that end the session. */
  readonly ends: readonly string[];
  readonly resume?: Resume;
}

export interface Resume {
  /** Answer fields handing out a token; the first at authentication. */
  readonly token: readonly string[];
  /** The request field presenting a token. */
  readonly present: string;
  readonly window: { readonly ms: number; readonly field?: string };
  readonly expired: string;
  /** Groups whose memberships come back. */
  readonly restores: readonly string[];
  /** Missed recorded events sent again: after the item id in `after`, how many in `count`. */
  readonly replay?: { readonly after: string; readonly count?: string };
}

export type GroupTrigger = "join" | "leave" | "remove";

export interface GroupEvent {
  /** A client message's name, or a change of membership. */
  readonly on: string;
  readonly send: string;
  readonly to: "members" | "others";
  readonly record: boolean;
  readonly set: Readonly<Record<string, string | number | boolean>>;
}

export interface GroupAttribute {
  readonly name: string;
  /** The bool field of the members' struct that shows it. */
  readonly field: string;
  readonly grant: "first";
}

export interface Group {
  readonly name: string;
  readonly doc?: string;
  /** The field naming the group in each of its messages. */
  readonly key: string;
  readonly join: { readonly request: string; readonly already?: string; readonly capacity?: number; readonly full?: string };
  readonly leave?: { readonly request: string; readonly notMember?: string };
  readonly perSession?: { readonly max: number; readonly error: string };
  readonly attributes: readonly GroupAttribute[];
  readonly members?: string;
  readonly history?: { readonly size: number; readonly item: string; readonly id?: string; readonly replay: readonly string[] };
  readonly remove?: { readonly request: string; readonly member: string; readonly notify?: string; readonly notMember?: string };
  readonly events: readonly GroupEvent[];
}

export interface Guard {
  readonly request: readonly string[];
  readonly member: string;
  readonly attribute?: string;
  readonly error: string;
}

export interface Idempotent {
  readonly request: string;
  readonly key: string;
  readonly remember: number;
}

export interface Sequence {
  readonly field: string;
  readonly gaps?: string;
}

export interface Progress {
  readonly name: string;
  readonly doc?: string;
  readonly id: string;
  readonly at: string;
  readonly acknowledged: readonly string[];
  readonly error: string;
  readonly checksum?: { readonly of: string; readonly equals: string; readonly at: string; readonly error: string };
}

/** `Message.field` split in two. */
export function splitFieldRef(ref: string): { readonly owner: string; readonly field: string } {
  const dot = ref.indexOf(".");
  return { owner: ref.slice(0, dot), field: ref.slice(dot + 1) };
}
