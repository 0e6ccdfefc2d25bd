// The spec as the C++ app files (handlers, facades, demo, README) see it: the
// shared view of the transports plus the protocol layer's names, and the
// names those files agree on — handler methods `on_<message>`, the demo's
// `make_<message>` samples, the facade classes `<Protocol>Server` and
// `<Protocol>Client`, the client's method per message — and the calls the
// default handlers make on the runtime's ServerSession.
import type { Message } from "../../../spec/model.js";
import type { Transport } from "../../language.js";
import { createNameScope } from "../../naming/name-scope.js";
import { names } from "../../naming/names.js";
import type { Printable } from "../../symbols.js";
import { createSpecView, type SpecView } from "../../transport-common/context.js";
import type { CppModel } from "../model.js";

export interface CppView extends SpecView {
  readonly model: CppModel;
  /** The namespace: `chat`. */
  readonly ns: string;
}

export function cppView(model: CppModel, transport: Transport): CppView {
  return { ...createSpecView(model.spec, { transport }, "cpp"), model, ns: model.ns };
}

/** The struct of a spec message, struct or enum. */
export const specType = (view: CppView, name: string): string => view.model.typeName(name);

/** The handler method of a message: `on_join_room`. */
export const handlerMethod = (_view: CppView, m: Message): string => `on_${names.cpp.method(m.name)}`;

/** The demo's sample function of a message: `make_join_room`. */
export const makeMethod = (_view: CppView, m: Message): string => `make_${names.cpp.method(m.name)}`;

/** `SensorTelemetry`: the protocol as a class-name prefix. */
export const typePrefix = (view: CppView): string => names.cpp.type(view.spec.protocol.name);
export const serverClass = (view: CppView): string => `${typePrefix(view)}Server`;
export const clientClass = (view: CppView): string => `${typePrefix(view)}Client`;

/** Members of the client facade's bases (the transports' clients); message methods never take them. */
const CLIENT_TAKEN = [
  "connect", "close", "request", "send", "next_event", "last", "state", "connected", "options", "host", "port", "handlers",
  "dispatch", "on_message", "on_closed",
];

/** The client facade's method of each message the initiator sends: `login`, `join_room`. */
export function clientMethods(view: CppView): Map<string, string> {
  const scope = createNameScope("cpp", CLIENT_TAKEN);
  return new Map(view.initiated("initiator").map((m) => [m.name, scope.method(m.name)]));
}

/** The session's last received `cls` (std::optional), as the runtime's ServerSession offers it. */
export const sessionLast = (cls: Printable): Printable[] => ["session.last<", cls, ">()"];

/** Project paths of the app files. */
export const appPaths = (view: CppView): { serverHandlers: string; clientHandlers: string; support: string } => ({
  serverHandlers: `cpp/include/${view.ns}/server_handlers.hpp`,
  clientHandlers: `cpp/include/${view.ns}/client_handlers.hpp`,
  support: `cpp/include/${view.ns}/handler_support.hpp`,
});
