// Splitting spec names into words and joining them in each case style. Spec
// names are PascalCase (types, messages), snake_case (fields, enum values,
// states, errors) or lower-case with `-`/`_` (the protocol name).

/** `HelloAck` → [hello, ack]; `HTTPStatus` → [http, status]; `sensor_id` →
 *  [sensor, id]; `sensor-telemetry` → [sensor, telemetry]; `Sha256Sum` → [sha256, sum]. */
export function words(name: string): string[] {
  return name
    .split(/[^A-Za-z0-9]+/)
    .flatMap((chunk) =>
      chunk
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
        .split(" "),
    )
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** `hello_ack` → `HelloAck`. */
export function pascalCase(name: string): string {
  return words(name).map(capitalise).join("");
}

/** `sensor_id` → `sensorId` (the same rule the spec validator uses to refuse
 *  two fields that would collide). */
export function camelCase(name: string): string {
  const [first = "", ...rest] = words(name);
  return first + rest.map(capitalise).join("");
}

/** `HelloAck` → `hello_ack`. */
export function snakeCase(name: string): string {
  return words(name).join("_");
}

/** `sensor_id` → `SENSOR_ID`. */
export function upperSnakeCase(name: string): string {
  return words(name).join("_").toUpperCase();
}

/** `HelloAck` → `hello-ack`. */
export function kebabCase(name: string): string {
  return words(name).join("-");
}

/** `low_battery` → `kLowBattery` (Google C++ style for constants and enumerators). */
export function kConstantCase(name: string): string {
  return `k${pascalCase(name)}`;
}

/** `sensor-telemetry` → `sensortelemetry` (Java package segments). */
export function flatCase(name: string): string {
  return words(name).join("");
}

const TYPE_NAME = /^[A-Z][A-Za-z0-9]*$/;

/** PascalCase for type names, keeping a spec type name that is already
 *  PascalCase verbatim so acronyms survive (`HTTPStatus` stays `HTTPStatus`). */
export function typeCase(name: string): string {
  return TYPE_NAME.test(name) ? name : pascalCase(name);
}
