// One HTTP exchange a case makes below the message level (wire-format §10.3's
// status table): the request, what the answer must be, and the pure judgement
// of the answer. The HTTP link (http-link.ts) sends it.

/** The headers of §10.3 that name the session and number a request. */
export const SESSION_HEADER = "X-Protoforge-Session";
export const SEQ_HEADER = "X-Protoforge-Seq";

/** An HTTP request of a case. The link adds `X-Protoforge-Session` (and the
 *  bearer credential it holds) unless `headers` names them. */
export interface HttpProbe {
  readonly method: string;
  /** From the root, e.g. `/chat/messages/Login`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Sends this many copies at once (all on the session), `X-Protoforge-Seq`
   *  counting up from the probe's; the step passes when one answer meets the
   *  expectation (a rate limit). 1 when absent. */
  readonly copies?: number;
}

/** What the answer must be. */
export interface HttpExpectation {
  readonly status: number;
  /** The `error` of the JSON body must be one of these. */
  readonly errors?: readonly string[];
  /** Body keys that must hold a non-negative integer (e.g. `retry_after_ms`). */
  readonly integerFields?: readonly string[];
  /** Headers that must be present and hold a positive integer (e.g. `Retry-After`). */
  readonly integerHeaders?: readonly string[];
}

export interface HttpAnswer {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const SHOWN_CHARS = 200;

/** `HTTP 401 {"error":"unauthorized",…}`. */
export function describeHttpAnswer(a: HttpAnswer): string {
  const body = a.body.trim();
  return `HTTP ${a.status}${body === "" ? "" : ` ${body.length > SHOWN_CHARS ? `${body.slice(0, SHOWN_CHARS)}…` : body}`}`;
}

/** `400 (bad_request)`, `429 (rate_limited) with Retry-After, retry_after_ms`. */
export function describeExpectation(e: HttpExpectation): string {
  const extras = [...(e.integerHeaders ?? []), ...(e.integerFields ?? [])];
  return `HTTP ${e.status}${e.errors === undefined ? "" : ` (${e.errors.join("|")})`}${extras.length === 0 ? "" : ` with ${extras.join(", ")}`}`;
}

/** Why `answer` does not meet `e`, or undefined when it does. */
export function httpProblem(e: HttpExpectation, answer: HttpAnswer): string | undefined {
  if (answer.status !== e.status) return `status ${answer.status}`;
  let body: unknown;
  if (e.errors !== undefined || e.integerFields !== undefined) {
    try {
      body = JSON.parse(answer.body);
    } catch {
      return "the body is not JSON";
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) return "the body is not a JSON object";
  }
  const fields = body as Record<string, unknown>;
  if (e.errors !== undefined && !e.errors.includes(String(fields["error"]))) return `error ${JSON.stringify(fields["error"])}, expected ${e.errors.join(" or ")}`;
  for (const key of e.integerFields ?? []) {
    const v = fields[key];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) return `${key} ${v === undefined ? "is missing" : `is ${JSON.stringify(v)}, not a non-negative integer`}`;
  }
  for (const name of e.integerHeaders ?? []) {
    const v = answer.headers[name.toLowerCase()];
    if (v === undefined) return `no ${name} header`;
    if (!/^[1-9][0-9]*$/.test(v)) return `${name}: ${v} is not a positive integer`;
  }
  return undefined;
}

/** The verdict on the answers to one probe (several for `copies`). */
export function judgeHttp(e: HttpExpectation, answers: readonly HttpAnswer[], describe: string): string | undefined {
  if (answers.length === 0) return `no answer to ${describe}`;
  if (answers.length === 1) {
    const [only] = answers as [HttpAnswer];
    const problem = httpProblem(e, only);
    return problem === undefined ? undefined : `expected ${describeExpectation(e)} answering ${describe}, got ${describeHttpAnswer(only)}: ${problem}`;
  }
  const meeting = answers.find((a) => httpProblem(e, a) === undefined);
  if (meeting !== undefined) return undefined;
  const same = answers.find((a) => a.status === e.status);
  if (same !== undefined) return `expected ${describeExpectation(e)} among the answers to ${describe}, got ${describeHttpAnswer(same)}: ${httpProblem(e, same) ?? ""}`;
  const counts = new Map<number, number>();
  for (const a of answers) counts.set(a.status, (counts.get(a.status) ?? 0) + 1);
  const seen = [...counts].sort(([a], [b]) => a - b).map(([s, n]) => `${n}× ${s}`).join(", ");
  return `expected ${describeExpectation(e)} among the answers to ${describe}, got only ${seen}`;
}
