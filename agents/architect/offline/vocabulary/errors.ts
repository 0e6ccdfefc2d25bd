// Error codes the builders may ask for, keyed by a short name. Codes are
// assigned in this table's order among the ones a design uses, so the same
// description always gets the same numbers.

export const ERROR_TABLE = {
  invalid_request: "The request was malformed or a value was outside its allowed range.",
  unauthorized: "The credentials were missing or not accepted.",
  forbidden: "The peer is authenticated but not allowed to do this.",
  rate_limited: "Requests arrive faster than allowed; retry after the given delay.",
  not_found: "The named item does not exist.",
  already_exists: "An item with that name already exists.",
  conflict: "The item changed since it was read; read it again and retry.",
  room_full: "The group has reached its member limit.",
  not_a_member: "The peer has not joined that group.",
  too_large: "The value or file exceeds the allowed size.",
  checksum_mismatch: "The data does not match its checksum; send it again.",
  transfer_not_found: "No transfer with that id is in progress.",
  lock_held: "The lock is held by another owner.",
  lease_expired: "The lease expired before it was renewed or released.",
  not_owner: "The peer does not hold that lock.",
  session_expired: "The session can no longer be resumed; log in again.",
  unknown_topic: "No such topic.",
  command_failed: "The device could not carry out the command.",
  unsupported: "The operation or version is not supported.",
  unavailable: "The service is temporarily unavailable; retry later.",
} as const;

export type ErrorKey = keyof typeof ERROR_TABLE;
export const ERROR_KEYS = Object.keys(ERROR_TABLE) as ErrorKey[];
