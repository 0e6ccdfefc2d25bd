// The demo (docs/interop.md), the same session and line formats as Java's
// DemoServer/DemoClient, Python's demo.py and JavaScript's demo/*.js:
//   demo/samples.hpp      <ns>::demo: make_<message>(client), realistic samples of what the client sends;
//                         the demo settings, the command line, say(), Pending requests
//   demo/demo_server.hpp  <ns>::demo::run_server: the server with the listening line (the program and the facade test)
//   demo/demo_client.hpp  <ns>::demo: Result, converse, run_client: one session of the flow (the program and the facade test)
//   demo/demo_server.cpp  `demo_server [--host H] [--port P]`: main only; serves with the default handlers; first
//                         line `<protocol> <version> <responder> listening on H:P over T` (the bound
//                         port); SIGTERM or SIGINT stops the server and exits 0
//   demo/demo_client.cpp  `demo_client [--host H] [--port P]`: main only; one session of the flow
//                         (deriveSessionFlow), one line per message, last `done: sent N, ...`; exit 0/1
// and the CMake lines of the two executables (the app's part).
import type { FileBuilder, FileSet } from "../../index.js";
import { names } from "../../naming/names.js";
import type { Behaviour } from "../../transport-common/behaviour.js";
import { sampleOf } from "../../transport-common/samples.js";
import { defaultPort, scriptOf, type ScriptStep } from "../../transport-common/script.js";
import { sampleSources } from "../../transport-common/source-policies.js";
import { printTemplate } from "../../transport-common/template.js";
import { cppStr, inNamespace } from "../literals.js";
import { printCppExpr } from "../tests/syntax.js";
import type { CppTransportPart } from "../transport/part.js";
import { identityOverrides, needsFreshIdentity, printFreshIdentity } from "../behaviour/demo-identity.js";
import { buildMessage, newScope } from "./builder.js";
import { demoTargets } from "./demo-names.js";
import { requestReturn } from "./facade-files.js";
import { clientClass, clientMethods, makeMethod, serverClass, specType, type CppView } from "./view.js";

/** The demo script with C++ names for the requests answered later (`pending_join_room`, `pending_join_room2`). */
export function cppScript(view: CppView, behaviour: Behaviour): ScriptStep[] {
  return scriptOf(view, behaviour.flow, (m, n) => `pending_${names.cpp.method(m.name)}${n === 1 ? "" : String(n)}`);
}

/** The line the server prints first: `chat 1.0.0 server listening on `. */
export const listeningPrefix = (view: CppView): string => `${view.spec.protocol.name} ${view.spec.protocol.version} ${view.spec.roles.responder.name} listening on `;

const NO_BINDINGS = {};

/** A program's opening comment, as plain `//` lines. */
function fileComment(f: FileBuilder, lines: readonly string[]): void {
  for (const line of lines) f.print(line === "" ? "//" : `// ${line}`);
}

export function emitDemo(files: FileSet, view: CppView, behaviour: Behaviour): CppTransportPart {
  const demo = demoTargets(view);
  emitSamples(files, view, behaviour);
  emitServer(files, view);
  emitClient(files, view, behaviour);
  const exe = (target: string): string[] => [
    `add_executable(${target} ${demo.dir}/${target}.cpp)`,
    `target_link_libraries(${target} PRIVATE ${view.ns}::${view.ns})`,
    `target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror)`,
  ];
  return { sources: [], tests: [], cmake: ["# The demo: a server with the default handlers and a client running one session (README.md).", ...exe(demo.server), ...exe(demo.client)] };
}

function emitSamples(files: FileSet, view: CppView, behaviour: Behaviour): void {
  const demo = demoTargets(view);
  const { spec, ns } = view;
  const f = files.file(`cpp/${demo.dir}/samples.hpp`, "cpp");
  f.preamble("#pragma once");
  const std = ["chrono", "cstdint", "cstdlib", "exception", "functional", "future", "iostream", "mutex", "optional", "string", "string_view", "thread", "utility", "vector"];
  for (const h of needsFreshIdentity(view) ? ["atomic", ...std] : std) f.print(`#include <${h}>`);
  f.print();
  for (const h of ["client_base.hpp", "handler_support.hpp", "messages.hpp"]) f.print(`#include "${ns}/${h}"`);
  f.print();
  f.doc(
    `Demo of ${spec.protocol.name} ${spec.protocol.version} over ${view.transport.toUpperCase()}: the settings of both sides, the command line,\n` +
      `and realistic samples of what the ${spec.roles.initiator.name} sends.`,
  );
  inNamespace(f, `${ns}::demo`, () => {
    f.print();
    printTemplate(
      f,
      `
      inline constexpr std::string_view kDefaultHost = "127.0.0.1";
      inline constexpr std::uint16_t kDefaultPort = ${defaultPort(view)};
      inline constexpr std::string_view kTransport = ${cppStr(view.transport)};
      /// How long the client waits for an event the flow expects.
      inline constexpr std::chrono::milliseconds kEventWait{2000};
      /// How long a request started ahead (Pending) may take to leave before the session goes on.
      inline constexpr std::chrono::milliseconds kSendWait{2000};

      /// The demo's command line: where to listen or connect.
      struct Args {
        std::string host;
        std::uint16_t port = 0;
      };

      /// Prints one line at once (also when the output is a pipe); lines of different threads never mix.
      inline void say(std::string_view line) {
        static std::mutex mutex;
        std::lock_guard<std::mutex> lock(mutex);
        std::cout << line << '\\n' << std::flush;
      }

      [[noreturn]] inline void usage_error(const std::string& usage, const std::string& problem) {
        std::cerr << problem << '\\n' << usage << '\\n';
        std::exit(2);
      }

      /// \`--host H --port P\` (and \`--transport ${view.transport}\`, the only one) from the command line of \`command\`; exits 2 on a bad one.
      inline Args demo_args(std::string_view command, int argc, char** argv) {
        const std::string usage = "usage: " + std::string(command) + " [--host HOST] [--port PORT]";
        Args args{std::string(kDefaultHost), kDefaultPort};
        for (int i = 1; i < argc; ++i) {
          const std::string arg = argv[i];
          if (arg == "-h" || arg == "--help") {
            say(usage);
            std::exit(0);
          }
          const auto eq = arg.find('=');
          const bool joined = arg.rfind("--", 0) == 0 && eq != std::string::npos && eq > 0;
          const std::string name = joined ? arg.substr(0, eq) : arg;
          std::optional<std::string> value;
          if (joined) {
            value = arg.substr(eq + 1);
          } else if (i + 1 < argc) {
            value = argv[++i];
          }
          if (!value) usage_error(usage, name + " needs a value");
          if (name == "--host") {
            args.host = *value;
          } else if (name == "--port") {
            int port = -1;
            try {
              std::size_t used = 0;
              port = std::stoi(*value, &used);
              if (used != value->size()) port = -1;
            } catch (const std::exception&) {
              port = -1;
            }
            if (port < 0 || port > 65535) usage_error(usage, "--port must be a number in 0..65535, not " + *value);
            args.port = static_cast<std::uint16_t>(port);
          } else if (name == "--transport") {
            if (*value != kTransport) usage_error(usage, "this project speaks " + std::string(kTransport) + " only");
          } else {
            usage_error(usage, "unknown option " + name);
          }
        }
        return args;
      }

      /// The last T the server sent \`client\`, if any (none without a client).
      template <typename T>
      std::optional<T> last(const ClientBase* client) {
        return client == nullptr ? std::nullopt : client->last<T>();
      }

      /// A request whose answer comes later in the session: run on a thread of its own, awaited with await().
      class Pending {
       public:
        explicit Pending(std::future<Message> answer) : answer_(std::move(answer)) {}
        /// The answer (a response or the error message); the request's own failure if it failed.
        Message await() { return answer_.get(); }

       private:
        std::future<Message> answer_;
      };

      /// Starts \`call\` on its own thread and returns once the request has left (the client's role machine moved
      /// on), so that the next message of the session follows it; waits at most kSendWait for that.
      inline Pending start(const ClientBase& client, std::function<Message()> call) {
        const std::string before = client.state();
        std::future<Message> answer = std::async(std::launch::async, std::move(call));
        const auto deadline = std::chrono::steady_clock::now() + kSendWait;
        while (client.state() == before && answer.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready &&
               std::chrono::steady_clock::now() < deadline) {
          std::this_thread::sleep_for(std::chrono::microseconds(100));
        }
        return Pending(std::move(answer));
      }
      `,
      NO_BINDINGS,
    );
    printFreshIdentity(f, view);
    for (const m of view.initiated("initiator")) {
      f.print();
      const isAuth = behaviour.auth === m;
      const overrides = identityOverrides(view, m);
      const scope = newScope({ ...sampleSources(view, () => []), ...(overrides.size > 0 ? { overrides } : {}), view, lookup: (cls) => ["last<", cls, ">(client)"] }, ["client", "message", "last", "say", "start"]);
      const e = buildMessage(scope, m, sampleOf(view, m.name, { optionals: true, self: isAuth }));
      const cls = specType(view, m.name);
      const fn = makeMethod(view, m);
      f.doc(`A sample ${m.name}${scope.locals.size > 0 ? ", with the ids the server handed out when `client` got them" : ""}; without a client, made up.`);
      const param = scope.locals.size > 0 ? "const ClientBase* client = nullptr" : "[[maybe_unused]] const ClientBase* client = nullptr";
      f.block(`inline ${cls} ${fn}(${param}) {`, () => {
        for (const local of scope.locals.values()) f.print(...local.init);
        printCppExpr(f, 1, ["return "], e, ";");
      });
    }
    f.print();
  });
  f.finish();
}

function emitServerSession(files: FileSet, view: CppView): void {
  const demo = demoTargets(view);
  const { spec, ns } = view;
  const T = view.transport.toUpperCase();
  const f = files.file(`cpp/${demo.dir}/${demo.serverSession}`, "cpp");
  f.preamble("#pragma once");
  for (const h of ["cstdint", "memory", "string", "utility"]) f.print(`#include <${h}>`);
  f.print();
  for (const h of [demo.serverHeader, "options.hpp", "server_handlers.hpp", "trace.hpp"]) f.print(`#include "${ns}/${h}"`);
  f.print();
  f.doc(`Demo of ${spec.protocol.name} ${spec.protocol.version} over ${T}: the ${spec.roles.responder.name} that \`${demo.server}\` runs and the facade test starts.`);
  const Server = `${ns}::${serverClass(view)}`;
  inNamespace(f, `${ns}::demo`, () => {
    f.print();
    printTemplate(
      f,
      `

      /// Starts the ${spec.roles.responder.name} with \`handlers\` and prints the listening line to \`out\`; returns the running server.
      inline std::unique_ptr<${Server}> run_server(const std::string& host, std::uint16_t port, const ${ns}::Trace& out,
          std::shared_ptr<${ns}::ServerHandlers> handlers) {
        auto options = ${ns}::ServerOptions::defaults();
        options.trace = out;
        auto server = std::make_unique<${Server}>(std::move(handlers), std::move(options));
        const std::uint16_t bound = server->start(host, port);
        out(${cppStr(listeningPrefix(view))} + host + ":" + std::to_string(bound) + ${cppStr(` over ${T}`)});
        return server;
      }
      `,
      NO_BINDINGS,
    );
    f.print();
  });
  f.finish();
}

function emitServer(files: FileSet, view: CppView): void {
  const demo = demoTargets(view);
  const { spec, ns } = view;
  const T = view.transport.toUpperCase();
  emitServerSession(files, view);
  const f = files.file(`cpp/${demo.dir}/${demo.server}.cpp`, "cpp");
  fileComment(f, 
    [
      `Demo of ${spec.protocol.name} ${spec.protocol.version} over ${T}: the ${spec.roles.responder.name} with the default handlers.`,
      "",
      `    ./build/${demo.server} [--host HOST] [--port PORT]`,
      "",
      `The first line is \`${listeningPrefix(view)}HOST:PORT over ${T}\` with the bound port (so --port 0 works);`,
      "then one line per message. Runs until SIGTERM or SIGINT, then stops the server and exits 0.",
      `The server itself is ${ns}::demo::run_server (${demo.serverSession}).`,
    ],
  );
  for (const h of ["csignal", "exception", "iostream", "memory"]) f.print(`#include <${h}>`);
  f.print();
  f.print("#include <pthread.h>");
  f.print();
  f.print(`#include "${ns}/server_handlers.hpp"`);
  f.print(`#include "${demo.serverSession}"`);
  f.print('#include "samples.hpp"');
  f.print();
  printTemplate(
    f,
    `
    /// Serves until SIGTERM or SIGINT, then stops the server and exits 0.
    int main(int argc, char** argv) {
      // The stop signals are blocked before the server starts its threads (which inherit the mask) and waited for below.
      sigset_t stop;
      sigemptyset(&stop);
      sigaddset(&stop, SIGTERM);
      sigaddset(&stop, SIGINT);
      pthread_sigmask(SIG_BLOCK, &stop, nullptr);
      const auto where = ${ns}::demo::demo_args(${cppStr(demo.server)}, argc, argv);
      try {
        auto server = ${ns}::demo::run_server(where.host, where.port, ${ns}::demo::say, std::make_shared<${ns}::ServerHandlers>());
        int signal = 0;
        sigwait(&stop, &signal);
        server->stop();
      } catch (const std::exception& e) {
        std::cerr << ${cppStr(`${demo.server}: `)} << e.what() << std::endl;
        return 1;
      }
      std::cout << std::flush;
      return 0;
    }
    `,
    NO_BINDINGS,
  );
  f.finish();
}

function emitClientSession(files: FileSet, view: CppView, behaviour: Behaviour): void {
  const demo = demoTargets(view);
  const { spec, ns } = view;
  const { initiator, responder } = spec.roles;
  const T = view.transport.toUpperCase();
  const script = cppScript(view, behaviour);
  const f = files.file(`cpp/${demo.dir}/${demo.clientSession}`, "cpp");
  f.preamble("#pragma once");
  for (const h of ["cstdint", "exception", "memory", "string", "utility", "variant", "vector"]) f.print(`#include <${h}>`);
  f.print();
  for (const h of [demo.clientHeader, "client_handlers.hpp", "messages.hpp", "options.hpp", "trace.hpp", "transport_error.hpp"]) f.print(`#include "${ns}/${h}"`);
  f.print('#include "samples.hpp"');
  f.print();
  f.doc(
    [
      `Demo of ${spec.protocol.name} ${spec.protocol.version} over ${T}: the ${initiator.name}'s session that \`${demo.client}\` runs and the facade test checks.`,
      "It follows the role machines:",
      ...behaviour.flow.map((s) => `    ${s.from === "initiator" ? initiator.name : responder.name}: ${s.message}`),
    ].join("\n"),
  );
  const Client = `${ns}::${clientClass(view)}`;
  const asked = view.initiated("responder").filter((m) => m.kind === "request");
  inNamespace(f, `${ns}::demo`, () => {
    f.print();
    printTemplate(
      f,
      `

      /// What happened in a demo session: message names in order.
      struct Result {
        std::vector<std::string> sent;
        std::vector<std::string> answers;
        std::vector<std::string> events;
        bool completed = false;
      };

      inline std::string name_of(const ${ns}::Message& message) { return std::string(${ns}::message_name(message)); }

      /// Runs the session with \`client\` (whose handlers are \`handlers\`); stops early when the server refuses a step.
      inline Result converse(${Client}& client, ${ns}::ClientHandlers& handlers, const ${ns}::Trace& out) {
        Result result;
        try {
      `,
      NO_BINDINGS,
    );
    const methods = clientMethods(view);
    f.indent(() => f.indent(() => {
      for (const step of script) emitStep(f, view, step, methods);
    }));
    f.print("  } catch (const std::exception& e) {");
    f.print('    out(std::string("stopped: ") + e.what());');
    f.print("    return result;");
    f.print("  }");
    f.print(`  for (const ${ns}::Message& message : handlers.received()) {`);
    if (asked.length === 0) f.print("    result.events.push_back(name_of(message));");
    else {
      f.print(`    if (!(${asked.map((m) => `std::holds_alternative<${ns}::${specType(view, m.name)}>(message)`).join(" || ")})) result.events.push_back(name_of(message));`);
    }
    printTemplate(
      f,
      `
        }
        result.completed = true;
        return result;
      }

      /// Connects as the ${initiator.name}, runs one session, prints each message and the \`done:\` line to \`out\`.
      inline Result run_client(const std::string& host, std::uint16_t port, const ${ns}::Trace& out, ${ns}::ClientOptions options) {
        auto handlers = std::make_shared<${ns}::ClientHandlers>();
        options.trace = out;
        Result result;
        {
          ${Client} client(host, port, handlers, std::move(options));
          try {
            client.connect();
            out("connected to " + host + ":" + std::to_string(port) + ${cppStr(` over ${T} as the ${initiator.name}`)});
            result = converse(client, *handlers, out);
          } catch (const std::exception& e) {
            out(std::string("stopped: ") + e.what());
          }
          try {
            client.close();
          } catch (const std::exception& e) {
            out(std::string("closing failed: ") + e.what());
          }
        }
        out("done: sent " + std::to_string(result.sent.size()) + ", received " + std::to_string(result.answers.size()) + " answers and " +
            std::to_string(result.events.size()) + " events");
        return result;
      }
      `,
      NO_BINDINGS,
    );
    f.print();
  });
  f.finish();
}

function emitClient(files: FileSet, view: CppView, behaviour: Behaviour): void {
  const demo = demoTargets(view);
  const { spec, ns } = view;
  const { initiator } = spec.roles;
  const T = view.transport.toUpperCase();
  emitClientSession(files, view, behaviour);
  const f = files.file(`cpp/${demo.dir}/${demo.client}.cpp`, "cpp");
  fileComment(f, 
    [
      `Demo of ${spec.protocol.name} ${spec.protocol.version} over ${T}: the ${initiator.name}, one session.`,
      "",
      `    ./build/${demo.client} [--host HOST] [--port PORT]`,
      "",
      "One line per message (`->` sent, `<-` received), the last one `done: sent N, received N answers",
      "and N events`; exits 0 when the session completed, 1 otherwise. The session, which follows the",
      `role machines, is ${ns}::demo::run_client (${demo.clientSession}).`,
    ],
  );
  f.print("#include <iostream>");
  f.print();
  f.print(`#include "${ns}/options.hpp"`);
  f.print(`#include "${demo.clientSession}"`);
  f.print('#include "samples.hpp"');
  f.print();
  printTemplate(
    f,
    `
    /// Runs one session; exits 0 when it completed, 1 otherwise.
    int main(int argc, char** argv) {
      const auto where = ${ns}::demo::demo_args(${cppStr(demo.client)}, argc, argv);
      const ${ns}::demo::Result result = ${ns}::demo::run_client(where.host, where.port, ${ns}::demo::say, ${ns}::ClientOptions::defaults());
      std::cout << std::flush;
      return result.completed ? 0 : 1;
    }
    `,
    NO_BINDINGS,
  );
  f.finish();
}

function emitStep(f: FileBuilder, view: CppView, step: ScriptStep, methods: Map<string, string>): void {
  const { ns } = view;
  const m = view.message(step.message);
  const method = methods.get(m.name) ?? names.cpp.method(m.name);
  const make = `${ns}::demo::${makeMethod(view, m)}(&client)`;
  switch (step.kind) {
    case "request": {
      f.print(`result.sent.emplace_back(${cppStr(m.name)});`);
      // A narrowed answer (the one response) is a struct: back into a Message for its name.
      const answer = requestReturn(view, m) === undefined ? `client.${method}(${make})` : `${ns}::Message(client.${method}(${make}))`;
      if (step.task === undefined) f.print(`result.answers.push_back(name_of(${answer}));`);
      else f.print(`auto ${step.task} = ${ns}::demo::start(client, [&client] { return ${ns}::Message(client.${method}(${make})); });`);
      return;
    }
    case "oneway":
      f.print(`result.sent.emplace_back(${cppStr(m.name)});`);
      f.print(`client.${method}(${make});`);
      return;
    case "await":
      f.print(`result.answers.push_back(name_of(${step.task}.await()));`);
      return;
    case "answer":
      return;
    case "event":
      f.print("try {");
      f.print(`  client.next_event(${ns}::demo::kEventWait);`);
      f.print(`} catch (const ${ns}::RequestTimeout&) {`);
      f.print(`  out(${cppStr(`(no ${m.name} arrived)`)});`);
      f.print("}");
      return;
    case "auto":
      f.print(`// ${m.name}: answered by the handlers`);
      return;
  }
}
