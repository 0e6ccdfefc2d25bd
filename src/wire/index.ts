// The reference wire format of protoforge (docs/wire-format.md).
export { createCodec, type Codec, type CodecOptions, type DecodedFrame, type EncodeFrameOptions, type Envelope } from "./codec.js";
export { createDeframer, type Deframer } from "./deframer.js";
export {
  CONTROL_FLAG,
  type ControlKind,
  controlKindOf,
  encodeHeader,
  FLAG_ACK,
  FLAG_PING,
  FLAG_PONG,
  FLAG_RELIABLE,
  FLAG_RESPONSE,
  flagsProblem,
  type FrameHeader,
  type FrameLimits,
  frameLimitsOf,
  HEADER_BYTES,
  KNOWN_FLAGS,
  MAGIC,
  MAX_SEQUENCE,
  nextSequence,
  readHeader,
} from "./header.js";
export { formatJson } from "./json-text.js";
export { retransmitDelays } from "./retransmit.js";
export type { JsonObject, JsonValue, WireObject, WireValue } from "./values.js";
export { WIRE_ERROR_CODES, WireError, type WireErrorCode } from "./wire-error.js";
export { generateVectors } from "./vectors/generate-vectors.js";
export { VectorError } from "./vectors/vector-error.js";
