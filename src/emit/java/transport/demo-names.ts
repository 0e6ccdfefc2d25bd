// The names the Java demo and tests use from the transports: the facade
// classes (<Protocol>Server, <Protocol>Client in the transport package) and
// the client's method per message the initiator sends (docs/targets/java-contract.md).
import type { Message } from "../../../spec/model.js";
import { createNameScope } from "../../naming/name-scope.js";
import { names } from "../../naming/names.js";
import type { JavaView } from "./handlers-builder.js";

/** Members of the client facade's base class (ClientBase and the transports' clients); message methods never take them. */
const CLIENT_TAKEN = [
  "connect", "close", "request", "send", "nextEvent", "last", "state", "connected", "options", "host", "port", "handlers",
  "dispatch", "equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "clone", "finalize",
];

/** `SensorTelemetry`: the protocol as a class-name prefix. */
export const typePrefix = (view: JavaView): string => names.java.type(view.spec.protocol.name);
export const serverClass = (view: JavaView): string => `${typePrefix(view)}Server`;
export const clientClass = (view: JavaView): string => `${typePrefix(view)}Client`;

/** The client facade's method of each message the initiator sends: `login`, `joinRoom`. */
export function clientMethods(view: JavaView): Map<string, string> {
  const scope = createNameScope("java", CLIENT_TAKEN);
  return new Map(view.initiated("initiator").map((m) => [m.name, scope.method(m.name)]));
}

export function clientMethod(view: JavaView, m: Message): string {
  const method = clientMethods(view).get(m.name);
  if (method === undefined) throw new Error(`java demo: ${m.name} is not sent by the ${view.spec.roles.initiator.name}`);
  return method;
}

/** The generated loopback test of the transport: `TcpTest`, `UdpTest`, `HttpTest`. */
export const loopbackTestClass = (view: JavaView): string => `${names.java.type(view.transport)}Test`;

/** The generated robustness test. */
export const ROBUSTNESS_TEST = "RobustnessTest";
