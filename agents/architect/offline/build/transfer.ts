// Chunked transfer with resume and checksums. Uploads: the initiator
// announces the file, sends chunks (each acknowledged) and finishes.
// Downloads: the initiator asks for the file and pulls chunks. A restart
// continues from the offset the other side reports. Firmware adds the
// update check and the install status.
import { addTrace, emptyContribution, event, field, request, response, type Contribution, type FieldDraft } from "../draft.js";
import { ERROR_REPLY, optional, u32, u64, type BuildContext } from "./context.js";

export function buildTransfer(ctx: BuildContext): Contribution {
  const c = emptyContribution();
  const noun = ctx.a.nouns.file;
  const udp = ctx.a.transport === "udp";
  const chunk = ctx.sizeOf("chunk") ?? (udp ? 1024 : 65536);
  const maxFile = ctx.sizeOf("file");
  const checksum = field("sha256", "string", `SHA-256 of the whole ${noun}, lower-case hex.`, { minLength: 64, maxLength: 64, pattern: "[0-9a-f]{64}" });
  const transferId = u32("transfer_id", "Identifier of the transfer.");
  const crc = optional(u32("crc32", "CRC-32 of this chunk's data, checked before the chunk is accepted."));
  const size = u64("size", `Size of the ${noun}.`, maxFile !== undefined ? { unit: "bytes", max: maxFile } : { unit: "bytes" });
  const name = field(`${noun === "file" ? "file" : noun}_name`, "string", `Name of the ${noun}.`, { minLength: 1, maxLength: 255, pattern: "[^/\\\\\\u0000]+" });
  const firmware = noun === "firmware";
  const trace = (...refs: string[]) => addTrace(c, "pattern:transfer", ...refs);

  if (ctx.a.uploads) {
    c.messages.push(
      request("initiator", "StartUpload", `Announces a ${noun} to upload; to resume, send the same name and checksum again.`, [name, size, checksum], ["UploadReady"], { error: ERROR_REPLY }),
      response("responder", "UploadReady", "The responder is ready; chunks start at resume_offset.", [transferId, u32("chunk_size", "Largest chunk the responder accepts.", { unit: "bytes", min: 1, max: chunk }), u64("resume_offset", "Bytes already received from an interrupted upload; 0 for a new one.", { unit: "bytes" })]),
      request("initiator", "UploadChunk", `One chunk of the ${noun}, at its offset.`, [transferId, u64("offset", "Where the chunk starts in the file.", { unit: "bytes" }), field("data", "bytes", "The chunk.", { minLength: 1, maxLength: chunk }), crc], ["ChunkAck"], { error: ERROR_REPLY }),
      response("responder", "ChunkAck", "The chunk was stored.", [transferId, u64("next_offset", "Offset of the next chunk expected.", { unit: "bytes" })]),
      request("initiator", "FinishUpload", "Ends the upload; the responder verifies the checksum.", [transferId], ["UploadComplete"], { error: ERROR_REPLY }),
      response("responder", "UploadComplete", `The whole ${noun} arrived and matches its checksum.`, [transferId, checksum]),
    );
    trace("message:StartUpload", "message:UploadChunk", "message:FinishUpload", "field:StartUpload.sha256", "field:UploadReady.resume_offset");
    if (ctx.has("resumeTransfer")) {
      c.messages.push(request("initiator", "ResumeUpload", `Continues an interrupted upload of the same ${noun}; the answer says where to start.`, [transferId, checksum], ["UploadReady"], { error: ERROR_REPLY }));
      addTrace(c, "feature:resumeTransfer", "message:ResumeUpload", "field:UploadReady.resume_offset");
    }
  }
  if (ctx.a.downloads) {
    const what: FieldDraft[] = firmware ? [field("version", "string", "The firmware version to fetch.", { minLength: 1, maxLength: 32 })] : [name];
    c.messages.push(
      request("initiator", "StartDownload", `Asks for a ${noun}; to resume, give the offset already held.`, [...what, optional(u64("offset", "Bytes already received, to resume an interrupted download.", { unit: "bytes" }))], ["DownloadReady"], { error: ERROR_REPLY }),
      response("responder", "DownloadReady", `Describes the ${noun} about to be sent.`, [transferId, size, checksum, u32("chunk_size", "Size of every chunk but the last.", { unit: "bytes", min: 1, max: chunk })]),
      request("initiator", "GetChunk", "Asks for the chunk at an offset.", [transferId, u64("offset", "Where the chunk starts.", { unit: "bytes" })], ["ChunkData"], { error: ERROR_REPLY }),
      response("responder", "ChunkData", `One chunk of the ${noun}.`, [transferId, u64("offset", "Where the chunk starts.", { unit: "bytes" }), field("data", "bytes", "The chunk.", { maxLength: chunk }), crc, field("last", "bool", "True for the final chunk.")]),
    );
    trace("message:StartDownload", "message:GetChunk", "message:ChunkData", "field:DownloadReady.sha256");
  }
  if (firmware) {
    c.types.push({
      kind: "enum",
      name: "UpdateState",
      doc: "Progress of a firmware update on the device.",
      values: [
        { name: "downloading", value: 0, doc: "Fetching the image." },
        { name: "verifying", value: 1, doc: "Checking the image's checksum and signature." },
        { name: "installing", value: 2, doc: "Writing the image." },
        { name: "installed", value: 3, doc: "Running the new version." },
        { name: "failed", value: 4, doc: "The update failed; the old version still runs." },
        { name: "rolled_back", value: 5, doc: "The new version failed to start; the old one was restored." },
      ],
    });
    c.messages.push(
      request("initiator", "CheckForUpdate", "Asks whether newer firmware exists for this device.", [field("current_version", "string", "Firmware the device runs.", { minLength: 1, maxLength: 32 }), field("hardware_model", "string", "Hardware model, to pick the right image.", { minLength: 1, maxLength: 64 })], ["UpdateInfo"], { error: ERROR_REPLY }),
      response("responder", "UpdateInfo", "Whether an update is available, and what it is.", [field("available", "bool", "True when newer firmware exists."), optional(field("version", "string", "The newer version.", { maxLength: 32 })), optional(size), optional(checksum)]),
      event("responder", "UpdateAvailable", "Tells a connected device that new firmware was published.", [field("version", "string", "The new version.", { minLength: 1, maxLength: 32 }), size]),
      event("initiator", "UpdateStatus", "Reports the progress of an update.", [field("version", "string", "The version being installed.", { minLength: 1, maxLength: 32 }), field("state", "UpdateState", "Where the update is."), optional(field("detail", "string", "Explanation of a failure.", { maxLength: 256 }))]),
    );
    trace("message:CheckForUpdate", "message:UpdateAvailable", "message:UpdateStatus");
    c.assumptions.push("Firmware images are verified against their SHA-256 before installing; a device that fails to boot the new image rolls back.");
  }
  if (ctx.has("checksum")) addTrace(c, "feature:checksum", "field:" + (ctx.a.uploads ? "StartUpload" : "DownloadReady") + ".sha256");
  if (ctx.has("resumeTransfer")) addTrace(c, "feature:resumeTransfer", ctx.a.uploads ? "field:UploadReady.resume_offset" : "field:StartDownload.offset");
  const chunkReq = ctx.limitReq("chunk");
  if (chunkReq) addTrace(c, `req:${chunkReq}`, ctx.a.uploads ? "field:UploadChunk.data" : "field:ChunkData.data");
  c.errors.push("checksum_mismatch", "too_large", "transfer_not_found", "not_found");
  if (ctx.sizeOf("chunk") === undefined) c.assumptions.push(`Chunks are at most ${chunk} bytes${udp ? " so each fits in one datagram" : ""}; each is acknowledged before the next is sent.`);
  return c;
}
