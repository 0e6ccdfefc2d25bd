// Verbs of communication and the words around them, as data: how a
// sentence's subject, verb and object become messages ("gates report when a
// car enters" → `CarEntered`; "the hub pushes each question" → `Question`).
// Verbs are written in their base form; matching is by stem.

/** "X <verb> <object>": X sends the object to the other side. */
export const SEND_VERBS = ["report", "send", "share", "submit", "transmit", "post", "forward", "emit", "signal", "raise"] as const;

/** Other verbs whose subject is a party of the protocol ("robots connect to
 *  a coordinator", "clients upload files to a backup server"). */
export const ROLE_VERBS = ["connect", "join", "stream", "upload", "download", "fetch", "subscribe", "register", "ship", "query", "look", "check", "acquire", "claim", "place", "request", "log", "authenticate", "control", "command"] as const;

/** "Y <verb> <object>": Y pushes the object to everyone concerned (an event). */
export const PUSH_VERBS = ["push", "broadcast", "announce", "publish", "notify", "alert", "inform", "tell", "warn"] as const;

/** "Y <verb> <object> to X": a request the receiver accepts or declines. */
export const OFFER_VERBS = ["offer", "propose", "assign", "dispatch", "invite"] as const;

/** "X <verb> (with) <what>": the answer to the request just described. */
export const REPLY_VERBS = ["answer", "reply", "respond", "confirm", "acknowledge", "return"] as const;

/** Pairs of decisions: "accepts or declines", "approves or rejects". The
 *  first of each pair is the positive one. */
export const DECISION_VERBS: readonly { readonly verb: string; readonly past: string; readonly positive: boolean }[] = [
  { verb: "accept", past: "Accepted", positive: true },
  { verb: "approve", past: "Approved", positive: true },
  { verb: "grant", past: "Granted", positive: true },
  { verb: "allow", past: "Allowed", positive: true },
  { verb: "confirm", past: "Confirmed", positive: true },
  { verb: "acknowledge", past: "Acknowledged", positive: true },
  { verb: "decline", past: "Declined", positive: false },
  { verb: "reject", past: "Rejected", positive: false },
  { verb: "deny", past: "Denied", positive: false },
  { verb: "refuse", past: "Refused", positive: false },
];

/** Words that are positive answers ("approved or declined" → a bool `approved`
 *  would lose the reason, so answers become an enum whose first value is this). */
export const POSITIVE_ANSWERS = ["approved", "accepted", "granted", "allowed", "authorized", "authorised", "ok", "success", "succeeded", "valid", "yes", "confirmed"] as const;

/** Nouns that name the central party (the responder) when they are the
 *  subject or object of a communication verb. */
export const CENTRAL_NOUNS = [
  "server", "hub", "controller", "gateway", "dispatcher", "console", "scheduler", "backend", "cloud", "broker", "collector",
  "coordinator", "registry", "service", "platform", "exchange", "store", "host", "master", "manager", "headend",
] as const;

/** Heads too vague to name a role ("drivers' apps" is the drivers). */
export const GENERIC_ROLE_HEADS = ["app", "apps", "application", "applications", "client", "clients", "software", "program", "phone", "phones", "device", "devices", "unit", "units", "system", "systems"] as const;

/** Words that end a noun phrase or a clause. */
export const CLAUSE_BREAKS = [
  "and", "or", "but", "then", "which", "that", "who", "when", "whenever", "while", "if", "once", "so", "because", "after", "before", "until",
  "to", "from", "with", "for", "of", "in", "on", "at", "by", "via", "into", "over", "through", "about", "as", "within", "every", "each",
  "per", "whether", "than", "using", "without", "under", "between",
] as const;

/** Words skipped at the start of a noun phrase. */
export const DETERMINERS = [
  "a", "an", "the", "its", "their", "his", "her", "our", "your", "my", "this", "that", "these", "those", "each", "every", "all", "any",
  "some", "one", "new", "current", "latest", "earlier", "previous", "last", "next", "given", "own", "finally", "also", "then", "both",
  "another", "other", "such", "several", "multiple", "many",
] as const;

/** Words between a subject and its verb that are skipped ("can also send"). */
export const AUXILIARIES = [
  "can", "could", "may", "might", "must", "should", "shall", "will", "would", "also", "then", "finally", "first", "periodically",
  "regularly", "always", "immediately", "only", "automatically", "later", "afterwards", "each", "still", "do", "does", "just", "now",
] as const;

/** Object heads that a pattern builder already designs (a heartbeat, a
 *  reading, a command, a chunk): a sentence about them makes no new message. */
export const PATTERN_OBJECTS = [
  "heartbeat", "keepalive", "ping", "telemetry", "reading", "readings", "data", "measurement", "sample", "metric", "metrics",
  "command", "chunk", "file", "firmware", "frame", "stream", "video", "audio", "message", "messages", "update", "updates",
  "notification", "request", "response", "reply", "answer", "ack", "acknowledgement", "acknowledgment", "it", "them", "they", "this",
  "that", "something", "anything", "everything", "log", "logs", "line", "lines", "entry", "entries", "batch", "information", "info",
  "status", "discovery", "presence", "quote", "quotes", "price", "prices", "state", "position", "location", "change", "changes",
  "one", "way", "time", "back", "out", "up", "themselves", "itself", "each", "other",
] as const;

/** Nouns too generic to name a message alone: prefixed with the entity the
 *  conversation is about ("the result" of a job → `JobResult`). */
export const GENERIC_MESSAGE_NOUNS = ["result", "results", "progress", "outcome", "error", "failure", "receipt", "confirmation", "summary", "report"] as const;

/** Irregular past forms for event names ("a car leaves" → `CarLeft`). */
export const IRREGULAR_PAST: Readonly<Record<string, string>> = {
  leave: "left",
  go: "went",
  come: "came",
  arrive: "arrived",
  begin: "began",
  break: "broke",
  fall: "fell",
  find: "found",
  get: "got",
  give: "gave",
  hold: "held",
  lose: "lost",
  make: "made",
  meet: "met",
  pay: "paid",
  run: "ran",
  see: "seen",
  send: "sent",
  set: "set",
  shut: "shut",
  stand: "stood",
  take: "taken",
  win: "won",
  won: "won",
  drop: "dropped",
  stop: "stopped",
  trip: "tripped",
  plug: "plugged",
  unplug: "unplugged",
};
