// Units the quantity reader understands, as data. Add a spelling here and
// every rule that reads numbers understands it.

/** Milliseconds per unit. */
export const DURATION_UNITS = {
  ms: 1,
  msec: 1,
  msecs: 1,
  millisecond: 1,
  milliseconds: 1,
  millis: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
} as const;

/** Bytes per unit. Kilo- and mega- are read as powers of 1024, as protocol
 *  descriptions almost always mean. */
export const SIZE_UNITS = {
  b: 1,
  byte: 1,
  bytes: 1,
  kb: 1024,
  kib: 1024,
  kbyte: 1024,
  kbytes: 1024,
  kilobyte: 1024,
  kilobytes: 1024,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  megabyte: 1024 ** 2,
  megabytes: 1024 ** 2,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
  gigabyte: 1024 ** 3,
  gigabytes: 1024 ** 3,
} as const;

export const CHAR_UNITS = { character: 1, characters: 1, char: 1, chars: 1, letters: 1 } as const;

/** Seconds per period of a rate ("per minute" → 60). */
export const RATE_PERIODS = {
  second: 1,
  sec: 1,
  s: 1,
  minute: 60,
  min: 60,
  hour: 3600,
  day: 86_400,
} as const;

export const NUMBER_WORDS = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  sixty: 60,
  hundred: 100,
  thousand: 1000,
} as const;

/** Nouns a count can be of ("100 concurrent users"). */
export const COUNT_WORDS = [
  "users",
  "clients",
  "connections",
  "players",
  "devices",
  "sensors",
  "participants",
  "members",
  "nodes",
  "subscribers",
  "peers",
  "cameras",
  "vehicles",
  "workers",
  "sessions",
  "items",
  "entries",
  "messages",
  "attempts",
  "retries",
  "times",
  "rooms",
  "topics",
  "keys",
  "readings",
  "chunks",
  "files",
  "orders",
  "spectators",
  "viewers",
] as const;

/** Units said after an attribute ("a duration in seconds", "the amount in
 *  cents"): the unit written in the spec, the suffix a time field's name
 *  takes, and the type the unit implies. */
export const PHRASE_UNITS: Readonly<Record<string, { readonly unit: string; readonly suffix?: string; readonly type?: string; readonly min?: number; readonly max?: number }>> = {
  cents: { unit: "cents", type: "int64", min: 0 },
  cent: { unit: "cents", type: "int64", min: 0 },
  pence: { unit: "pence", type: "int64", min: 0 },
  milliseconds: { unit: "ms", suffix: "ms", type: "uint32" },
  ms: { unit: "ms", suffix: "ms", type: "uint32" },
  seconds: { unit: "s", suffix: "s", type: "uint32" },
  minutes: { unit: "min", suffix: "min", type: "uint32" },
  hours: { unit: "h", suffix: "h", type: "uint32" },
  days: { unit: "d", suffix: "days", type: "uint32" },
  meters: { unit: "m", type: "float32" },
  metres: { unit: "m", type: "float32" },
  kilometers: { unit: "km", type: "float32" },
  kilometres: { unit: "km", type: "float32" },
  millimeters: { unit: "mm", type: "float32" },
  millimetres: { unit: "mm", type: "float32" },
  degrees: { unit: "degrees", type: "float32" },
  celsius: { unit: "celsius", type: "float32" },
  fahrenheit: { unit: "fahrenheit", type: "float32" },
  kilograms: { unit: "kg", type: "float32" },
  kg: { unit: "kg", type: "float32" },
  grams: { unit: "g", type: "float32" },
  bytes: { unit: "bytes", type: "uint64" },
  percent: { unit: "percent", type: "uint8", min: 0, max: 100 },
  volts: { unit: "V", type: "float32" },
  watts: { unit: "W", type: "float32" },
};

/** Attribute names that measure time, so a unit renames them (`duration_s`). */
export const TIME_ATTRIBUTE = /(^|_)(duration|timeout|delay|interval|period|age|uptime|wait|elapsed|eta|ttl)(_(ms|s|min|h))?$/;
