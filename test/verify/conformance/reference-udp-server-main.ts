// The reference UDP server as a program, started by `protoforge conform
// --transport udp` in the CLI test like any implementation under test:
//   node --import tsx reference-udp-server-main.ts --spec SPEC [--plant NAME] --host H --port P
// It prints the demo contract's listening line first and runs until SIGTERM.
import { parseArgs } from "node:util";
import { loadSpecFile } from "../../../src/spec/load.js";
import { startReferenceUdpServer, type UdpPlants } from "./reference-udp-server.js";

const { values } = parseArgs({ options: { spec: { type: "string" }, plant: { type: "string" }, host: { type: "string" }, port: { type: "string" } } });
const { spec } = await loadSpecFile(values.spec ?? "");
const plants: UdpPlants = values.plant === undefined ? {} : { [values.plant]: true };
const server = await startReferenceUdpServer(spec, plants, Number(values.port ?? "0"));
process.stdout.write(`${spec.protocol.name} ${spec.protocol.version} ${spec.roles.responder.name} listening on 127.0.0.1:${server.port} over UDP\n`);
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
