// Protocol-wide settings, old against new: the frame limit (a decoder refuses
// a larger frame), authentication, the rate limit and the timings.
import type { Spec, Timing } from "../spec/model.js";
import type { SpecChange } from "./change-model.js";
import { change } from "./changes.js";

const at = (path: readonly (string | number)[]) => ({ side: "new" as const, path, label: path.join(".") });

export function diffSettings(oldSpec: Spec, newSpec: Spec): SpecChange[] {
  const changes: SpecChange[] = [];
  if (oldSpec.protocol.name !== newSpec.protocol.name) {
    changes.push(change("protocol-renamed", [], at(["protocol", "name"]), `renamed ${newSpec.protocol.name}, was ${oldSpec.protocol.name}: not on the wire, but the generated packages and modules take the new name`));
  }
  const oldLimit = oldSpec.security.maxFrameBytes;
  const newLimit = newSpec.security.maxFrameBytes;
  if (newLimit < oldLimit) changes.push(change("frame-limit-lowered", ["wire"], at(["security", "maxFrameBytes"]), `maxFrameBytes ${oldLimit} became ${newLimit}: a larger frame of an old peer is refused (frame_too_large)`));
  if (newLimit > oldLimit) changes.push(change("frame-limit-raised", [], at(["security", "maxFrameBytes"]), `maxFrameBytes ${oldLimit} became ${newLimit}: an old peer refuses the larger frames a new one may send`));
  const oldAuth = oldSpec.security.authentication;
  const newAuth = newSpec.security.authentication;
  if (oldAuth.mode !== newAuth.mode || oldAuth.message !== newAuth.message) {
    const show = (a: typeof oldAuth) => `${a.mode}${a.message === undefined ? "" : ` by ${a.message}`}`;
    changes.push(change("authentication-changed", ["behaviour"], at(["security", "authentication"]), `authentication is ${show(newAuth)}, was ${show(oldAuth)}`));
  }
  changes.push(...diffRateLimit(oldSpec, newSpec));
  changes.push(...diffTiming(oldSpec.timing, newSpec.timing));
  return changes;
}

function diffRateLimit(oldSpec: Spec, newSpec: Spec): SpecChange[] {
  const o = oldSpec.security.rateLimit;
  const n = newSpec.security.rateLimit;
  const show = (r: typeof o) => (r === undefined ? "none" : `${r.messagesPerSecond}/s, burst ${r.burst}`);
  if (o?.messagesPerSecond === n?.messagesPerSecond && o?.burst === n?.burst) return [];
  const tighter = n !== undefined && (o === undefined || n.messagesPerSecond < o.messagesPerSecond || n.burst < o.burst);
  const where = at(["security", "rateLimit"]);
  return tighter
    ? [change("rate-limit-tightened", ["behaviour"], where, `rate limit ${show(n)}, was ${show(o)}: an old peer sending at the old rate is refused (rate_limited)`)]
    : [change("rate-limit-loosened", [], where, `rate limit ${show(n)}, was ${show(o)}`)];
}

function diffTiming(o: Timing, n: Timing): SpecChange[] {
  const flat = (t: Timing): [string, number][] => [
    ["connectTimeoutMs", t.connectTimeoutMs],
    ["requestTimeoutMs", t.requestTimeoutMs],
    ["keepaliveIntervalMs", t.keepaliveIntervalMs],
    ["idleTimeoutMs", t.idleTimeoutMs],
    ...Object.entries(t.retry).map(([k, v]): [string, number] => [`retry.${k}`, v]),
  ];
  const before = new Map(flat(o));
  return flat(n)
    .filter(([key, value]) => before.get(key) !== value)
    .map(([key, value]) => change("timing-changed", [], at(["timing", ...key.split(".")]), `timing.${key} ${before.get(key)} became ${value}`));
}
