// Leases and locks: acquire a named lock for a lease time, renew it, release
// it; the responder says when a lease lapsed. Every grant carries a fencing
// token so a stale holder's writes can be refused downstream.
import { addTrace, emptyContribution, event, request, response, type Contribution } from "../draft.js";
import { hasAny } from "../text/tokens.js";
import { ERROR_REPLY, optional, timestamp, u32, u64, type BuildContext } from "./context.js";

export function buildLocks(ctx: BuildContext): Contribution {
  const c = emptyContribution();
  const lease = ctx.a.numbers.lease;
  const leaseMs = lease?.ms ?? 30_000;
  const name = ctx.nameField("lock_name", "Name of the lock (the resource it guards).");
  const leaseId = u64("lease_id", "Identifier of the lease.");
  c.messages.push(
    request("initiator", "AcquireLock", "Asks for exclusive ownership of a lock for a lease time.", [name, u32("lease_ms", "How long the lease lasts unless renewed.", { unit: "ms", min: 1000, max: Math.max(leaseMs * 10, 600_000) }), optional(u32("wait_ms", "How long to wait for a held lock before giving up; 0 or absent fails at once.", { unit: "ms", max: 600_000 }))], ["LockAcquired"], { error: ERROR_REPLY }),
    response("responder", "LockAcquired", "The lock is held by the peer until the lease ends.", [name, leaseId, u64("fencing_token", "Increases with every grant of this lock; pass it to the guarded resource."), timestamp("expires_at", "When the lease ends unless renewed.")]),
    request("initiator", "RenewLease", "Extends a lease before it ends.", [leaseId], ["LeaseRenewed"], { error: ERROR_REPLY }),
    response("responder", "LeaseRenewed", "The lease was extended.", [leaseId, timestamp("expires_at", "The new end of the lease.")]),
    request("initiator", "ReleaseLock", "Gives a lock up.", [leaseId], ["LockReleased"], { error: ERROR_REPLY }),
    response("responder", "LockReleased", "The lock is free.", [leaseId]),
    event("responder", "LeaseExpired", "A lease the peer held ended without renewal; the lock is no longer the peer's.", [name, leaseId]),
  );
  addTrace(c, "pattern:lock", "message:AcquireLock", "message:RenewLease", "message:ReleaseLock", "message:LeaseExpired", "field:LockAcquired.fencing_token");
  if (lease) addTrace(c, `req:${lease.reqId}`, "field:AcquireLock.lease_ms");
  else c.assumptions.push(`Leases last ${leaseMs} ms by default; holders renew at about a third of that.`);
  if (hasAny(ctx.a.allTokens, ["queue", "wait", "waiting", "notify", "available"])) {
    c.messages.push(event("responder", "LockAvailable", "A lock the peer waited for was released.", [name]));
  }
  c.errors.push("lock_held", "lease_expired", "not_owner", "not_found");
  return c;
}
