// include/<ns>/server.hpp and client.hpp: the generated facades over the
// runtime's server and client of the chosen transport (TcpServer/TcpClient,
// UdpServer/UdpClient, HttpServer/HttpClient: BASES). The server hands each
// message from a client to ServerHandlers' on_<message>(session, message); the
// client has one typed method per message the initiator sends (a request
// returns its answer: the response or the error message) and hands the
// server's own messages to ClientHandlers' on_<message>(message). Dispatch is
// a std::get_if chain over the Message variant. Header-only: the facades add
// no sources to the library.
//
// Bases, in order of construction: the handlers' holder, the runtime's
// dispatch interface (implemented by the facade itself) and the transport's
// server or client, so the transport is given a dispatch and handlers that
// exist already, and is destroyed (its threads joined) before them. The
// facade's destructor stops the transport first as well.
import type { Message } from "../../../spec/model.js";
import type { FileBuilder, FileSet } from "../../index.js";
import type { Transport } from "../../language.js";
import { inNamespace } from "../literals.js";
import { demoTargets } from "./demo-names.js";
import { clientClass, clientMethods, handlerMethod, serverClass, specType, type CppView } from "./view.js";

/** The runtime's classes the facades derive from, and their headers, per transport. */
export const BASES: Readonly<Record<Transport, { readonly server: string; readonly client: string; readonly serverHeader: string; readonly clientHeader: string }>> = {
  tcp: { server: "TcpServer", client: "TcpClient", serverHeader: "tcp_server.hpp", clientHeader: "tcp_client.hpp" },
  udp: { server: "UdpServer", client: "UdpClient", serverHeader: "udp_server.hpp", clientHeader: "udp_client.hpp" },
  http: { server: "HttpServer", client: "HttpClient", serverHeader: "http_server.hpp", clientHeader: "http_client.hpp" },
};

const transportLabel = (t: Transport): string => t.toUpperCase();

/** What a client's method for request `m` returns: the response's struct when the request has no error message and one response. */
export function requestReturn(view: CppView, m: Message): string | undefined {
  const only = m.responses.length === 1 && m.error === undefined ? m.responses[0] : undefined;
  return only === undefined ? undefined : specType(view, only);
}

export function facadeFiles(files: FileSet, view: CppView): void {
  serverFacade(files, view);
  clientFacade(files, view);
}

function open(f: FileBuilder, view: CppView, std: readonly string[], local: readonly string[]): void {
  f.preamble("#pragma once");
  for (const h of std) f.print(`#include <${h}>`);
  f.print();
  for (const h of local) f.print(`#include "${view.ns}/${h}"`);
  f.print();
}

/** The base holding a facade's handlers (constructed before the transport's base, destroyed after it). */
function holder(f: FileBuilder, name: string, handlers: string): void {
  inNamespace(f, "detail", () => {
    f.doc(`Holds the ${handlers} of a facade: a base constructed before the transport's and destroyed after it.`);
    f.block(`struct ${name} {`, () => f.print(`std::shared_ptr<${handlers}> facade_handlers_;`), "};");
  });
  f.print();
}

function serverFacade(files: FileSet, view: CppView): void {
  const { spec, transport } = view;
  const cls = serverClass(view);
  const base = BASES[transport];
  const f = files.file(`cpp/include/${view.ns}/${demoTargets(view).serverHeader}`, "cpp");
  open(f, view, ["memory", "optional", "utility"], ["dispatch.hpp", "messages.hpp", "options.hpp", base.serverHeader, "server_handlers.hpp", "server_session.hpp"]);
  const { responder, initiator } = spec.roles;
  inNamespace(f, view.ns, () => {
    f.print();
    holder(f, "ServerHandlersHolder", "ServerHandlers");
    f.doc(
      [
        `Server of ${spec.protocol.name} ${spec.protocol.version} over ${transportLabel(transport)}: the ${responder.name}, serving many ${initiator.name}s.`,
        "",
        "Authentication, the role machine of each session, the rate limit and input validation are checked before a",
        "handler runs; the behaviour is in `handlers()` (ServerHandlers, yours to edit).",
        "",
        `    ${cls} server;`,
        '    const std::uint16_t port = server.start("127.0.0.1", 0);  // 0: the system picks the port',
        "    server.stop();",
      ].join("\n"),
    );
    f.block(`class ${cls} : private detail::ServerHandlersHolder, private ServerDispatch, public ${base.server} {`, () => {
      f.print(" public:");
      f.doc("A server with `handlers` and `options`; start() listens.");
      f.print(`explicit ${cls}(std::shared_ptr<ServerHandlers> handlers = std::make_shared<ServerHandlers>(), ServerOptions options = ServerOptions::defaults())`);
      f.print(`    : ServerHandlersHolder{std::move(handlers)}, ${base.server}(static_cast<ServerDispatch&>(*this), std::move(options)) {}`);
      f.print();
      f.doc("Stops serving before the handlers go.");
      f.print(`~${cls}() override { stop(); }`);
      f.print();
      f.print(`${cls}(const ${cls}&) = delete;`);
      f.print(`${cls}& operator=(const ${cls}&) = delete;`);
      f.print();
      f.doc("The behaviour (ServerHandlers, given at construction).");
      f.print("ServerHandlers& handlers() noexcept { return *facade_handlers_; }");
      f.print();
      f.print(" private:");
      f.doc(`Hands a message from a ${initiator.name} to its handler; the answer to a request, std::nullopt otherwise.`);
      f.block("std::optional<Message> dispatch(ServerSession& session, const Message& message) override {", () => {
        for (const m of view.initiated("initiator")) {
          const call = `facade_handlers_->${handlerMethod(view, m)}(session, *m)`;
          if (m.kind === "request") f.print(`if (const auto* m = std::get_if<${specType(view, m.name)}>(&message)) return ${call};`);
          else {
            f.block(`if (const auto* m = std::get_if<${specType(view, m.name)}>(&message)) {`, () => {
              f.print(`${call};`);
              f.print("return std::nullopt;");
            });
          }
        }
        f.print("return std::nullopt;");
      });
    }, "};");
    f.print();
  });
  f.finish();
}

function clientFacade(files: FileSet, view: CppView): void {
  const { spec, transport } = view;
  const cls = clientClass(view);
  const base = BASES[transport];
  const f = files.file(`cpp/include/${view.ns}/${demoTargets(view).clientHeader}`, "cpp");
  open(f, view, ["cstdint", "memory", "optional", "string", "utility", "variant"], ["client_handlers.hpp", "dispatch.hpp", "messages.hpp", "options.hpp", base.clientHeader, "transport_error.hpp"]);
  const { responder, initiator } = spec.roles;
  const methods = clientMethods(view);
  const first = view.initiated("initiator").find((m) => m.kind === "request");
  inNamespace(f, view.ns, () => {
    f.print();
    holder(f, "ClientHandlersHolder", "ClientHandlers");
    f.doc(
      [
        `Client of ${spec.protocol.name} ${spec.protocol.version} over ${transportLabel(transport)}: the ${initiator.name} talking to a ${responder.name}.`,
        "",
        "Requests return their answer (the response, or the error message); oneways return once sent. Messages the",
        "server sends on its own go to `handlers()` (ClientHandlers, yours to edit) and to next_event(). Failures",
        "throw TransportError (ConnectFailed, ConnectionClosed, RequestTimeout, UnexpectedAnswer, ...).",
        "",
        `    ${cls} client("127.0.0.1", port);`,
        "    client.connect();",
        ...(first === undefined ? [] : [`    const auto answer = client.${methods.get(first.name) ?? ""}(${specType(view, first.name)}{...});`]),
        "    client.close();",
      ].join("\n"),
    );
    f.block(`class ${cls} : private detail::ClientHandlersHolder, private ClientDispatch, public ${base.client} {`, () => {
      f.print(" public:");
      f.doc("A client of `host`:`port` with `handlers` and `options`; connect() connects.");
      f.print(`${cls}(std::string host, std::uint16_t port, std::shared_ptr<ClientHandlers> handlers = std::make_shared<ClientHandlers>(), ClientOptions options = ClientOptions::defaults())`);
      f.print(`    : ClientHandlersHolder{std::move(handlers)}, ${base.client}(std::move(host), port, static_cast<ClientDispatch*>(this), std::move(options)) {}`);
      f.print();
      f.doc("Closes the connection before the handlers go.");
      f.print(`~${cls}() override { close(); }`);
      f.print();
      f.print(`${cls}(const ${cls}&) = delete;`);
      f.print(`${cls}& operator=(const ${cls}&) = delete;`);
      f.print();
      f.doc("What the client does with the server's own messages (given at construction).");
      f.print("ClientHandlers& handlers() noexcept { return *facade_handlers_; }");
      for (const m of view.initiated("initiator")) {
        const method = methods.get(m.name) ?? "";
        const Cls = specType(view, m.name);
        f.print();
        if (m.kind === "request") {
          const answers = view.answers(m);
          const narrow = requestReturn(view, m);
          f.doc(`${m.doc}\n\nAnswered by ${answers.join(" or ")}.`);
          f.block(`${narrow ?? "Message"} ${method}(const ${Cls}& message) {`, () => {
            f.print("Message answer = request(message);");
            if (narrow !== undefined) f.print(`if (auto* response = std::get_if<${narrow}>(&answer)) return std::move(*response);`);
            else f.print(`if (${answers.map((a) => `std::holds_alternative<${specType(view, a)}>(answer)`).join(" || ")}) return answer;`);
            f.print(`throw UnexpectedAnswer(std::string(${Cls}::kName), std::string(message_name(answer)));`);
          });
        } else {
          f.doc(`${m.doc}\n\nA ${m.kind}: nothing answers it.`);
          f.print(`void ${method}(const ${Cls}& message) { send(message); }`);
        }
      }
      f.print();
      f.print(" private:");
      f.doc(`Hands a message the ${responder.name} sent on its own to its handler; the answer to a request, std::nullopt otherwise.`);
      const asked = view.initiated("responder");
      f.block(`std::optional<Message> dispatch(${asked.length === 0 ? "[[maybe_unused]] " : ""}const Message& message) override {`, () => {
        for (const m of asked) {
          const call = `facade_handlers_->${handlerMethod(view, m)}(*m)`;
          if (m.kind === "request") f.print(`if (const auto* m = std::get_if<${specType(view, m.name)}>(&message)) return ${call};`);
          else {
            f.block(`if (const auto* m = std::get_if<${specType(view, m.name)}>(&message)) {`, () => {
              f.print(`${call};`);
              f.print("return std::nullopt;");
            });
          }
        }
        f.print("return std::nullopt;");
      });
    }, "};");
    f.print();
  });
  f.finish();
}
