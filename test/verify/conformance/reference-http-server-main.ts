// The reference HTTP server as a program, started by `protoforge conform
// --transport http` in the CLI test like any implementation under test:
//   node --import tsx reference-http-server-main.ts --spec SPEC [--plant NAME] --host H --port P
// It prints the demo contract's listening line first and runs until SIGTERM.
import { parseArgs } from "node:util";
import { loadSpecFile } from "../../../src/spec/load.js";
import { type HttpPlants, startReferenceHttpServer } from "./reference-http-server.js";

const { values } = parseArgs({ options: { spec: { type: "string" }, plant: { type: "string" }, host: { type: "string" }, port: { type: "string" } } });
const { spec } = await loadSpecFile(values.spec ?? "");
const plants: HttpPlants = values.plant === undefined ? {} : { [values.plant]: true };
const server = await startReferenceHttpServer(spec, plants, Number(values.port ?? "0"));
process.stdout.write(`${spec.protocol.name} ${spec.protocol.version} ${spec.roles.responder.name} listening on 127.0.0.1:${server.port} over HTTP\n`);
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
