// transport/<Protocol>Server.java and <Protocol>Client.java: the generated
// facades over the runtime's TcpServer/TcpClient (UdpServer/UdpClient,
// HttpServer/HttpClient for the other transports). The server hands each
// message from a client to ServerHandlers' on<Class>(session, message); the
// client has one typed method per message the initiator sends (a request
// returns its answer: the response or the error message) and hands the
// server's own messages to ClientHandlers' on<Class>(message). Dispatch is
// an instanceof chain over the sealed Message (Java 17 has no pattern switch).
import type { Message } from "../../../spec/model.js";
import type { FileSet } from "../../index.js";
import type { Transport } from "../../language.js";
import { names } from "../../naming/names.js";
import type { Printable } from "../../symbols.js";
import { clientClass, clientMethods, serverClass } from "./demo-names.js";
import { handlerMethod, mainType, specType, type JavaView } from "./handlers-builder.js";

/** The runtime classes the facades extend, per transport. */
export const BASES: Readonly<Record<Transport, { readonly server: string; readonly client: string }>> = {
  tcp: { server: "TcpServer", client: "TcpClient" },
  udp: { server: "UdpServer", client: "UdpClient" },
  http: { server: "HttpServer", client: "HttpClient" },
};

const transportLabel = (t: Transport): string => t.toUpperCase();

/** Classes of the transport package a facade uses by simple name. */
const LOCAL = ["ServerSession", "ServerOptions", "ServerDispatch", "ClientOptions", "ClientDispatch", "TransportException", "UnexpectedAnswer", ...Object.values(BASES).flatMap((b) => [b.server, b.client])];

const facadePath = (view: JavaView, cls: string): string => `java/src/main/java/${view.model.pkgDir}/transport/${cls}.java`;

/** What a client's method for request `m` returns: `Message`, or the response's class when the request has no error message and one response. */
export function requestReturn(view: JavaView, m: Message): string | undefined {
  const only = m.responses.length === 1 && m.error === undefined ? m.responses[0] : undefined;
  return only === undefined ? undefined : view.model.className(only);
}

export function facadeFiles(files: FileSet, view: JavaView): void {
  serverFacade(files, view);
  clientFacade(files, view);
}

function serverFacade(files: FileSet, view: JavaView): void {
  const { spec, transport } = view;
  const cls = serverClass(view);
  const base = BASES[transport].server;
  const f = files.file(facadePath(view, cls), "java", { module: view.transportPkg, localNames: [cls, ...LOCAL] });
  const Handlers = mainType(view, "ServerHandlers");
  const MessageT = mainType(view, "Message");
  const { responder, initiator } = spec.roles;
  f.doc(
    `Server of ${spec.protocol.name} ${spec.protocol.version} over ${transportLabel(transport)}: the ${responder.name}, serving many ${initiator.name}s.\n\n` +
      "Authentication, the role machine of each session, the rate limit and input validation are checked before a handler runs; " +
      "behaviour is in `handlers` (ServerHandlers, yours to edit).\n\n" +
      `<pre>\n${cls} server = new ${cls}(0);\nserver.start(); // server.port() is the port it listens on\nserver.close();\n</pre>`,
  );
  f.block(`public class ${cls} extends ${base} {`, () => {
    f.print("private final ", Handlers, " handlers;");
    f.print();
    f.doc("A server with `handlers` on `host`:`port` (0: the system picks one, see port() once started).");
    f.block(["public ", cls, "(", Handlers, " handlers, String host, int port, ServerOptions options) {"], () => {
      f.print("super(host, port, dispatcher(handlers), options);");
      f.print("this.handlers = handlers;");
    });
    f.print();
    f.doc("A server with the default handlers and options on 127.0.0.1:`port`.");
    f.block(`public ${cls}(int port) {`, () => f.print("this(new ", Handlers, '(), "127.0.0.1", port, ServerOptions.defaults());'));
    f.print();
    f.doc("The behaviour (ServerHandlers, given at construction).");
    f.block(["public ", Handlers, " handlers() {"], () => f.print("return handlers;"));
    f.print();
    f.block(["private static ServerDispatch dispatcher(", Handlers, " handlers) {"], () => f.print("return (session, message) -> dispatch(handlers, session, message);"));
    f.print();
    f.doc(`Hands a message from a ${initiator.name} to its handler; returns the answer to a request, null otherwise.`);
    f.block(["static ", MessageT, " dispatch(", Handlers, " handlers, ServerSession session, ", MessageT, " message) {"], () => {
      for (const m of view.initiated("initiator")) {
        f.block(["if (message instanceof ", specType(view, m.name), " m) {"], () => {
          if (m.kind === "request") f.print(`return handlers.${handlerMethod(view, m)}(session, m);`);
          else {
            f.print(`handlers.${handlerMethod(view, m)}(session, m);`);
            f.print("return null;");
          }
        });
      }
      f.print("return null;");
    });
  });
}

function clientFacade(files: FileSet, view: JavaView): void {
  const { spec, transport } = view;
  const cls = clientClass(view);
  const base = BASES[transport].client;
  const f = files.file(facadePath(view, cls), "java", { module: view.transportPkg, localNames: [cls, ...LOCAL] });
  const Handlers = mainType(view, "ClientHandlers");
  const MessageT = mainType(view, "Message");
  const { responder, initiator } = spec.roles;
  const methods = clientMethods(view);
  const first = view.initiated("initiator").find((m) => m.kind === "request");
  const example = first === undefined ? "" : `Message answer = client.${methods.get(first.name) ?? ""}(new ${view.model.className(first.name)}(...));\n`;
  f.doc(
    `Client of ${spec.protocol.name} ${spec.protocol.version} over ${transportLabel(transport)}: the ${initiator.name} talking to a ${responder.name}.\n\n` +
      "Requests return their answer (the response, or the error message); oneways return once sent. " +
      "Messages the server sends on its own go to `handlers` (ClientHandlers, yours to edit) and to nextEvent().\n\n" +
      `<pre>\n${cls} client = new ${cls}("127.0.0.1", port);\nclient.connect();\n${example}client.close();\n</pre>`,
  );
  f.block(`public class ${cls} extends ${base} {`, () => {
    f.print("private final ", Handlers, " handlers;");
    f.print();
    f.doc("A client of `host`:`port` with `handlers` and `options`; connect() connects.");
    f.block(["public ", cls, "(String host, int port, ", Handlers, " handlers, ClientOptions options) {"], () => {
      f.print("super(host, port, dispatcher(handlers), options);");
      f.print("this.handlers = handlers;");
    });
    f.print();
    f.doc("A client of `host`:`port` with the default handlers and options.");
    f.block(`public ${cls}(String host, int port) {`, () => f.print("this(host, port, new ", Handlers, "(), ClientOptions.defaults());"));
    f.print();
    f.doc("What the client does with the server's own messages (given at construction).");
    f.block(["public ", Handlers, " handlers() {"], () => f.print("return handlers;"));
    f.print();
    f.block(["private static ClientDispatch dispatcher(", Handlers, " handlers) {"], () => f.print("return message -> dispatch(handlers, message);"));
    f.print();
    f.doc(`Hands a message the ${responder.name} sent on its own to its handler; returns the answer to a request, null otherwise.`);
    f.block(["static ", MessageT, " dispatch(", Handlers, " handlers, ", MessageT, " message) {"], () => {
      for (const m of view.initiated("responder")) {
        f.block(["if (message instanceof ", specType(view, m.name), " m) {"], () => {
          if (m.kind === "request") f.print(`return handlers.${handlerMethod(view, m)}(m);`);
          else {
            f.print(`handlers.${handlerMethod(view, m)}(m);`);
            f.print("return null;");
          }
        });
      }
      f.print("return null;");
    });
    for (const m of view.initiated("initiator")) {
      const method = methods.get(m.name) ?? names.java.method(m.name);
      const Cls = specType(view, m.name);
      f.print();
      if (m.kind === "request") {
        const answers = view.answers(m);
        const narrow = requestReturn(view, m);
        f.doc(`${m.doc}\n\nAnswered by ${answers.join(" or ")}.`);
        f.block(["public ", narrow ?? MessageT, ` ${method}(`, Cls, " message) throws TransportException {"], () => {
          f.print(MessageT, " answer = request(message);");
          const tests = answers.flatMap((a, i): Printable[] => [i > 0 ? " || " : "", "answer instanceof ", specType(view, a)]);
          if (narrow !== undefined) {
            f.block(["if (answer instanceof ", specType(view, m.responses[0] ?? ""), " response) {"], () => f.print("return response;"));
          } else {
            f.block(["if (", ...tests, ") {"], () => f.print("return answer;"));
          }
          f.print("throw new UnexpectedAnswer(message.messageName(), answer.messageName());");
        });
      } else {
        f.doc(`${m.doc}\n\nA ${m.kind}: nothing answers it.`);
        f.block(["public void ", method, "(", Cls, " message) throws TransportException {"], () => f.print("send(message);"));
      }
    }
  });
}
