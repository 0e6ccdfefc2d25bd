// Capturing loopback traffic with tshark and reading it back through a
// generated dissector: a capture that has started before the peers talk, and
// the decoded frames of the protocol, each with its direction and fields.
import { createSocket } from "node:dgram";
import { stat } from "node:fs/promises";
import { execa } from "execa";

export interface Capture {
  /** Stops the capture (SIGINT, so tshark writes what it holds) and gives the file. */
  stop(): Promise<string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sizeOf = (file: string) => stat(file).then((s) => s.size, () => 0);

/** Starts tshark on the loopback for `filter` (a capture filter), writing to `file`. The kernel hands packets to
 *  the capture in blocks, late: tshark says "Capturing on" before it captures, and a packet of the last moment is
 *  still in a block when it stops. So probe datagrams go to a port of their own, also captured: the capture has
 *  begun once the file grows past its header, and has written everything before stop() once it grew twice more. */
export async function startCapture(file: string, filter: string): Promise<Capture> {
  const probe = createSocket("udp4");
  await new Promise<void>((resolve) => probe.bind(0, "127.0.0.1", resolve));
  const probePort = probe.address().port;
  const child = execa("tshark", ["-i", "lo", "-f", `(${filter}) or (udp port ${probePort})`, "-w", file], { reject: false, buffer: false, stderr: "pipe", stdout: "ignore" });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  let exited = false;
  void child.then(() => void (exited = true));
  /** Probes until the file has grown `times` times past its size now (0: past a header not yet written). */
  const probeUntilGrown = async (times: number, what: string) => {
    let size = await sizeOf(file);
    let grown = 0;
    for (let tick = 0; grown < times; tick++) {
      if (exited) throw new Error(`tshark exited while ${what}: ${stderr}`);
      if (tick > 200) throw new Error(`tshark wrote nothing within 20 s while ${what} (${filter}): ${stderr}`);
      probe.send("probe", probePort, "127.0.0.1");
      await sleep(100);
      const now = await sizeOf(file);
      if (now > size && size > 0) grown++;
      size = now;
    }
  };
  await probeUntilGrown(1, "starting");
  return {
    async stop() {
      try {
        await probeUntilGrown(2, "stopping");
      } finally {
        probe.close();
        child.kill("SIGINT");
        await child;
      }
      return file;
    },
  };
}

/** One decoded frame of the protocol: the fields of its layer as tshark -T json gives them. */
export interface DecodedFrame {
  readonly frame: number;
  readonly srcPort: number;
  readonly layer: Record<string, unknown>;
}

/** Every layer of `protocol` in the capture, in order (a TCP segment may hold several), decoded by `lua`. */
export async function decodeCapture(file: string, lua: string, protocol: string, decodeAs: readonly string[] = []): Promise<DecodedFrame[]> {
  const args = ["-r", file, "-X", `lua_script:${lua}`, ...decodeAs.flatMap((d) => ["-d", d]), "-Y", protocol, "-T", "json", "--no-duplicate-keys"];
  const { stdout, stderr } = await execa("tshark", args, { timeout: 60_000 });
  if (/Lua Error/.test(stdout) || /Lua: Error/.test(stderr)) throw new Error(`the dissector failed: ${stderr}\n${stdout.slice(0, 2000)}`);
  const packets = JSON.parse(stdout) as { _source: { layers: Record<string, unknown> } }[];
  return packets.flatMap((p) => {
    const layers = p._source.layers;
    const frame = Number((layers["frame"] as Record<string, string>)["frame.number"]);
    const transport = (layers["tcp"] ?? layers["udp"]) as Record<string, string>;
    const srcPort = Number(transport["tcp.srcport"] ?? transport["udp.srcport"]);
    const own = layers[protocol];
    return (Array.isArray(own) ? own : [own]).map((layer) => ({ frame, srcPort, layer: layer as Record<string, unknown> }));
  });
}
