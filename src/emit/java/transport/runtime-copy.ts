// The hand-written transport runtime (src/emit/java/runtime/transport/*.java)
// copied to java/src/main/java/<pkgDir>/transport/ in the package
// <pkg>.transport. `__PACKAGE__` in the sources' imports becomes the
// protocol's package. Files used by some transports only are listed in
// ONLY; every other file is shared (options, failures, sessions, hub, client
// base) and copied for every transport. The runtime's own tests
// (src/emit/java/runtime-test/transport/*.java, each for the transports
// TESTS_FOR lists) go to java/src/test/java/<pkgDir>/transport/, in the same
// package so they can call package-private steps of the runtime.
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

/** The runtime's tests' folder under src/emit/java/. */
export const TRANSPORT_RUNTIME_TESTS = "runtime-test/transport";

/** The transports each runtime test is copied for. */
export const TESTS_FOR: Readonly<Record<string, readonly Transport[]>> = {
  "TcpServerCloseTest.java": ["tcp"],
};

/** The runtime files `transport` gets, sorted (file names). */
export function transportRuntimeNames(transport: Transport): string[] {
  return runtimeAssets("java", TRANSPORT_RUNTIME)
    .map((a) => a.path)
    .filter((p) => p.endsWith(".java") && !p.includes("/") && (ONLY[p] ?? [transport]).includes(transport));
}

/** The runtime tests `transport` gets (TESTS_FOR), sorted (file names). */
export function transportRuntimeTestNames(transport: Transport): string[] {
  return Object.keys(TESTS_FOR)
    .filter((name) => TESTS_FOR[name]?.includes(transport))
    .sort();
}

/** The runtime `transport` needs, and its tests. */
export function transportRuntimeFiles(files: FileSet, model: JavaModel, transport: Transport): void {
  copyTransportAssets(files, model, TRANSPORT_RUNTIME, "main", new Set(transportRuntimeNames(transport)));
  copyTransportAssets(files, model, TRANSPORT_RUNTIME_TESTS, "test", new Set(transportRuntimeTestNames(transport)));
}

function copyTransportAssets(files: FileSet, model: JavaModel, folder: string, root: "main" | "test", wanted: ReadonlySet<string>): void {
  const pkg = `${model.pkg}.transport`;
  for (const asset of runtimeAssets("java", folder)) {
    if (!wanted.has(asset.path)) continue;
    const cls = asset.path.replace(/\.java$/, "");
    const f = files.file(`java/src/${root}/java/${model.pkgDir}/transport/${asset.path}`, "java", { module: pkg, localNames: [cls] });
    f.print(asset.content.replace(/__PACKAGE__/g, model.pkg).replace(/\n+$/, ""));
    f.finish();
  }
}
