// The names the JavaScript transports give: the facade classes, one client
// method per message the initiator sends, `on<Message>` handler methods and
// the demo's `make<Message>` sample functions.
import type { Message } from "../../../spec/model.js";
import type { Transport } from "../../language.js";
import { createNameScope } from "../../naming/name-scope.js";
import { names } from "../../naming/names.js";
import type { JsTransportContext } from "./context.js";

/** The runtime classes each transport's facades derive from (project-relative module, class). */
export const BASES: Readonly<Record<Transport, { readonly client: readonly [string, string]; readonly server: readonly [string, string] }>> = {
  tcp: { client: ["src/transport/tcp.js", "TcpClient"], server: ["src/transport/tcp.js", "TcpServer"] },
  udp: { client: ["src/transport/udp.js", "UdpClient"], server: ["src/transport/udp.js", "UdpServer"] },
  http: { client: ["src/transport/http-client.js", "HttpClient"], server: ["src/transport/http-server.js", "HttpServer"] },
};

/** Members of the facades' base classes; message methods never take them. */
const CLIENT_TAKEN = [
  "constructor", "connect", "close", "request", "send", "nextEvent", "last", "events", "machine", "state", "connected", "options", "host", "port",
  "handlers", "onReconnect", "credential", "sessionId", "baseUrl", "dropOutgoing", "transportName", "dispatch",
];

export const clientClassName = (ctx: JsTransportContext): string => `${ctx.typePrefix}Client`;
export const serverClassName = (ctx: JsTransportContext): string => `${ctx.typePrefix}Server`;

/** The facade method names of the initiator's messages. */
export function clientMethods(ctx: JsTransportContext): Map<string, string> {
  const scope = createNameScope("javascript", CLIENT_TAKEN);
  return new Map(ctx.initiated("initiator").map((m) => [m.name, scope.method(m.name)]));
}

export function clientMethod(ctx: JsTransportContext, m: Message): string {
  return clientMethods(ctx).get(m.name) ?? names.javascript.method(m.name);
}

/** The handler method names: `on<Message>`. */
export function handlerMethod(message: Message): string {
  return names.javascript.method(`on_${names.javascript.type(message.name)}`);
}

/** The demo's sample function of a message: `make<Message>`. */
export function makeFunction(message: Message): string {
  return names.javascript.method(`make_${names.javascript.type(message.name)}`);
}
