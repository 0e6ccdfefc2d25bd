// Failures of the transports, as data: each has a short code and a message.
//
// Protocol-level failures (bad frames, out-of-order messages) are the layer's
// WireError and StateError; these are the transport's own: connecting,
// timeouts, lost connections, undelivered datagrams and HTTP errors.

/** Base of every transport failure; `code` names it for programs. */
export class TransportError extends Error {
  /** @param {string} message @param {ErrorOptions} [options] the `cause`, when one failure led to this one */
  constructor(message, options) {
    super(message, options);
    this.name = new.target.name;
  }

  /** @returns {string} */
  get code() {
    return "transport";
  }
}

/** No connection could be made, after every attempt allowed by the retry policy. */
export class ConnectFailed extends TransportError {
  /** @override @returns {"connect_failed"} */
  get code() {
    return "connect_failed";
  }
}

/** The connection closed (or was never opened) while a message was on its way. */
export class ConnectionClosed extends TransportError {
  /** @override @returns {"closed"} */
  get code() {
    return "closed";
  }
}

/** No answer came within the request timeout. */
export class RequestTimeout extends TransportError {
  /** @override @returns {"timeout"} */
  get code() {
    return "timeout";
  }
}

/** A reliable datagram was never acknowledged, after every retransmission. */
export class DeliveryFailed extends TransportError {
  /** @override @returns {"delivery_failed"} */
  get code() {
    return "delivery_failed";
  }
}

/** The peer answered a request with a message the spec does not allow as its answer. */
export class UnexpectedAnswer extends TransportError {
  /** @param {string} request @param {string} answer */
  constructor(request, answer) {
    super(`${request} was answered with ${answer}, which is not one of its declared answers`);
    this.request = request;
    this.answer = answer;
  }

  /** @override @returns {"unexpected_answer"} */
  get code() {
    return "unexpected_answer";
  }
}

/** An HTTP request failed with a 4xx or 5xx status and a JSON error body. */
export class HttpStatusError extends TransportError {
  /** @param {number} status @param {string} error @param {string} message */
  constructor(status, error, message) {
    super(`HTTP ${status} ${error}: ${message}`);
    this.status = status;
    this.error = error;
  }

  /** @override @returns {"http_status"} */
  get code() {
    return "http_status";
  }
}
