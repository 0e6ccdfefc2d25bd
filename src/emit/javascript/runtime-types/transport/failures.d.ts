/** Base of every transport failure; `code` names it for programs. */
export declare class TransportError extends Error {
  constructor(message: string, options?: ErrorOptions);
  get code(): string;
}
/** No connection could be made, after every attempt allowed by the retry policy. */
export declare class ConnectFailed extends TransportError {
  override get code(): "connect_failed";
}
/** The connection closed (or was never opened) while a message was on its way. */
export declare class ConnectionClosed extends TransportError {
  override get code(): "closed";
}
/** No answer came within the request timeout. */
export declare class RequestTimeout extends TransportError {
  override get code(): "timeout";
}
/** A reliable datagram was never acknowledged, after every retransmission. */
export declare class DeliveryFailed extends TransportError {
  override get code(): "delivery_failed";
}
/** The peer answered a request with a message the spec does not allow as its answer. */
export declare class UnexpectedAnswer extends TransportError {
  constructor(request: string, answer: string);
  readonly request: string;
  readonly answer: string;
  override get code(): "unexpected_answer";
}
/** An HTTP request failed with a 4xx or 5xx status and a JSON error body. */
export declare class HttpStatusError extends TransportError {
  constructor(status: number, error: string, message: string);
  readonly status: number;
  readonly error: string;
  override get code(): "http_status";
}
