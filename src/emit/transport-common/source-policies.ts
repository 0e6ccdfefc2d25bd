// What the generated code may copy values from, in the two places that build
// messages on their own: a default server handler (the request, the session's
// earlier messages, the authenticated identity; the clock, fresh ids and
// tokens) and a demo client's sample function (ids and tokens the server
// handed out earlier; the wall clock). The same in every language but for
// how the last message is looked up.
import type { Message } from "../../spec/model.js";
import { words } from "../naming/words.js";
import type { Printable } from "../symbols.js";
import type { Behaviour } from "./behaviour.js";
import type { SpecView } from "./context.js";
import { isIdLike } from "./samples.js";
import type { DirectSource, SourceScope } from "./value-source.js";

export interface HandlerSources {
  /** The sources of the answer: the request as `message`. */
  readonly scope: SourceScope;
  /** The answer the handler returns (a request's first response), if any. */
  readonly answer: Message | undefined;
  /** The sources of the events it triggers: the request, and the answer as `answer`. */
  readonly eventDirect: readonly DirectSource[];
}

/** The sources of the default handler of `m` (`session.last(Cls)` recalls an earlier message). */
export function handlerSources(view: SpecView, behaviour: Behaviour, m: Message): HandlerSources {
  const answerName = m.kind === "request" ? m.responses[0] : undefined;
  const answer = answerName === undefined ? undefined : view.message(answerName);
  const direct: DirectSource[] = [{ variable: "message", message: m }];
  const scope: SourceScope = {
    direct,
    recall: { pool: view.initiated("initiator"), lookup: (cls: Printable) => ["session.last(", cls, ")"], fieldFilter: () => true },
    generators: "server",
    ...(behaviour.identity !== undefined && behaviour.auth !== undefined ? { identity: { message: behaviour.auth, field: behaviour.identity } } : {}),
  };
  return { scope, answer, eventDirect: answer === undefined ? direct : [...direct, { variable: "answer", message: answer }] };
}

/**
 * The sources of a demo client's sample message: only ids and tokens are
 * recalled (from what the responder sent), since the rest of a sample is
 * meant to look made up. `lookup` reads the client's last `cls`, if any client.
 */
export function sampleSources(view: SpecView, lookup: (cls: Printable) => Printable[]): SourceScope {
  return {
    direct: [],
    recall: {
      pool: view.spec.messages.filter((m) => m.from === "responder"),
      lookup,
      fieldFilter: (x) => isIdLike(x.name) || (x.type.kind === "bytes" && words(x.name).includes("token")),
    },
    generators: "client",
  };
}
