// Media streaming: open a stream, receive frames pushed by the responder,
// control playback, close it.
import { addTrace, emptyContribution, event, field, request, response, type Contribution } from "../draft.js";
import { hasAny } from "../text/tokens.js";
import { ERROR_REPLY, optional, u32, u64, type BuildContext } from "./context.js";

export function buildStream(ctx: BuildContext): Contribution {
  const c = emptyContribution();
  const tokens = ctx.a.allTokens;
  const kind = hasAny(tokens, ["video", "camera"]) ? "Video" : hasAny(tokens, ["audio", "music", "voice", "radio"]) ? "Audio" : "Media";
  const frame = `${kind}Frame`;
  const iv = ctx.interval("stream");
  const streamId = u32("stream_id", "Identifier of the stream.");
  c.messages.push(
    request("initiator", "StartStream", "Opens a stream; frames follow.", [field("source", "string", "What to stream (a camera, a file, a channel).", { minLength: 1, maxLength: 128 }), optional(field("max_bitrate_kbps", "uint32", "Highest bitrate the peer can take.", { unit: "kbit/s", min: 16 }))], ["StreamStarted"], { error: ERROR_REPLY }),
    response("responder", "StreamStarted", "The stream is open.", [streamId, field("codec", "string", "Codec of the frames (for example h264, opus).", { maxLength: 32 }), optional(field("frame_rate", "uint16", "Frames per second.", { unit: "fps" }))]),
    request("initiator", "StopStream", "Closes a stream.", [streamId], ["StreamStopped"], { error: ERROR_REPLY }),
    response("responder", "StreamStopped", "The stream is closed; no more frames follow.", [streamId]),
    event("responder", frame, "One encoded frame of the stream.", [streamId, u32("seq", "Increments per frame; gaps show loss."), u64("pts_us", "Presentation time.", { unit: "us" }), field("keyframe", "bool", "True when the frame decodes on its own."), field("data", "bytes", "The encoded frame.", { maxLength: ctx.sizeOf("frame") ?? (ctx.a.transport === "udp" ? 1200 : 1_048_576) })], iv ? { intervalMs: iv.ms } : {}),
  );
  addTrace(c, "pattern:stream", "message:StartStream", "message:StopStream", `message:${frame}`);
  const controls: [string, string, string][] = [
    ["pause", "PauseStream", "Pauses delivery of frames."],
    ["resume", "ResumeStream", "Resumes delivery after a pause."],
    ["seek", "SeekStream", "Moves playback to a position."],
  ];
  for (const [cue, name, doc] of controls) {
    if (!hasAny(tokens, [cue])) continue;
    c.messages.push(request("initiator", name, doc, [streamId, ...(cue === "seek" ? [u64("position_ms", "Where to continue.", { unit: "ms" })] : [])], ["PlaybackState"], { error: ERROR_REPLY }));
  }
  if (c.messages.some((m) => m.responses.includes("PlaybackState"))) {
    c.messages.push(response("responder", "PlaybackState", "Where playback is now.", [streamId, field("paused", "bool", "True while paused."), u64("position_ms", "Current position.", { unit: "ms" })]));
  }
  c.errors.push("not_found", "unavailable");
  c.assumptions.push(`${frame} events are not acknowledged; a lost frame is skipped${ctx.a.transport === "udp" ? " (UDP)" : ""}.`);
  return c;
}
