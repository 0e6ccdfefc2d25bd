// The HTTP part of RobustnessTest.java, as JavaScript's
// test-robustness-http.ts: the status codes of wire format 10.3 for bad
// bodies, unknown messages, methods, content types, sequence headers, sizes
// and credentials; a disconnect mid-body and a flood (429) leave the server
// serving. Requests go through java.net.http.HttpClient, each bounded by
// TIMEOUT_MS.
import type { FileBuilder } from "../../index.js";
import { symbols, type Printable } from "../../symbols.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";
import { mainType, transportType, type JavaView } from "./handlers-builder.js";
import { str } from "./test-support.js";

/** The names the HTTP templates use besides the shared ones. */
export function httpBindings(view: JavaView, plan: TestPlan): Record<string, Printable> {
  const t = (q: string): Printable => symbols.java.type(q);
  return {
    HttpClient: t("java.net.http.HttpClient"),
    HttpRequest: t("java.net.http.HttpRequest"),
    HttpResponse: t("java.net.http.HttpResponse"),
    URI: t("java.net.URI"),
    JsonNode: t("com.fasterxml.jackson.databind.JsonNode"),
    Map: t("java.util.Map"),
    LinkedHashMap: t("java.util.LinkedHashMap"),
    ProtocolInfo: mainType(view, "ProtocolInfo"),
    Profile: transportType(view, "Profile"),
    probeName: str(plan.probe?.request.name ?? ""),
    okName: str(plan.probe?.ok.name ?? ""),
    secondName: str(plan.second?.name ?? ""),
  };
}

export function httpRobustness(f: FileBuilder, view: JavaView, plan: TestPlan, b: Bindings): void {
  const auth = view.spec.security.authentication.mode !== "none" && view.spec.security.authentication.message !== undefined;
  f.print();
  printTemplate(
    f,
    `
    private final «HttpClient» http = HttpClient.newBuilder().connectTimeout(«Duration».ofMillis(«TIMEOUT_MS»)).build();

    /** What the server answered: the status and the JSON body (null when empty). */
    record Answer(int status, «JsonNode» data) {
    }

    private «URI» url(String name) {
        return URI.create("http://127.0.0.1:" + server.port() + "/" + «ProtocolInfo».PROTOCOL_NAME + "/messages/" + name);
    }

    /** The headers of a POST; \`seq\` null leaves the sequence header out. */
    private «Map»<String, String> headers(String seq, String session, boolean credential) {
        Map<String, String> out = new «LinkedHashMap»<>();
        out.put("Content-Type", "application/json");
        out.put("X-Protoforge-Session", session);
        if (seq != null) {
            out.put("X-Protoforge-Seq", seq);
        }
    `,
    b,
  );
  f.indent(() =>
    f.indent(() => {
      if (plan.probe !== undefined)
        printTemplate(
          f,
          `
          String bearer = «Profile».credentialOf(«Samples».«makeProbe»());
          if (credential && bearer != null) {
              out.put("Authorization", "Bearer " + bearer);
          }
          `,
          b,
        );
      f.print("return out;");
    }),
  );
  printTemplate(
    f,
    `
    }

    private Map<String, String> headers() {
        return headers("1", "robustness", true);
    }

    private Answer post(String name, String body, Map<String, String> sent) throws Exception {
        «HttpRequest».Builder request = HttpRequest.newBuilder(url(name)).timeout(«Duration».ofMillis(«TIMEOUT_MS»))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        sent.forEach(request::header);
        «HttpResponse»<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : «Codec».parseJson(response.body()));
    }

    private void assertError(int status, String error, String name, String body, Map<String, String> sent) throws Exception {
        Answer got = post(name, body, sent);
        «assertEquals»(status, got.status(), String.valueOf(got.data()));
        assertEquals(error, got.data().get("error").asText());
        «assertTrue»(got.data().get("message").isTextual());
    }
    `,
    b,
  );
  if (plan.probe === undefined) return;
  f.print();
  printTemplate(
    f,
    `
    private static String probeBody() {
        return «Codec».toJsonText(«Samples».«makeProbe»());
    }

    @«Test»
    void aBodyThatIsNotJsonIs400() throws Exception {
        assertError(400, "bad_request", «probeName», "{not json", headers());
        «assertServes»(server.port());
    }

    @Test
    void anInvalidPayloadIs400WithTheWireError() throws Exception {
        assertError(400, "invalid_value", «probeName», "{\\"no_such_field\\": 1}", headers());
        assertServes(server.port());
    }

    @Test
    void anUnknownMessageIs404() throws Exception {
        assertError(404, "unknown_message", "NoSuchMessage", probeBody(), headers());
        assertError(404, "unknown_message", «okName», "{}", headers());
        assertServes(server.port());
    }

    @Test
    void theWrongMethodIs405() throws Exception {
        «HttpResponse»<String> response = http.send(«HttpRequest».newBuilder(url(«probeName»)).timeout(«Duration».ofMillis(«TIMEOUT_MS»)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        «assertEquals»(405, response.statusCode());
        assertEquals("method_not_allowed", «Codec».parseJson(response.body()).get("error").asText());
        assertServes(server.port());
    }

    @Test
    void theWrongContentTypeIs415() throws Exception {
        «Map»<String, String> sent = headers();
        sent.put("Content-Type", "text/plain");
        assertError(415, "unsupported_media_type", «probeName», probeBody(), sent);
        assertServes(server.port());
    }

    @Test
    void aMissingOrBadSequenceNumberIs400() throws Exception {
        assertError(400, "bad_request", «probeName», probeBody(), headers(null, "robustness", true));
        assertError(400, "bad_request", «probeName», probeBody(), headers("-1", "robustness", true));
        assertError(400, "bad_request", «probeName», probeBody(), headers("4294967296", "robustness", true));
        assertServes(server.port());
    }

    @Test
    void aBodyOverTheFrameLimitIs413() throws Exception {
        String body = "{\\"padding\\": \\"" + "x".repeat(Codec.MAX_FRAME_BYTES) + "\\"}";
        assertError(413, "frame_too_large", «probeName», body, headers());
        assertServes(server.port());
    }

    @Test
    void anAbruptDisconnectMidBodyLeavesTheServerServing() throws Exception {
        try («Socket» socket = new Socket("127.0.0.1", server.port())) {
            String head = "POST /" + «ProtocolInfo».PROTOCOL_NAME + "/messages/" + «probeName» + " HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n"
                    + "Content-Type: application/json\\r\\nX-Protoforge-Seq: 1\\r\\nContent-Length: 1000\\r\\n\\r\\n";
            String body = probeBody();
            socket.getOutputStream().write((head + body.substring(0, Math.min(10, body.length()))).getBytes(«StandardCharsets».UTF_8));
            socket.getOutputStream().flush();
            socket.setSoLinger(true, 0);
        }
        assertServes(server.port());
    }
    `,
    b,
  );
  if (auth) {
    f.print();
    printTemplate(
      f,
      `
      @«Test»
      void afterAuthenticationAnotherCredentialIs401() throws Exception {
          «Map»<String, String> sent = headers("1", "robustness-401", true);
          post(«probeName», probeBody(), sent);
          sent.put("Authorization", "Bearer not-the-credential");
          assertError(401, "unauthorized", «probeName», probeBody(), sent);
          «assertServes»(server.port());
      }

      @Test
      void theEventStreamBeforeAuthenticationIs401() throws Exception {
          «URI» events = URI.create("http://127.0.0.1:" + server.port() + "/" + «ProtocolInfo».PROTOCOL_NAME + "/events");
          «HttpRequest».Builder request = HttpRequest.newBuilder(events).timeout(«Duration».ofMillis(«TIMEOUT_MS»)).GET();
          headers().forEach(request::header);
          «HttpResponse»<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
          «assertEquals»(401, response.statusCode());
          assertServes(server.port());
      }
      `,
      b,
    );
    if (plan.second !== undefined) {
      f.print();
      printTemplate(
        f,
        `
        @«Test»
        void aMessageBeforeAuthenticationGetsTheStatesRefusalNot401() throws Exception {
            Answer got = post(«secondName», «Codec».toJsonText(«Samples».«makeSecond»()), headers("1", "robustness-early", false));
        `,
        b,
      );
      const lines =
        plan.second.error === undefined
          ? ["«assertEquals»(409, got.status(), String.valueOf(got.data()));", 'assertEquals("session_closed", got.data().get("error").asText());']
          : ["«assertEquals»(200, got.status(), String.valueOf(got.data()));", `assertEquals(${str(plan.second.error)}, got.data().get("type").asText());`, 'assertEquals(1L, got.data().get("seq").asLong());'];
      f.indent(() => printTemplate(f, [...lines, "«assertServes»(server.port());"].join("\n"), b));
      f.print("}");
    }
  }
  if (plan.rateLimited) {
    f.print();
    printTemplate(
      f,
      `
      @«Test»
      void aFloodOverTheRateLimitIs429() throws Exception {
          «List»<Integer> statuses = new «ArrayList»<>();
          «JsonNode» limited = null;
          for (int seq = 1; seq <= FLOOD; seq++) {
              Answer got = post(«probeName», probeBody(), headers(String.valueOf(seq), "robustness", true));
              statuses.add(got.status());
              if (got.status() == 429 && limited == null) {
                  limited = got.data();
              }
          }
          «assertTrue»(statuses.contains(429), statuses::toString);
          JsonNode refusal = limited;
          «assertNotNull»(refusal);
          «assertEquals»("rate_limited", refusal.get("error").asText());
          assertTrue(refusal.get("retry_after_ms").canConvertToLong() && refusal.get("retry_after_ms").asLong() >= 0, refusal::toString);
          «assertServes»(server.port());
      }
      `,
      b,
    );
  }
}
