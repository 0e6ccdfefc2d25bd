// The HTTP part of test/robustness.test.js: the status codes of wire format
// 10.3 for bad bodies, unknown messages, methods, content types, sequence
// headers, sizes and credentials; a disconnect mid-body and a flood (429)
// leave the server serving. Requests go through fetch.
import type { FileBuilder } from "../../printer.js";
import { printTemplate, type Bindings } from "../../transport-common/template.js";
import type { TestPlan } from "../../transport-common/test-plan.js";
import type { JsTransportContext } from "./context.js";

export function httpRobustness(f: FileBuilder, ctx: JsTransportContext, plan: TestPlan, b: Bindings): void {
  const auth = ctx.spec.security.authentication.mode !== "none" && ctx.spec.security.authentication.message !== undefined;
  f.print();
  printTemplate(
    f,
    `
    /** @param {string} name */
    const url = (name) => "http://127.0.0.1:" + server.port + "/" + «PROTOCOL_NAME» + "/messages/" + name;

    /**
     * @param {{ seq?: string | null, session?: string, credential?: boolean }} [init] seq null: no sequence header
     * @returns {Record<string, string>}
     */
    const headers = ({ seq = "1", session = "robustness", credential = true } = {}) => {
      /** @type {Record<string, string>} */
      const out = { "Content-Type": "application/json", "X-Protoforge-Session": session };
      if (seq !== null) out["X-Protoforge-Seq"] = seq;
    `,
    b,
  );
  f.indent(() => {
    if (plan.probe !== undefined)
      printTemplate(
        f,
        `
        const bearer = «credentialOf»(«makeProbe»());
        if (credential && bearer !== undefined) out["Authorization"] = "Bearer " + bearer;
        `,
        b,
      );
    else f.print("void credential;");
    f.print("return out;");
  });
  printTemplate(
    f,
    `
    };

    /**
     * @param {string} name @param {string | Uint8Array} body @param {Record<string, string>} sent
     * @returns {Promise<{ status: number, data: any }>}
     */
    const post = async (name, body, sent) => {
      const response = await «within»(fetch(url(name), { method: "POST", body, headers: sent }));
      const text = await response.text();
      return { status: response.status, data: text === "" ? null : JSON.parse(text) };
    };

    /**
     * @param {number} status @param {string} error @param {string} name @param {string | Uint8Array} body @param {Record<string, string>} sent
     */
    const assertError = async (status, error, name, body, sent) => {
      const got = await post(name, body, sent);
      «assert».equal(got.status, status, JSON.stringify(got.data));
      «assert».equal(got.data.error, error);
      «assert».equal(typeof got.data.message, "string");
    };
    `,
    b,
  );
  if (plan.probe === undefined) return;
  f.print();
  printTemplate(
    f,
    `
    const probeBody = () => «dumpJson»(«toJson»(«makeProbe»()));

    «test»("a body that is not JSON is 400", async () => {
      await assertError(400, "bad_request", «probeName», "{not json", headers());
      await «assertServes»(server.port);
    });

    «test»("an invalid payload is 400 with the wire error", async () => {
      await assertError(400, "invalid_value", «probeName», '{"no_such_field": 1}', headers());
      await «assertServes»(server.port);
    });

    «test»("an unknown message is 404", async () => {
      await assertError(404, "unknown_message", "NoSuchMessage", probeBody(), headers());
      await assertError(404, "unknown_message", «okName», "{}", headers());
      await «assertServes»(server.port);
    });

    «test»("the wrong method is 405", async () => {
      const response = await «within»(fetch(url(«probeName»)));
      «assert».equal(response.status, 405);
      «assert».equal(/** @type {{ error: string }} */ (await response.json()).error, "method_not_allowed");
      await «assertServes»(server.port);
    });

    «test»("the wrong content type is 415", async () => {
      const sent = headers();
      sent["Content-Type"] = "text/plain";
      await assertError(415, "unsupported_media_type", «probeName», probeBody(), sent);
      await «assertServes»(server.port);
    });

    «test»("a missing or bad sequence number is 400", async () => {
      await assertError(400, "bad_request", «probeName», probeBody(), headers({ seq: null }));
      await assertError(400, "bad_request", «probeName», probeBody(), headers({ seq: "-1" }));
      await assertError(400, "bad_request", «probeName», probeBody(), headers({ seq: "4294967296" }));
      await «assertServes»(server.port);
    });

    «test»("a body over the frame limit is 413", async () => {
      const body = '{"padding": "' + "x".repeat(«MAX_FRAME_BYTES») + '"}';
      await assertError(413, "frame_too_large", «probeName», body, headers());
      await «assertServes»(server.port);
    });

    «test»("an abrupt disconnect mid-body leaves the server serving", async () => {
      const socket = «net».connect({ host: "127.0.0.1", port: server.port });
      socket.on("error", () => {});
      await «within»(new Promise((resolve) => socket.once("connect", resolve)));
      const head =
        "POST /" + «PROTOCOL_NAME» + "/messages/" + «probeName» + " HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n" +
        "Content-Type: application/json\\r\\nX-Protoforge-Seq: 1\\r\\nContent-Length: 1000\\r\\n\\r\\n";
      await new Promise((resolve) => socket.write(head + probeBody().slice(0, 10), resolve));
      socket.resetAndDestroy();
      await «assertServes»(server.port);
    });
    `,
    b,
  );
  if (auth) {
    f.print();
    printTemplate(
      f,
      `
      «test»("after authentication, another credential is 401", async () => {
        const sent = headers({ session: "robustness-401" });
        await post(«probeName», probeBody(), sent);
        sent["Authorization"] = "Bearer not-the-credential";
        await assertError(401, "unauthorized", «probeName», probeBody(), sent);
        await «assertServes»(server.port);
      });

      «test»("the event stream before authentication is 401", async () => {
        const events = "http://127.0.0.1:" + server.port + "/" + «PROTOCOL_NAME» + "/events";
        const response = await «within»(fetch(events, { headers: headers() }));
        «assert».equal(response.status, 401);
        await response.body?.cancel();
        await «assertServes»(server.port);
      });
      `,
      b,
    );
    if (plan.second !== undefined) {
      f.print();
      printTemplate(
        f,
        `
        «test»("a message before authentication gets the state's refusal, not 401", async () => {
          const got = await post(«secondName», «dumpJson»(«toJson»(«makeSecond»())), headers({ session: "robustness-early", credential: false }));
          ${plan.second.error === undefined ? `«assert».equal(got.status, 409, JSON.stringify(got.data));
          «assert».equal(got.data.error, "session_closed");` : `«assert».equal(got.status, 200, JSON.stringify(got.data));
          «assert».deepEqual([got.data.type, got.data.seq], [${JSON.stringify(plan.second.error)}, 1]);`}
          await «assertServes»(server.port);
        });
        `,
        b,
      );
    }
  }
  if (plan.rateLimited) {
    f.print();
    printTemplate(
      f,
      `
      «test»("a flood over the rate limit is 429", async () => {
        /** @type {number[]} */
        const statuses = [];
        /** @type {any} */
        let limited = null;
        for (let seq = 1; seq <= FLOOD; seq++) {
          const got = await post(«probeName», probeBody(), headers({ seq: String(seq) }));
          statuses.push(got.status);
          if (got.status === 429 && limited === null) limited = got.data;
        }
        «assert».ok(statuses.includes(429), statuses.join(", "));
        «assert».equal(limited.error, "rate_limited");
        «assert».ok(Number.isInteger(limited.retry_after_ms) && limited.retry_after_ms >= 0, JSON.stringify(limited));
        await «assertServes»(server.port);
      });
      `,
      b,
    );
  }
}
