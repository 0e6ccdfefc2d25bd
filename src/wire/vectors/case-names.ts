// Names of vector cases: kebab-case, `<message>.<case>`.

/** `HelloAck` -> `hello-ack`, `HTTPStatus` -> `http-status`, `sensor_id` -> `sensor-id`. */
export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replaceAll("_", "-")
    .toLowerCase();
}
