// Cues of the communication patterns, as data. A pattern is found in a
// sentence when every phrase of one of its triggers occurs there (matched by
// stem, so "joins" matches "join"). Add a trigger to teach a new wording.

export const PATTERN_IDS = [
  "telemetry",
  "rooms",
  "pubsub",
  "transfer",
  "kv",
  "lock",
  "discovery",
  "command",
  "heartbeat",
  "presence",
  "session",
  "stream",
] as const;
export type PatternId = (typeof PATTERN_IDS)[number];

export interface PatternCues {
  /** Short label used in the protocol name. */
  readonly label: string;
  readonly triggers: readonly (readonly string[])[];
  /** Triggers that count only in a sentence no other pattern claims
   *  ("notifies holders when a lease expires" is about leases). */
  readonly weak?: readonly (readonly string[])[];
}

export const PATTERNS: { readonly [K in PatternId]: PatternCues } = {
  telemetry: {
    label: "telemetry",
    triggers: [
      ["telemetry"],
      ["=reading"],
      ["measurement"],
      ["measure"],
      ["metrics"],
      ["samples"],
      ["report", "every"],
      ["report", "temperature"],
      ["report", "data"],
      ["report", "status"],
      ["report", "position"],
      ["report", "location"],
      ["send", "position"],
      ["send", "location"],
      ["share", "position"],
      ["share", "location"],
      ["stream", "position"],
      ["stream", "location"],
      ["publish", "location"],
      ["location", "every"],
      ["position", "every"],
      ["location", "update"],
      ["position", "update"],
      ["gps"],
      ["sensor", "data"],
      ["report", "usage"],
      ["report", "consumption"],
      ["report", "level"],
      ["log", "lines"],
      ["log", "entries"],
      ["ship", "logs"],
    ],
    weak: [["send", "every"], ["transmit", "every"], ["upload", "every"], ["batch"]],
  },
  rooms: {
    label: "rooms",
    triggers: [
      ["room"],
      ["chatroom"],
      ["lobby"],
      ["join", "channel"],
      ["join", "group"],
      ["join", "match"],
      ["join", "game"],
      ["join", "table"],
      ["join", "call"],
      ["join", "conference"],
      ["broadcast", "all", "players"],
      ["broadcast", "all", "users"],
      ["broadcast", "all", "participants"],
      ["broadcast", "members"],
      ["chat"],
    ],
    // "join a quiz session", "join the tournament": a group of some kind.
    weak: [["join"]],
  },
  pubsub: {
    label: "pubsub",
    triggers: [
      ["subscri*"],
      ["publish"],
      ["pub", "sub"],
      ["topic"],
      ["feed"],
      ["market", "data"],
      ["price", "update"],
      ["quote"],
      ["watch", "change"],
      ["follow"],
    ],
    weak: [["notif*"], ["push", "update"], ["alert"]],
  },
  transfer: {
    label: "transfer",
    triggers: [
      ["upload"],
      ["download"],
      ["file", "transfer"],
      ["transfer", "file"],
      ["send", "file"],
      ["share", "file"],
      ["chunk"],
      ["firmware", "update"],
      ["firmware", "image"],
      ["ota"],
      ["backup"],
      ["attachment"],
      ["blob"],
    ],
  },
  kv: {
    label: "kv",
    triggers: [["key", "value"], ["kv"], ["cache"], ["get", "put"], ["get", "set", "key"], ["put", "delete", "key"], ["store", "value"]],
  },
  lock: {
    label: "locks",
    // "lock" alone is often a door lock: a lock of this pattern is acquired, released or served.
    triggers: [["acquire*", "lock"], ["release", "lock"], ["lock", "service"], ["lock", "server"], ["distributed", "lock"], ["named", "lock"], ["hold", "lock"], ["lease"], ["mutex"], ["semaphore"], ["exclusive", "access"], ["leader", "election"]],
  },
  discovery: {
    label: "discovery",
    triggers: [
      ["discover*"],
      ["announce", "themselves"],
      ["advertise", "themselves"],
      ["announce", "network"],
      ["advertise", "service*"],
      ["beacon"],
      ["multicast"],
      ["find", "devices"],
      ["find", "each", "other"],
      ["find", "servers"],
      ["find", "printers"],
      ["local", "network", "broadcast"],
    ],
  },
  command: {
    label: "control",
    triggers: [
      ["command"],
      ["instruct*"],
      ["actuat*"],
      ["turn", "on"],
      ["turn", "off"],
      ["switch", "on"],
      ["remote", "control"],
      ["reboot"],
      ["control", "devices"],
      ["retried", "until", "acknowledged"],
    ],
  },
  heartbeat: {
    label: "heartbeat",
    triggers: [["heartbeat"], ["keepalive"], ["keep", "alive"], ["liveness"], ["still", "alive"], ["ping"]],
  },
  presence: {
    label: "presence",
    triggers: [["presence"], ["online", "status"], ["who", "is", "online"], ["online", "offline"], ["=typing"], ["away"], ["user", "status"]],
  },
  session: {
    label: "sessions",
    triggers: [
      ["reconnect*"],
      ["disconnect*"],
      ["resume", "session"],
      ["session", "resum*"],
      ["session", "token"],
      ["connection", "loss"],
      ["connection", "drops"],
      ["session", "expire"],
    ],
  },
  stream: {
    label: "streaming",
    triggers: [["stream"], ["video"], ["audio"], ["playback"], ["live", "feed"], ["frame", "rate"], ["media"]],
  },
};

/** Sub-features that refine a pattern's messages. */
export const FEATURE_CUES = {
  ack: [["acknowledg*"], ["ack"], ["acks"], ["confirm", "receipt"], ["confirm*"], ["reliabl*"], ["guarantee*", "delivery"]],
  batch: [["batch"], ["buffer*", "offline"], ["store", "and", "forward"], ["multiple", "=reading"]],
  history: [["history"], ["persist*"], ["past", "messages"], ["backlog"], ["replay"], ["scrollback"], ["previous", "messages"]],
  moderation: [["kick"], ["ban"], ["mute"], ["moderat*"], ["room", "management"], ["admin*"]],
  typing: [["=typing"]],
  checksum: [["checksum"], ["integrity"], ["hash"], ["sha*"], ["crc*"], ["corrupt*"], ["verif*"]],
  resumeTransfer: [["resum*"], ["interrupt*"], ["partial"], ["continue", "where"]],
  gameState: [["game", "state"], ["world", "state"], ["board", "state"], ["state", "update"], ["snapshot"], ["tick"]],
  privateMessage: [["private", "message"], ["direct", "message"], ["whisper"]],
  watch: [["watch"], ["notif*", "change"], ["change", "notif*"]],
  expiry: [["ttl"], ["expir*"], ["time", "to", "live"]],
  version: [["version*"], ["compare", "and", "swap"], ["optimistic"], ["conflict"]],
  fireAndForget: [["fire", "and", "forget"], ["without", "acknowledg*"], ["no", "acknowledg*"], ["unacknowledged"], ["best", "effort"]],
} as const satisfies Record<string, readonly (readonly string[])[]>;
export type FeatureId = keyof typeof FEATURE_CUES;
