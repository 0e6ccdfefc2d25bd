// The C++ UDP transport: the datagram runtime (src/emit/cpp/udp-runtime/
// include/*.hpp: header, inbox, duplicate window, retransmitter and its asio
// timers, socket, link, channel, UdpServer + UdpSession, UdpClient;
// header-only over standalone asio) copied into cpp/include/<ns>/ next to the
// transport core, and its GoogleTests over 127.0.0.1: loopback
// (test/udp_loopback_test.cpp), hostile datagrams (udp_robustness_test.cpp)
// and the facades end to end (udp_facade_test.cpp). The core itself (session, hub, profile,
// protocol info) comes from coreFiles.
import type { FileSet } from "../../index.js";
import { runtimeAssets } from "../../runtime-assets.js";
import type { CppModel } from "../model.js";
import type { CppTransportEmitter } from "./part.js";
import { facadeLoopbackTests } from "./facade-loopback.js";
import { udpLoopbackTests } from "./udp-loopback.js";
import { udpRobustnessTests } from "./udp-robustness.js";

const TOKEN = /PROTOFORGE_NS/g;

/** The UDP runtime's project paths, in the order they are written. */
export function udpRuntimePaths(model: CppModel): string[] {
  return udpAssets().map((a) => `cpp/include/${model.ns}/${a.path.slice("include/".length)}`);
}

function udpAssets() {
  return runtimeAssets("cpp", "udp-runtime").filter((a) => a.path.startsWith("include/") && a.path.endsWith(".hpp") && !a.path.slice("include/".length).includes("/"));
}

function copyUdpRuntime(files: FileSet, model: CppModel): void {
  for (const asset of udpAssets()) {
    const f = files.file(`cpp/include/${model.ns}/${asset.path.slice("include/".length)}`, "cpp");
    f.print(asset.content.replace(TOKEN, model.ns).replace(/\n+$/, ""));
    f.finish();
  }
}

export const udpFiles: CppTransportEmitter = (files, model) => {
  copyUdpRuntime(files, model);
  const tests = [...udpLoopbackTests(files, model), ...udpRobustnessTests(files, model), ...facadeLoopbackTests(files, model, "udp")];
  return { sources: [], tests, cmake: [] };
};
