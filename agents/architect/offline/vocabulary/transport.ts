// Per-transport defaults: largest frame, and which messages need the
// protocol's own acknowledgement and retransmission.
import type { Transport } from "../../request.js";

export const TRANSPORT_DEFAULTS: { readonly [K in Transport]: { readonly maxFrameBytes: number; readonly reliableRequests: boolean; readonly note: string } } = {
  tcp: { maxFrameBytes: 65536, reliableRequests: false, note: "TCP delivers frames in order; requests are retried only after a reconnection." },
  udp: { maxFrameBytes: 1400, reliableRequests: true, note: "On UDP every request, response and non-periodic event is acknowledged and retransmitted (reliable); periodic messages are not, the next one supersedes a lost one." },
  http: { maxFrameBytes: 1_048_576, reliableRequests: false, note: "On HTTP each request is a POST and its answer the response; events reach the peer over a long-lived streaming response." },
};
