// The reference client as a program, run by `protoforge conform --client` in
// the tests like any client under test:
//   node --import tsx reference-client-main.ts --spec SPEC [--plant NAME] --host H --port P
import { parseArgs } from "node:util";
import { loadSpecFile } from "../../../src/spec/load.js";
import { type ClientPlants, runReferenceClient } from "./reference-client.js";

const { values } = parseArgs({ options: { spec: { type: "string" }, plant: { type: "string" }, host: { type: "string" }, port: { type: "string" } } });
const { spec } = await loadSpecFile(values.spec ?? "");
const plants: ClientPlants = values.plant === undefined ? {} : { [values.plant]: true };
process.exit(await runReferenceClient(spec, values.host ?? "127.0.0.1", Number(values.port ?? "0"), plants));
