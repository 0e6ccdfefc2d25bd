// The hand-written transport runtime (src/emit/java/runtime/transport/*.java)
// copied to java/src/main/java/<pkgDir>/transport/ in the package
// <pkg>.transport. `__PACKAGE__` in the sources' imports becomes the
// protocol's package. Files used by some transports only are listed in
// ONLY; every other file is shared (options, failures, sessions, hub, client
// base) and copied for every transport.
import type { FileSet } from "../../index.js";
import type { Transport } from "../../language.js";
import { runtimeAssets } from "../../runtime-assets.js";
import type { JavaModel } from "../model.js";

/** The runtime's folder under src/emit/java/. */
export const TRANSPORT_RUNTIME = "runtime/transport";

/** Runtime files only some transports need; a file not listed is copied for every transport. */
export const ONLY: Readonly<Record<string, readonly Transport[]>> = {
  "FrameLink.java": ["tcp", "udp"],
  "FrameChannel.java": ["tcp", "udp"],
  "FramedServerSession.java": ["tcp", "udp"],
  "FramedClient.java": ["tcp", "udp"],
  "StreamLink.java": ["tcp"],
  "StreamReader.java": ["tcp"],
  "TcpServer.java": ["tcp"],
  "TcpClient.java": ["tcp"],
  "HttpServer.java": ["http"],
  "HttpServerSession.java": ["http"],
  "HttpClient.java": ["http"],
  "Sse.java": ["http"],
  "DatagramInbox.java": ["udp"],
  "DatagramLink.java": ["udp"],
  "DatagramSession.java": ["udp"],
  "DuplicateWindow.java": ["udp"],
  "Retransmitter.java": ["udp"],
  "UdpServer.java": ["udp"],
  "UdpClient.java": ["udp"],
};

/** The runtime files `transport` gets, sorted (file names). */
export function transportRuntimeNames(transport: Transport): string[] {
  return runtimeAssets("java", TRANSPORT_RUNTIME)
    .map((a) => a.path)
    .filter((p) => p.endsWith(".java") && !p.includes("/") && (ONLY[p] ?? [transport]).includes(transport));
}

export function transportRuntimeFiles(files: FileSet, model: JavaModel, transport: Transport): void {
  const wanted = new Set(transportRuntimeNames(transport));
  const pkg = `${model.pkg}.transport`;
  for (const asset of runtimeAssets("java", TRANSPORT_RUNTIME)) {
    if (!wanted.has(asset.path)) continue;
    const cls = asset.path.replace(/\.java$/, "");
    const f = files.file(`java/src/main/java/${model.pkgDir}/transport/${asset.path}`, "java", { module: pkg, localNames: [cls] });
    f.print(asset.content.replace(/__PACKAGE__/g, model.pkg).replace(/\n+$/, ""));
    f.finish();
  }
}
