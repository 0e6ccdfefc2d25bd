// Nouns that name the things a pattern works on: the groups users join, the
// content they send, the topics of a feed, the files of a transfer. The
// first one a description uses becomes the name in the spec (a "lobby"
// description gets `JoinLobby`, a "room" one `JoinRoom`).

export const GROUP_NOUNS = ["room", "lobby", "channel", "group", "match", "game", "table", "call", "conference", "party", "arena", "chatroom"] as const;
export const CONTENT_NOUNS = ["message", "move", "action", "input", "post", "comment", "chat", "bet", "guess", "answer"] as const;
export const TOPIC_NOUNS = ["topic", "channel", "subject", "symbol", "feed", "category", "stream", "instrument", "sensor", "tag"] as const;
export const PUSH_NOUNS = ["quote", "alert", "notification", "price update", "price", "update", "event", "news", "message", "tick"] as const;
export const FILE_NOUNS = ["firmware", "file", "image", "photo", "video", "backup", "log", "document", "attachment", "blob", "object", "recording", "model", "dataset"] as const;
export const LOCK_NOUNS = ["lock", "lease", "mutex", "semaphore"] as const;
export const MEDIA_NOUNS = ["video", "audio", "media", "stream", "camera feed", "feed"] as const;

/** Objects that are never operation entities: the protocol's own machinery,
 *  pronouns and vague words. */
export const NON_ENTITIES = [
  "it", "them", "they", "this", "that", "these", "those", "data", "information", "info", "protocol", "message", "messages", "request",
  "requests", "response", "responses", "update", "updates", "connection", "connections", "server", "client", "clients", "system",
  "network", "way", "time", "support", "user", "users", "and", "or", "to", "from", "with", "for", "of", "in", "on", "at", "by",
  "real", "status", "state", "error", "errors", "acknowledgement", "acknowledgment", "ack", "command", "commands", "session", "sessions",
  "room", "rooms", "lobby", "channel", "channels", "topic", "topics", "file", "files", "lock", "locks", "lease", "leases", "key", "keys",
  "value", "values", "chunk", "chunks", "firmware", "heartbeat", "heartbeats", "reading", "readings", "report", "reports", "device", "devices",
  "sensor", "sensors", "player", "players", "history", "notification", "notifications", "presence", "match", "matches", "game", "games",
  "feed", "stream", "streams", "video", "audio", "playback", "move", "moves", "subscription", "subscriptions", "their", "new", "up",
  "down", "off", "out", "back", "itself", "themselves", "temperature", "measurement", "measurements", "quote", "quotes", "alert", "alerts",
  "upload", "uploads", "download", "downloads", "transfer", "transfers", "image", "images", "group", "groups", "table", "tables", "chat",
  "service", "services", "be", "is", "are", "can", "will", "should", "must", "within", "every", "at", "node", "nodes", "worker",
  "workers", "camera", "cameras", "each", "other",
] as const;

/** Words that name the domain, for the protocol name; the first found wins. */
export const DOMAIN_WORDS: readonly { readonly cues: readonly string[]; readonly name: string }[] = [
  { cues: ["chat"], name: "chat" },
  { cues: ["sensor"], name: "sensor" },
  { cues: ["firmware"], name: "firmware" },
  { cues: ["trading", "trade", "stock", "exchange", "market data", "broker"], name: "trading" },
  { cues: ["game", "player", "multiplayer", "lobby"], name: "game" },
  { cues: ["fleet", "vehicle", "truck"], name: "fleet" },
  { cues: ["smart home", "light", "lights", "bulb", "thermostat"], name: "home" },
  { cues: ["camera", "video"], name: "video" },
  { cues: ["audio", "music", "radio"], name: "audio" },
  { cues: ["payment", "bank", "wallet"], name: "payment" },
  { cues: ["printer"], name: "print" },
  { cues: ["job", "queue", "worker"], name: "job" },
  { cues: ["config", "configuration"], name: "config" },
  { cues: ["key value", "cache"], name: "kv" },
  { cues: ["lock", "lease"], name: "lock" },
  { cues: ["file", "backup"], name: "file" },
  { cues: ["weather"], name: "weather" },
  { cues: ["health", "patient", "heart rate"], name: "health" },
  { cues: ["energy", "meter"], name: "energy" },
  { cues: ["device", "iot"], name: "device" },
];
