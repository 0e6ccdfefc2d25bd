// The datagram retransmission schedule: how long a sender waits for an ACK
// after each attempt. Attempt 1 is the first send; after attempt k it waits
// delays[k-1] ms, then retransmits (or gives up after the last attempt).
// delay_1 = initialBackoffMs, delay_k+1 = min(delay_k * multiplier, maxBackoffMs).

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly multiplier: number;
}

export function retransmitDelays(retry: RetryPolicy): number[] {
  const delays: number[] = [];
  let delay = Math.min(retry.initialBackoffMs, retry.maxBackoffMs);
  for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
    delays.push(Math.round(delay));
    delay = Math.min(delay * retry.multiplier, retry.maxBackoffMs);
  }
  return delays;
}
