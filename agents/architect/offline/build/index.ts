// The pattern builders, one per pattern, in the order their messages appear
// in the spec. `{ [K in PatternId]: ... }` makes a new pattern fail to
// compile until it has a builder.
import type { Contribution } from "../draft.js";
import type { PatternId } from "../vocabulary/patterns.js";
import { buildCommands } from "./commands.js";
import type { BuildContext } from "./context.js";
import { buildHeartbeat, buildPresence } from "./core.js";
import { buildDiscovery } from "./discovery.js";
import { buildKv } from "./kv.js";
import { buildLocks } from "./locks.js";
import { buildPubsub } from "./pubsub.js";
import { buildRooms } from "./rooms.js";
import { buildStream } from "./stream.js";
import { buildTelemetry } from "./telemetry.js";
import { buildTransfer } from "./transfer.js";

export const PATTERN_BUILDERS: { readonly [K in PatternId]: ((ctx: BuildContext) => Contribution) | undefined } = {
  discovery: buildDiscovery,
  telemetry: buildTelemetry,
  rooms: buildRooms,
  pubsub: buildPubsub,
  transfer: buildTransfer,
  kv: buildKv,
  lock: buildLocks,
  command: buildCommands,
  stream: buildStream,
  heartbeat: buildHeartbeat,
  presence: buildPresence,
  // Sessions change the handshake (resume token, Resume); see core.ts.
  session: undefined,
};

/** Order of the builders; the table's key order. */
export const BUILD_ORDER = Object.keys(PATTERN_BUILDERS) as PatternId[];
