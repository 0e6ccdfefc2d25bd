// test/http_loopback_test.cpp in an HTTP project: the HTTP runtime over
// 127.0.0.1 against the spec, as the HTTP parts of Java's HttpTest and
// RobustnessTest (test-loopback.ts, test-robustness-http.ts), without the
// application: a test dispatch answers the probe (the first request a fresh
// client sends, the authentication request when there is one;
// transport-common/test-plan.ts) with a sample of its first response. Many
// clients at once, the client's role machine, the request timeout's 504, the
// status codes of wire format 10.3 for bad bodies, unknown messages, methods,
// content types, sequence headers, sizes and credentials, a disconnect
// mid-body, a flood (429), and shutdown ending the sessions. Raw requests go
// through httplib::Client with a 5 s read timeout; every wait is bounded.
import type { FileSet } from "../../index.js";
import { analyse } from "../../transport-common/behaviour.js";
import { createSpecView } from "../../transport-common/context.js";
import { sampleOf } from "../../transport-common/samples.js";
import { planTests } from "../../transport-common/test-plan.js";
import { cppStr } from "../literals.js";
import type { CppModel } from "../model.js";
import { printCppExpr, structExpr } from "../tests/syntax.js";

export const HTTP_LOOPBACK_TEST = "test/http_loopback_test.cpp";

/** Writes the loopback test when the spec has a probe; returns the test sources for CMake. */
export function httpLoopbackTests(files: FileSet, model: CppModel): string[] {
  const view = createSpecView(model.spec, { transport: "http" }, "cpp");
  const plan = planTests(view, analyse(view));
  const probe = plan.probe;
  if (probe === undefined) return [];
  const auth = model.spec.security.authentication.mode !== "none" && model.spec.security.authentication.message !== undefined;
  const { ns } = model;
  const T = (name: string): string => model.typeName(name);
  const f = files.file(`cpp/${HTTP_LOOPBACK_TEST}`, "cpp");
  f.print("#include <gtest/gtest.h>");
  f.print();
  f.print("#include <httplib.h>");
  f.print();
  for (const h of ["algorithm", "asio.hpp", "chrono", "cstdint", "future", "optional", "string", "system_error", "thread", "vector"]) f.print(`#include <${h}>`);
  f.print();
  for (const h of ["http_client", "http_server", "json"]) f.print(`#include "${ns}/${h}.hpp"`);
  f.print();
  f.print(`using namespace ${ns};`);
  f.print("using namespace std::chrono_literals;");
  f.print();
  f.print("namespace {");
  f.print();
  f.print("constexpr auto kTimeout = 5000ms;");
  f.doc("Requests sent one after the other to exceed the flood test's rate limit (2 per second, bursts of 4).");
  f.print("constexpr int kFlood = 30;");
  f.print();
  f.doc(`The probe, ${probe.request.name}, as a fresh client sends it.`);
  f.block(`${T(probe.request.name)} make_probe() {`, () =>
    printCppExpr(f, 1, ["return "], structExpr(model, probe.request.name, sampleOf(view, probe.request.name, { optionals: true, self: true })), ";"),
  );
  f.print();
  f.doc(`What a working server answers it: ${probe.ok.name}.`);
  f.block(`${T(probe.ok.name)} make_ok() {`, () =>
    printCppExpr(f, 1, ["return "], structExpr(model, probe.ok.name, sampleOf(view, probe.ok.name, { optionals: false, self: false })), ";"),
  );
  f.print();
  if (plan.second !== undefined) {
    const second = plan.second;
    f.doc(`A request a fresh session may not send yet: ${second.name}.`);
    f.block(`${T(second.name)} make_second() {`, () =>
      printCppExpr(f, 1, ["return "], structExpr(model, second.name, sampleOf(view, second.name, { optionals: false, self: false })), ";"),
    );
    f.print();
  }
  f.doc("Answers the probe (after `delay`); the other messages get no answer.");
  f.block("class ProbeHandlers : public ServerDispatch {", () => {
    f.print(" public:");
    f.print("explicit ProbeHandlers(std::chrono::milliseconds delay = 0ms) : delay_(delay) {}");
    f.block("std::optional<Message> dispatch(ServerSession&, const Message& message) override {", () => {
      f.print(`if (!std::holds_alternative<${T(probe.request.name)}>(message)) return std::nullopt;`);
      f.print("if (delay_.count() > 0) std::this_thread::sleep_for(delay_);");
      f.print("return make_ok();");
    });
    f.print();
    f.print(" private:");
    f.print("std::chrono::milliseconds delay_;");
  }, "};");
  f.print();
  f.doc("Sends what the flow sends before the probe, then the probe; the answer must be the first response.");
  f.block("void probe(HttpClient& client) {", () => {
    for (const m of probe.prefix) {
      printCppExpr(f, 1, ["client.send("], structExpr(model, m.name, sampleOf(view, m.name, { optionals: true, self: true })), ");");
    }
    f.print("const Message answer = client.request(make_probe());");
    f.print(`EXPECT_TRUE(std::holds_alternative<${T(probe.ok.name)}>(answer)) << describe(answer);`);
  });
  f.print();
  f.print(`const std::string kProbeName = ${cppStr(probe.request.name)};`);
  f.print(`const std::string kOkName = ${cppStr(probe.ok.name)};`);
  f.print();
  f.doc("What the server answered a raw request: the status and the body (JSON null when empty or not JSON).");
  f.block("struct Answer {", () => {
    f.print("int status = 0;");
    f.print("Json data;");
  }, "};");
  f.print();
  f.block("std::string path(const std::string& name) {", () => f.print('return "/" + std::string(protocol_info::kProtocolName) + "/messages/" + name;'));
  f.print();
  f.doc("The headers of a raw POST; an empty `seq` leaves the sequence header out, `credential` adds the probe's bearer.");
  f.block("httplib::Headers headers(const std::string& seq = \"1\", const std::string& session = \"robustness\", bool credential = true) {", () => {
    f.print('httplib::Headers out{{"X-Protoforge-Session", session}};');
    f.print('if (!seq.empty()) out.emplace("X-Protoforge-Seq", seq);');
    f.print("const auto bearer = profile::credential_of(make_probe());");
    f.print('if (credential && bearer) out.emplace("Authorization", "Bearer " + *bearer);');
    f.print("return out;");
  });
  f.print();
  f.block("Answer post(std::uint16_t port, const std::string& name, const std::string& body, const httplib::Headers& sent, const std::string& type = \"application/json\") {", () => {
    f.print('httplib::Client http("127.0.0.1", port);');
    f.print("http.set_connection_timeout(kTimeout);");
    f.print("http.set_read_timeout(kTimeout);");
    f.print("auto res = http.Post(path(name), sent, body, type);");
    f.print("if (!res) return Answer{0, Json()};");
    f.print("Json data;");
    f.block("try {", () => f.print("if (!res->body.empty()) data = parse_json(res->body);"));
    f.block("catch (const WireError&) {", () => f.print("data = Json(res->body);"));
    f.print("return Answer{res->status, data};");
  });
  f.print();
  f.print("std::string probe_body() { return to_json_text(make_probe()); }");
  f.print();
  f.doc("The status and error code of a raw POST, and a text message.");
  f.block("void expect_error(std::uint16_t port, int status, const std::string& error, const std::string& name, const std::string& body, const httplib::Headers& sent, const std::string& type = \"application/json\") {", () => {
    f.print("const Answer got = post(port, name, body, sent, type);");
    f.print("EXPECT_EQ(got.status, status) << got.data.dump();");
    f.print('ASSERT_TRUE(got.data.is_object()) << got.data.dump();');
    f.print('EXPECT_EQ(got.data.value("error", std::string()), error) << got.data.dump();');
    f.print('EXPECT_TRUE(got.data.contains("message") && got.data["message"].is_string()) << got.data.dump();');
  });
  f.print();
  f.doc("The server still answers the probe of a fresh client.");
  f.block("void expect_serves(std::uint16_t port) {", () => {
    f.print("HttpClient client(\"127.0.0.1\", port);");
    f.print("client.connect();");
    f.print("probe(client);");
    f.print("client.close();");
  });
  f.print();
  f.print("}  // namespace");
  const test = (name: string, body: string): void => {
    f.print();
    f.block(`TEST(HttpLoopback, ${name}) {`, () => {
      for (const line of body.trim().split("\n")) f.print(line.replace(/^ {6}/, ""));
    });
  };
  test(
    "ManyClientsAtOnce",
    `
      ProbeHandlers handlers;
      HttpServer server(handlers);
      const auto port = server.start("127.0.0.1", 0);
      std::vector<std::future<void>> sessions;
      for (int i = 0; i < 20; ++i) {
        sessions.push_back(std::async(std::launch::async, [port] {
          HttpClient client("127.0.0.1", port);
          client.connect();
          probe(client);
          client.close();
        }));
      }
      for (auto& s : sessions) {
        ASSERT_EQ(s.wait_for(kTimeout), std::future_status::ready);
        s.get();
      }
      server.stop();`,
  );
  if (plan.second !== undefined) {
    test(
      "TheClientRefusesAMessageItsStateDoesNotAllow",
      `
      ProbeHandlers handlers;
      HttpServer server(handlers);
      HttpClient client("127.0.0.1", server.start("127.0.0.1", 0));
      client.connect();
      const std::string state = client.state();
      EXPECT_THROW(client.request(make_second()), StateError);
      EXPECT_EQ(client.state(), state);
      probe(client);
      client.close();
      server.stop();`,
    );
  }
  if (probe.prefix.length === 0) {
    test(
      "AHandlerOverTheRequestTimeoutIs504",
      `
      ProbeHandlers handlers(600ms);
      auto options = ServerOptions::defaults();
      options.request_timeout = 100ms;
      HttpServer server(handlers, options);
      HttpClient client("127.0.0.1", server.start("127.0.0.1", 0));
      client.connect();
      try {
        client.request(make_probe());
        ADD_FAILURE() << "no 504";
      } catch (const HttpStatusError& e) {
        EXPECT_EQ(e.status(), 504);
        EXPECT_EQ(e.error(), "timeout");
        EXPECT_EQ(e.code(), "http_status");
      }
      client.close();
      server.stop();`,
    );
  }
  test(
    "SessionsEndWithTheServer",
    `
      ProbeHandlers handlers;
      HttpServer server(handlers);
      const auto port = server.start("127.0.0.1", 0);
      HttpClient client("127.0.0.1", port);
      client.connect();
      probe(client);
      EXPECT_EQ(server.sessions().size(), 1u);
      server.stop();
      EXPECT_TRUE(server.sessions().empty());
      client.close();`,
  );
  test(
    "AnOccupiedPortIsASystemError",
    `
      ProbeHandlers handlers;
      HttpServer first(handlers);
      const auto port = first.start("127.0.0.1", 0);
      HttpServer second(handlers);
      EXPECT_THROW(second.start("127.0.0.1", port), std::system_error);
      expect_serves(port);`,
  );
  test(
    "ABodyThatIsNotJsonIs400",
    `
      ProbeHandlers handlers;
      HttpServer server(handlers);
      const auto port = server.start("127.0.0.1", 0);
      expect_error(port, 400, "bad_request", kProbeName, "{not json", headers());
      expect_serves(port);`,
  );
  test(
    "AnInvalidPayloadIs400WithTheWireError",
    `
      ProbeHandlers handlers;
      HttpServer server(handlers);
      const auto port = server.start("127.0.0.1", 0);
      expect_error(port, 400, "invalid_value", kProbeName, "{\\"no_such_field\\": 1}", headers());
      expect_serves(port);`,
  );
  test(
    "AnUnknownMessageOrPathIs404",
    `
      ProbeHandlers handlers;
      HttpServer server(handlers);
      const auto port = server.start("127.0.0.1", 0);
      expect_error(port, 404, "unknown_message", "NoSuchMessage", probe_body(), headers());
      expect_error(port, 404, "unknown_message", kOkName, "{}", headers());
      httplib::Client http("127.0.0.1", port);
      http.set_read_timeout(kTimeout);
      auto res = http.Get("/nowhere");
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 404);
      EXPECT_EQ(parse_json(res->body).value("error", std::string()), "not_found");
      expect_serves(port);`,
  );
  test(
    "TheWrongMethodIs405",
    `
      ProbeHandlers handlers;
      HttpServer server(handlers);
      const auto port = server.start("127.0.0.1", 0);
      httplib::Client http("127.0.0.1", port);
      http.set_read_timeout(kTimeout);
      auto res = http.Get(path(kProbeName));
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 405);
      EXPECT_EQ(res->get_header_value("Allow"), "POST");
      EXPECT_EQ(parse_json(res->body).value("error", std::string()), "method_not_allowed");
      res = http.Post("/" + std::string(protocol_info::kProtocolName) + "/events", "", "application/json");
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 405);
      EXPECT_EQ(res->get_header_value("Allow"), "GET");
      expect_serves(port);`,
  );
  test(
    "TheWrongContentTypeIs415",
    `
      ProbeHandlers handlers;
      HttpServer server(handlers);
      const auto port = server.start("127.0.0.1", 0);
      expect_error(port, 415, "unsupported_media_type", kProbeName, probe_body(), headers(), "text/plain");
      expect_serves(port);`,
  );
  test(
    "AMissingOrBadSequenceNumberIs400",
    `
      ProbeHandlers handlers;
      HttpServer server(handlers);
      const auto port = server.start("127.0.0.1", 0);
      expect_error(port, 400, "bad_request", kProbeName, probe_body(), headers(""));
      expect_error(port, 400, "bad_request", kProbeName, probe_body(), headers("-1"));
      expect_error(port, 400, "bad_request", kProbeName, probe_body(), headers("4294967296"));
      expect_serves(port);`,
  );
  test(
    "ABodyOverTheFrameLimitIs413",
    `
      ProbeHandlers handlers;
      HttpServer server(handlers);
      const auto port = server.start("127.0.0.1", 0);
      const std::string body = "{\\"padding\\": \\"" + std::string(protocol_info::kMaxFrameBytes, 'x') + "\\"}";
      expect_error(port, 413, "frame_too_large", kProbeName, body, headers());
      // Sent in chunks, without Content-Length: bounded all the same.
      httplib::Client http("127.0.0.1", port);
      http.set_read_timeout(kTimeout);
      std::size_t sent = 0;
      auto res = http.Post(
          path(kProbeName), headers(),
          [&](std::size_t, httplib::DataSink& sink) {
            const std::size_t n = std::min<std::size_t>(8192, body.size() - sent);
            if (n == 0) {
              sink.done();
              return true;
            }
            sink.write(body.data() + sent, n);
            sent += n;
            return true;
          },
          "application/json");
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 413);
      EXPECT_EQ(parse_json(res->body).value("error", std::string()), "frame_too_large");
      expect_serves(port);`,
  );
  test(
    "AnAbruptDisconnectMidBodyLeavesTheServerServing",
    `
      ProbeHandlers handlers;
      HttpServer server(handlers);
      const auto port = server.start("127.0.0.1", 0);
      {
        asio::io_context io;
        asio::ip::tcp::socket socket(io);
        socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
        const std::string head = "POST " + path(kProbeName) + " HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Type: application/json\\r\\n" +
                                 "X-Protoforge-Seq: 1\\r\\nContent-Length: 1000\\r\\n\\r\\n" + probe_body().substr(0, 10);
        asio::write(socket, asio::buffer(head));
        socket.set_option(asio::socket_base::linger(true, 0));
      }
      expect_serves(port);`,
  );
  if (auth) {
    test(
      "AfterAuthenticationAnotherCredentialIs401",
      `
      ProbeHandlers handlers;
      HttpServer server(handlers);
      const auto port = server.start("127.0.0.1", 0);
      httplib::Headers sent = headers("1", "robustness-401", true);
      EXPECT_EQ(post(port, kProbeName, probe_body(), sent).status, 200);
      sent.erase("Authorization");
      sent.emplace("Authorization", "Bearer not-the-credential");
      expect_error(port, 401, "unauthorized", kProbeName, probe_body(), sent);
      expect_serves(port);`,
    );
    test(
      "TheEventStreamBeforeAuthenticationIs401",
      `
      ProbeHandlers handlers;
      HttpServer server(handlers);
      const auto port = server.start("127.0.0.1", 0);
      httplib::Client http("127.0.0.1", port);
      http.set_read_timeout(kTimeout);
      auto res = http.Get("/" + std::string(protocol_info::kProtocolName) + "/events", headers());
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 401);
      expect_serves(port);`,
    );
    if (plan.second !== undefined) {
      const second = plan.second;
      const expectations =
        second.error === undefined
          ? ["EXPECT_EQ(got.status, 409) << got.data.dump();", 'EXPECT_EQ(got.data.value("error", std::string()), "session_closed");']
          : ["EXPECT_EQ(got.status, 200) << got.data.dump();", `EXPECT_EQ(got.data.value("type", std::string()), ${cppStr(second.error)});`, 'EXPECT_EQ(got.data.value("seq", 0), 1);'];
      test(
        "AMessageBeforeAuthenticationGetsTheStatesRefusalNot401",
        `
      ProbeHandlers handlers;
      HttpServer server(handlers);
      const auto port = server.start("127.0.0.1", 0);
      const Answer got = post(port, ${cppStr(second.name)}, to_json_text(make_second()), headers("1", "robustness-early", false));
${expectations.map((l) => `      ${l}`).join("\n")}
      expect_serves(port);`,
      );
    }
  }
  if (plan.rateLimited) {
    test(
      "AFloodOverTheRateLimitIs429",
      `
      ProbeHandlers handlers;
      // The test's own limit: the spec's may allow more than a loopback client sends in a test.
      auto options = ServerOptions::defaults();
      options.rate_limit.emplace(2.0, 4);
      HttpServer server(handlers, options);
      const auto port = server.start("127.0.0.1", 0);
      std::vector<int> statuses;
      Json limited;
      for (int seq = 1; seq <= kFlood; ++seq) {
        const Answer got = post(port, kProbeName, probe_body(), headers(std::to_string(seq)));
        statuses.push_back(got.status);
        if (got.status == 429 && limited.is_null()) limited = got.data;
      }
      EXPECT_NE(std::find(statuses.begin(), statuses.end(), 429), statuses.end());
      ASSERT_TRUE(limited.is_object());
      EXPECT_EQ(limited.value("error", std::string()), "rate_limited");
      ASSERT_TRUE(limited.contains("retry_after_ms") && limited["retry_after_ms"].is_number_integer()) << limited.dump();
      EXPECT_GE(limited["retry_after_ms"].get<std::int64_t>(), 0);
      expect_serves(port);`,
    );
  }
  f.finish();
  return [HTTP_LOOPBACK_TEST];
}
