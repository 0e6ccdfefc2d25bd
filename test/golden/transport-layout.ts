// How one transport's output is laid out in the golden tree. Pure.
//
// TCP is kept whole, at the example's root. UDP and HTTP keep, under
// transports/<transport>/, only the files whose bytes differ from TCP's (or
// that TCP does not have) plus files.txt, every path of that transport's
// output: a file missing from the folder is the TCP file, byte for byte, and
// files.txt still catches a file the transport gains or loses.
import type { GeneratedFile } from "../../src/emit/generated-file.js";
import type { Transport } from "../../src/emit/target.js";

/** A file of the golden tree, its path relative to the example's folder. */
export interface GoldenFile {
  readonly path: string;
  readonly bytes: Buffer;
}

export const FULL_TRANSPORT: Transport = "tcp";
export const FILE_LIST = "files.txt";

/** The folder, relative to the example's folder, that holds a transport's golden files ("" for TCP). */
export function transportFolder(transport: Transport): string {
  return transport === FULL_TRANSPORT ? "" : `transports/${transport}/`;
}

export function fileBytes(file: GeneratedFile): Buffer {
  return typeof file.content === "string" ? Buffer.from(file.content, "utf8") : Buffer.from(file.content);
}

/** The lines of a files.txt: every path of the output, sorted, one a line. */
export function fileListText(paths: readonly string[]): string {
  return [...paths].sort().map((p) => `${p}\n`).join("");
}

export function parseFileList(text: string): string[] {
  return text.split("\n").filter((line) => line !== "");
}

/** The golden files that stand for `files`, one transport's output, given TCP's output. */
export function transportLayout(transport: Transport, files: readonly GeneratedFile[], tcpFiles: readonly GeneratedFile[]): GoldenFile[] {
  if (transport === FULL_TRANSPORT) return files.map((f) => ({ path: f.path, bytes: fileBytes(f) }));
  const folder = transportFolder(transport);
  const tcpBytes = new Map(tcpFiles.map((f) => [f.path, fileBytes(f)]));
  const differing = files
    .map((f) => ({ path: f.path, bytes: fileBytes(f) }))
    .filter((f) => !(tcpBytes.get(f.path)?.equals(f.bytes) ?? false))
    .map((f) => ({ path: `${folder}${f.path}`, bytes: f.bytes }));
  const list = { path: `${folder}${FILE_LIST}`, bytes: Buffer.from(fileListText(files.map((f) => f.path)), "utf8") };
  return [list, ...differing];
}
