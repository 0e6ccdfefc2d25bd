// Verbs that turn "<verb> <object>" in a description into a request
// (`PlaceOrder`) and its response (`OrderPlaced`). `query` verbs answer with
// the object itself; `list` verbs with a page of them.

export interface VerbEntry {
  readonly cues: readonly string[];
  /** The verb in message names: PascalCase. */
  readonly verb: string;
  /** Past participle for the response name: `Order` + `Placed`. */
  readonly past: string;
  readonly kind: "create" | "update" | "delete" | "query" | "list" | "action";
  /** A verb only before a determiner or pronoun ("opens a ticket", "close it"),
   *  never as an adjective ("open orders"). */
  readonly needsObject?: boolean;
}

export const OPERATION_VERBS: readonly VerbEntry[] = [
  { cues: ["create", "add", "register", "open new"], verb: "Create", past: "Created", kind: "create" },
  { cues: ["update", "edit", "modify", "change", "rename", "amend"], verb: "Update", past: "Updated", kind: "update" },
  { cues: ["delete", "remove", "erase"], verb: "Delete", past: "Deleted", kind: "delete" },
  { cues: ["cancel", "revoke", "withdraw from"], verb: "Cancel", past: "Cancelled", kind: "action" },
  { cues: ["get", "fetch", "retrieve", "read", "look up", "lookup", "view", "query", "check", "inspect"], verb: "Get", past: "Info", kind: "query" },
  { cues: ["list", "browse", "enumerate"], verb: "List", past: "List", kind: "list" },
  { cues: ["search", "find"], verb: "Search", past: "Results", kind: "list" },
  { cues: ["place", "send in", "file"], verb: "Place", past: "Placed", kind: "create" },
  { cues: ["submit", "hand in"], verb: "Submit", past: "Submitted", kind: "create" },
  { cues: ["book", "reserve"], verb: "Book", past: "Booked", kind: "create" },
  { cues: ["buy", "purchase"], verb: "Buy", past: "Bought", kind: "action" },
  { cues: ["sell"], verb: "Sell", past: "Sold", kind: "action" },
  { cues: ["transfer"], verb: "Transfer", past: "Transferred", kind: "action" },
  { cues: ["pay"], verb: "Pay", past: "Paid", kind: "action" },
  { cues: ["deposit"], verb: "Deposit", past: "Deposited", kind: "action" },
  { cues: ["withdraw"], verb: "Withdraw", past: "Withdrawn", kind: "action" },
  { cues: ["start", "launch", "begin"], verb: "Start", past: "Started", kind: "action" },
  { cues: ["stop", "halt", "end"], verb: "Stop", past: "Stopped", kind: "action" },
  { cues: ["pause"], verb: "Pause", past: "Paused", kind: "action" },
  { cues: ["play"], verb: "Play", past: "Playing", kind: "action" },
  { cues: ["seek"], verb: "Seek", past: "Seeked", kind: "action" },
  { cues: ["move"], verb: "Move", past: "Moved", kind: "action" },
  { cues: ["set", "configure"], verb: "Set", past: "Set", kind: "update" },
  { cues: ["adjust", "correct"], verb: "Adjust", past: "Adjusted", kind: "update" },
  { cues: ["check out", "borrow"], verb: "CheckOut", past: "CheckedOut", kind: "action" },
  { cues: ["check in"], verb: "CheckIn", past: "CheckedIn", kind: "action" },
  { cues: ["renew", "extend"], verb: "Renew", past: "Renewed", kind: "action", needsObject: true },
  { cues: ["void"], verb: "Void", past: "Voided", kind: "action", needsObject: true },
  { cues: ["cast"], verb: "Cast", past: "Cast", kind: "create", needsObject: true },
  { cues: ["restore", "roll back", "rollback"], verb: "Restore", past: "Restored", kind: "action" },
  { cues: ["open"], verb: "Open", past: "Opened", kind: "create", needsObject: true },
  { cues: ["close"], verb: "Close", past: "Closed", kind: "action", needsObject: true },
  { cues: ["refund"], verb: "Refund", past: "Refunded", kind: "action", needsObject: true },
  { cues: ["rate", "review"], verb: "Rate", past: "Rated", kind: "action", needsObject: true },
  { cues: ["reset", "restart"], verb: "Reset", past: "Reset", kind: "action" },
  { cues: ["assign"], verb: "Assign", past: "Assigned", kind: "action" },
  { cues: ["approve", "accept"], verb: "Approve", past: "Approved", kind: "action" },
  { cues: ["reject", "decline", "deny"], verb: "Reject", past: "Rejected", kind: "action" },
  { cues: ["vote"], verb: "Vote", past: "Voted", kind: "action" },
  { cues: ["invite"], verb: "Invite", past: "Invited", kind: "action" },
  { cues: ["schedule"], verb: "Schedule", past: "Scheduled", kind: "create" },
  { cues: ["enqueue", "queue"], verb: "Enqueue", past: "Enqueued", kind: "create" },
  { cues: ["claim", "dequeue", "take"], verb: "Claim", past: "Claimed", kind: "action" },
  { cues: ["complete", "finish"], verb: "Complete", past: "Completed", kind: "action" },
  { cues: ["print"], verb: "Print", past: "Printed", kind: "action" },
  { cues: ["unlock"], verb: "Unlock", past: "Unlocked", kind: "action" },
  { cues: ["arm"], verb: "Arm", past: "Armed", kind: "action" },
  { cues: ["disarm"], verb: "Disarm", past: "Disarmed", kind: "action" },
];

/** Words between a verb and its object that are skipped ("place a new order"). */
export const OBJECT_SKIP_WORDS = [
  "a", "an", "the", "their", "its", "his", "her", "our", "your", "my", "new", "existing", "all", "any", "some", "one", "multiple",
  "several", "own", "current", "individual", "single", "specific", "given", "other", "each", "more", "many", "limit", "market",
] as const;
