// Attributes a description may name, with the field a careful designer
// writes for each: type, unit, range or length and pattern. Cues match by
// stem (see text/tokens.ts); longer cues are tried first, so "wind speed"
// wins over "speed".

export interface AttributeField {
  readonly name: string;
  readonly type: string;
  readonly doc: string;
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly maxItems?: number;
}

export interface AttributeEntry {
  readonly cues: readonly string[];
  readonly field: AttributeField;
  /** For enum-typed attributes: the enum's values (field.type names the enum). */
  readonly values?: readonly string[];
  /** Ambiguous words ("volume", "title"): taken only inside a list of
   *  attributes ("with a title, due date and priority"). */
  readonly listOnly?: boolean;
}

const percent = (name: string, doc: string): AttributeField => ({ name, type: "uint8", doc, unit: "percent", min: 0, max: 100 });

export const ATTRIBUTES: readonly AttributeEntry[] = [
  // Environment
  { cues: ["temperature", "temp"], field: { name: "temperature", type: "float32", doc: "Measured temperature.", unit: "celsius", min: -55, max: 125 } },
  { cues: ["humidity"], field: { name: "humidity", type: "float32", doc: "Relative humidity.", unit: "percent", min: 0, max: 100 } },
  { cues: ["pressure", "barometric"], field: { name: "pressure", type: "float32", doc: "Air pressure.", unit: "hPa", min: 300, max: 1100 } },
  { cues: ["co2", "carbon dioxide"], field: { name: "co2", type: "uint16", doc: "CO2 concentration.", unit: "ppm", min: 0, max: 10000 } },
  { cues: ["air quality", "aqi"], field: { name: "air_quality_index", type: "uint16", doc: "Air quality index.", min: 0, max: 500 } },
  { cues: ["wind speed"], field: { name: "wind_speed", type: "float32", doc: "Wind speed.", unit: "m/s", min: 0, max: 120 } },
  { cues: ["rainfall", "precipitation"], field: { name: "rainfall", type: "float32", doc: "Rainfall since the last report.", unit: "mm", min: 0, max: 1000 } },
  { cues: ["soil moisture", "moisture"], field: percent("moisture_percent", "Soil moisture.") },
  { cues: ["light level", "illuminance", "lux"], field: { name: "illuminance", type: "float32", doc: "Light level.", unit: "lux", min: 0, max: 200000 } },
  { cues: ["noise level", "sound level", "decibel"], field: { name: "sound_level", type: "float32", doc: "Sound level.", unit: "dB", min: 0, max: 194 } },
  { cues: ["water level", "tank level", "fill level"], field: percent("fill_percent", "Fill level.") },
  { cues: ["ph"], field: { name: "ph", type: "float32", doc: "pH value.", min: 0, max: 14 } },
  // Power
  { cues: ["battery level", "battery percentage", "battery charge", "battery"], field: percent("battery_percent", "Remaining battery charge.") },
  { cues: ["voltage"], field: { name: "voltage", type: "float32", doc: "Supply voltage.", unit: "V", min: 0, max: 1000 } },
  { cues: ["current draw", "electric current"], field: { name: "current", type: "float32", doc: "Electric current.", unit: "A", min: 0, max: 1000 } },
  { cues: ["current"], field: { name: "current", type: "float32", doc: "Electric current.", unit: "A", min: 0, max: 1000 }, listOnly: true },
  { cues: ["power consumption", "power usage", "power draw"], field: { name: "power", type: "float32", doc: "Power drawn.", unit: "W", min: 0, max: 1000000 } },
  { cues: ["energy consumption", "energy", "kwh"], field: { name: "energy", type: "float64", doc: "Energy consumed since installation.", unit: "kWh", min: 0 } },
  // Position and motion
  { cues: ["latitude", "lat"], field: { name: "latitude", type: "float64", doc: "Latitude (WGS 84).", unit: "degrees", min: -90, max: 90 } },
  { cues: ["longitude", "lon", "lng"], field: { name: "longitude", type: "float64", doc: "Longitude (WGS 84).", unit: "degrees", min: -180, max: 180 } },
  { cues: ["altitude", "elevation"], field: { name: "altitude", type: "float32", doc: "Altitude above sea level.", unit: "m", min: -500, max: 20000 } },
  { cues: ["gps", "location", "=coordinates"], field: { name: "latitude", type: "float64", doc: "Latitude (WGS 84).", unit: "degrees", min: -90, max: 90 } },
  { cues: ["gps", "location", "=coordinates"], field: { name: "longitude", type: "float64", doc: "Longitude (WGS 84).", unit: "degrees", min: -180, max: 180 } },
  { cues: ["speed", "velocity"], field: { name: "speed", type: "float32", doc: "Ground speed.", unit: "km/h", min: 0, max: 1000 } },
  { cues: ["heading", "bearing"], field: { name: "heading", type: "float32", doc: "Heading, clockwise from north.", unit: "degrees", min: 0, max: 360 } },
  { cues: ["accuracy"], field: { name: "accuracy", type: "float32", doc: "Estimated accuracy of the position.", unit: "m", min: 0 } },
  { cues: ["acceleration"], field: { name: "acceleration", type: "float32", doc: "Acceleration.", unit: "m/s2" } },
  { cues: ["fuel level", "fuel"], field: percent("fuel_percent", "Fuel remaining.") },
  { cues: ["odometer", "mileage"], field: { name: "odometer", type: "uint32", doc: "Distance travelled since installation.", unit: "km" } },
  { cues: ["rpm"], field: { name: "rpm", type: "uint16", doc: "Rotational speed.", unit: "rpm", min: 0, max: 30000 } },
  { cues: ["position", "x y", "=coordinate"], field: { name: "x", type: "float32", doc: "Horizontal position.", unit: "m" } },
  { cues: ["position", "x y", "=coordinate"], field: { name: "y", type: "float32", doc: "Vertical position.", unit: "m" } },
  // Health and fitness
  { cues: ["heart rate", "pulse"], field: { name: "heart_rate", type: "uint16", doc: "Heart rate.", unit: "bpm", min: 20, max: 250 } },
  { cues: ["blood oxygen", "spo2"], field: percent("spo2_percent", "Blood oxygen saturation.") },
  { cues: ["step count", "steps"], field: { name: "steps", type: "uint32", doc: "Steps counted today.", min: 0 } },
  { cues: ["weight"], listOnly: true, field: { name: "weight", type: "float32", doc: "Weight.", unit: "kg", min: 0, max: 100000 } },
  // Machines and hosts
  { cues: ["cpu usage", "cpu load", "cpu"], field: percent("cpu_percent", "CPU utilisation.") },
  { cues: ["memory usage", "memory", "ram"], field: percent("memory_percent", "Memory in use.") },
  { cues: ["disk usage", "disk space", "disk"], field: percent("disk_percent", "Disk space in use.") },
  { cues: ["uptime"], field: { name: "uptime_s", type: "uint32", doc: "Time since the last start.", unit: "s" } },
  { cues: ["signal strength", "rssi"], field: { name: "rssi", type: "int16", doc: "Received signal strength.", unit: "dBm", min: -150, max: 0 } },
  { cues: ["firmware version"], field: { name: "firmware_version", type: "string", doc: "Firmware running on the device.", maxLength: 32, pattern: "[0-9A-Za-z.+-]+" } },
  { cues: ["error count", "errors count"], field: { name: "error_count", type: "uint32", doc: "Errors since the last report." } },
  { cues: ["brightness", "dim level"], field: percent("brightness_percent", "Brightness.") },
  { cues: ["volume"], field: percent("volume_percent", "Volume."), listOnly: true },
  { cues: ["colour", "color"], field: { name: "color_rgb", type: "uint32", doc: "Colour as 0xRRGGBB.", min: 0, max: 16777215 } },
  { cues: ["setpoint", "target temperature"], field: { name: "target_temperature", type: "float32", doc: "Target temperature.", unit: "celsius", min: 5, max: 35 } },
  { cues: ["door open", "door state", "door status", "door sensor", "door"], field: { name: "door_open", type: "bool", doc: "Whether the door is open." } },
  { cues: ["motion", "occupancy"], field: { name: "motion_detected", type: "bool", doc: "Whether motion was detected." } },
  { cues: ["flow rate"], field: { name: "flow_rate", type: "float32", doc: "Flow rate.", unit: "l/min", min: 0 } },
  // Games
  { cues: ["score", "points"], field: { name: "score", type: "int32", doc: "Score." }, listOnly: true },
  { cues: ["health", "hit points", "hp"], field: { name: "health", type: "uint16", doc: "Remaining health points.", min: 0, max: 10000 } },
  { cues: ["level"], field: { name: "level", type: "uint16", doc: "Level reached.", min: 0, max: 1000 }, listOnly: true },
  { cues: ["rotation", "orientation", "angle"], field: { name: "rotation", type: "float32", doc: "Orientation.", unit: "degrees", min: 0, max: 360 } },
  // Finance
  { cues: ["symbol", "ticker", "instrument"], field: { name: "symbol", type: "string", doc: "Instrument symbol.", minLength: 1, maxLength: 12, pattern: "[A-Z0-9.]{1,12}" } },
  { cues: ["buy or sell", "buy sell", "buy and sell"], field: { name: "side", type: "Side", doc: "Whether to buy or sell." }, values: ["buy", "sell"] },
  { cues: ["side"], field: { name: "side", type: "Side", doc: "Whether to buy or sell." }, values: ["buy", "sell"], listOnly: true },
  { cues: ["quantity", "qty", "=shares", "lots"], field: { name: "quantity", type: "uint32", doc: "Quantity in units of the instrument.", min: 1 } },
  { cues: ["limit price", "price"], field: { name: "price", type: "int64", doc: "Price in minor currency units (for example cents).", unit: "minor units", min: 0 } },
  { cues: ["bid"], field: { name: "bid", type: "int64", doc: "Best bid price in minor currency units.", unit: "minor units", min: 0 } },
  { cues: ["ask", "offer price"], field: { name: "ask", type: "int64", doc: "Best ask price in minor currency units.", unit: "minor units", min: 0 } },
  { cues: ["fare", "estimated fare", "ticket price"], field: { name: "fare", type: "int64", doc: "Fare in minor currency units (for example cents).", unit: "minor units", min: 0 } },
  { cues: ["amount"], field: { name: "amount", type: "int64", doc: "Amount in minor currency units (for example cents).", unit: "minor units", min: 0 } },
  { cues: ["balance"], field: { name: "balance", type: "int64", doc: "Balance in minor currency units (for example cents).", unit: "minor units" } },
  { cues: ["currency code", "currency"], field: { name: "currency", type: "string", doc: "ISO 4217 currency code.", minLength: 3, maxLength: 3, pattern: "[A-Z]{3}" } },
  { cues: ["account"], field: { name: "account_id", type: "string", doc: "Account identifier.", minLength: 1, maxLength: 34, pattern: "[A-Za-z0-9]+" }, listOnly: true },
  // People and content
  { cues: ["email", "e mail"], field: { name: "email", type: "string", doc: "E-mail address.", maxLength: 254, pattern: "[^@\\s]+@[^@\\s]+\\.[^@\\s]+" } },
  { cues: ["phone number", "phone"], field: { name: "phone", type: "string", doc: "Phone number in E.164 form.", maxLength: 16, pattern: "\\+[1-9][0-9]{6,14}" } },
  { cues: ["display name"], field: { name: "display_name", type: "string", doc: "Name shown to others.", minLength: 1, maxLength: 64 } },
  { cues: ["nickname", "nick name"], field: { name: "nickname", type: "string", doc: "Name shown to others.", minLength: 1, maxLength: 64 } },
  { cues: ["title"], field: { name: "title", type: "string", doc: "Title.", minLength: 1, maxLength: 200 }, listOnly: true },
  { cues: ["description"], field: { name: "description", type: "string", doc: "Free-text description.", maxLength: 4096 }, listOnly: true },
  { cues: ["due date", "deadline"], field: { name: "due_at", type: "timestamp", doc: "When it is due." } },
  { cues: ["priority"], field: { name: "priority", type: "uint8", doc: "Priority, 0 lowest.", min: 0, max: 9 }, listOnly: true },
  { cues: ["tag", "tags"], field: { name: "tags", type: "list<string>", doc: "Tags.", maxLength: 32, maxItems: 16 }, listOnly: true },
  { cues: ["url"], field: { name: "url", type: "string", doc: "URL.", maxLength: 2048 } },
  { cues: ["rating", "stars"], field: { name: "rating", type: "uint8", doc: "Rating.", min: 1, max: 5 }, listOnly: true },
  { cues: ["duration"], field: { name: "duration_ms", type: "uint32", doc: "Duration.", unit: "ms" }, listOnly: true },
  { cues: ["licence plate number", "license plate number", "licence plate", "license plate", "number plate", "registration plate", "plate number"], field: { name: "license_plate", type: "string", doc: "Vehicle registration plate, as printed.", minLength: 1, maxLength: 16, pattern: "[A-Z0-9 -]+" } },
  { cues: ["barcode", "bar code", "ean", "upc", "sku"], field: { name: "barcode", type: "string", doc: "The item's barcode (EAN/UPC digits or SKU).", minLength: 1, maxLength: 64, pattern: "[A-Za-z0-9-]+" } },
  { cues: ["quantity in stock", "stock level", "inventory"], field: { name: "stock", type: "uint32", doc: "Units in stock." } },
];

/** Suffix rules for attributes no entry names ("a title, due date and
 *  owner"): the first rule whose test matches the snake_case name decides. */
export const FIELD_KIND_RULES: readonly { readonly test: RegExp; readonly field: Omit<AttributeField, "name" | "doc"> }[] = [
  { test: /(^|_)(date|time|at|deadline)$/, field: { type: "timestamp" } },
  { test: /(^|_)id$/, field: { type: "string", minLength: 1, maxLength: 64, pattern: "[A-Za-z0-9_-]+" } },
  { test: /(^|_)(count|number|total|size|length|age|year|port)$/, field: { type: "uint32" } },
  { test: /(^|_)(percent|percentage|ratio)$/, field: { type: "uint8", unit: "percent", min: 0, max: 100 } },
  { test: /^(is|has|can)_|(^|_)(enabled|active|flag|done|completed|visible|online)$/, field: { type: "bool" } },
  { test: /(^|_)(price|cost|fee|fare|tip|charge|amount|total_price|salary)$/, field: { type: "int64", unit: "minor units", min: 0 } },
  { test: /(^|_)(name|title|label)$/, field: { type: "string", minLength: 1, maxLength: 128 } },
  { test: /(^|_)(text|body|content|comment|note|notes|description|message|bio)$/, field: { type: "string", maxLength: 4096 } },
  { test: /(^|_)(change|delta|difference|adjustment|offset)$/, field: { type: "int32" } },
  { test: /(^|_)(floor|row|column|lane|slot|round|rank|seat)$/, field: { type: "int32" } },
  { test: /(^|_)(value|values|reading|measurement)$/, field: { type: "float64" } },
  { test: /(^|_)(data|payload|image|photo|blob)$/, field: { type: "bytes", maxLength: 65536 } },
];

/** Type of an attribute no rule matches. */
export const DEFAULT_ATTRIBUTE_FIELD: Omit<AttributeField, "name" | "doc"> = { type: "string", maxLength: 256 };
