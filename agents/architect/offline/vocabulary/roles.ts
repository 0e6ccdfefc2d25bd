// Nouns that name the two roles. The initiator opens the connection (a
// client, a sensor, a player); the responder accepts it (a server, a hub).
// Each entry: the cue words, and the role's snake_case name in the spec.

export interface RoleNoun {
  readonly cues: readonly string[];
  readonly name: string;
  readonly doc: string;
}

export const INITIATOR_NOUNS: readonly RoleNoun[] = [
  { cues: ["sensor"], name: "sensor", doc: "A field device that measures and reports." },
  { cues: ["player"], name: "player", doc: "A player's game client." },
  { cues: ["trader", "trading client"], name: "trader", doc: "A trading client acting for one account." },
  { cues: ["vehicle", "truck", "car"], name: "vehicle", doc: "A vehicle's on-board unit." },
  { cues: ["camera"], name: "camera", doc: "A networked camera." },
  { cues: ["robot", "drone"], name: "robot", doc: "A robot or drone in the field." },
  { cues: ["meter"], name: "meter", doc: "A metering device." },
  { cues: ["thermostat"], name: "thermostat", doc: "A thermostat." },
  { cues: ["printer"], name: "printer", doc: "A networked printer." },
  { cues: ["kiosk", "terminal", "point of sale"], name: "terminal", doc: "A terminal in the field." },
  { cues: ["station", "weather station", "base station"], name: "station", doc: "A measuring station." },
  { cues: ["panel", "alarm panel", "control panel"], name: "panel", doc: "An alarm or control panel." },
  { cues: ["wearable", "monitor", "health monitor"], name: "monitor", doc: "A wearable monitor." },
  { cues: ["worker"], name: "worker", doc: "A worker process." },
  { cues: ["agent"], name: "agent", doc: "An agent process on a host." },
  { cues: ["node", "peer"], name: "node", doc: "A node of the cluster." },
  { cues: ["device", "gadget", "appliance", "bulb", "lamp", "tracker", "wearable", "lock device"], name: "device", doc: "A device." },
  { cues: ["user", "member", "participant", "customer", "app", "mobile app", "browser"], name: "client", doc: "A user's client application." },
  { cues: ["client"], name: "client", doc: "A client application." },
  {
    cues: ["gamer", "visitor", "student", "pupil", "rider", "driver", "passenger", "guest", "shopper", "bidder", "buyer", "seller", "teacher", "operator", "employee", "patient", "learner", "attendee", "listener", "caller", "person", "people", "customer", "worker bee"],
    name: "client",
    doc: "A person's client application.",
  },
  { cues: ["viewer", "spectator", "subscriber"], name: "client", doc: "A client application." },
];

export const RESPONDER_NOUNS: readonly RoleNoun[] = [
  { cues: ["collector"], name: "collector", doc: "The central server that collects and stores data." },
  { cues: ["hub"], name: "hub", doc: "The hub devices connect to." },
  { cues: ["gateway"], name: "gateway", doc: "The gateway devices connect to." },
  { cues: ["broker"], name: "broker", doc: "The message broker." },
  { cues: ["exchange"], name: "exchange", doc: "The exchange's order gateway." },
  { cues: ["game server"], name: "game_server", doc: "The authoritative game server." },
  { cues: ["lock service", "lock server", "coordinator", "coordination service"], name: "coordinator", doc: "The coordination service that grants locks." },
  { cues: ["registry"], name: "registry", doc: "The registry." },
  { cues: ["dispatcher", "dispatch server", "dispatch centre", "dispatch center"], name: "dispatcher", doc: "The dispatcher that assigns work to the peers." },
  { cues: ["scheduler"], name: "scheduler", doc: "The scheduler that hands out work." },
  { cues: ["console"], name: "console", doc: "The console that runs the session." },
  { cues: ["ground station", "control station"], name: "ground_station", doc: "The station that controls the peers." },
  { cues: ["controller"], name: "controller", doc: "The controller that manages devices." },
  { cues: ["cloud", "backend", "back end"], name: "backend", doc: "The backend service." },
  { cues: ["store", "database"], name: "store", doc: "The storage service." },
  { cues: ["update server"], name: "update_server", doc: "The server that distributes updates." },
  { cues: ["media server", "streaming server"], name: "media_server", doc: "The server that streams media." },
  { cues: ["server", "service", "host", "platform"], name: "server", doc: "The server." },
];

/** Used when the description names neither role. */
export const DEFAULT_ROLES = {
  initiator: { name: "client", doc: "The party that opens the connection." },
  responder: { name: "server", doc: "The party that accepts connections and serves requests." },
} as const;
