// A lost connection (no Logout) of a spec without session.resume ends its
// session at once in the generated Python and JavaScript servers: the other
// member of a room gets the leave event although it sends nothing more, so
// only the hub's news of the lost connection can have made the server tell
// it. (Before, the Python engine noticed lost connections only when another
// message arrived.) Java finds it by its sweep of closed sessions (every 50 ms).
import { mkdtempSync, rmSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { createCodec, createDeframer } from "../../../src/wire/index.js";
import { buildJavaModel } from "../../../src/emit/java/index.js";
import { javaProfile, languageCacheDir, mavenRepository } from "../../../sandboxes/profiles/index.js";
import { PYTHON } from "../../python-layer/support.js";
import { chatWithoutResume } from "../../support/chat-without-behaviour.js";
import { emitProject } from "./support/emit-project.js";

const SERVERS = {
  python: { cwd: "python", file: PYTHON, args: ["-m", "chat.demo", "server", "--port", "0"], env: { PYTHONPATH: "src" } },
  javascript: { cwd: "javascript", file: process.execPath, args: ["demo/server.js", "--port", "0"], env: {} },
  java: { cwd: "java", file: "java", args: ["-cp", "target/classes:target/dependency/*", `${buildJavaModel(chatWithoutResume()).pkg}.demo.DemoServer`, "--port", "0"], env: {} },
} as const;

/** Builds the Java project offline (javac only; its tests are the other Java files'). */
async function buildJava(project: string): Promise<void> {
  const cacheDir = await languageCacheDir("java");
  await javaProfile.prefetch({ projectDir: project, cacheDir });
  const args = ["-o", "-B", "-q", "-ntp", "-Dstyle.color=never", `-Dmaven.repo.local=${mavenRepository(cacheDir)}`, "-DskipTests", "package"];
  const built = await execa("mvn", args, { cwd: project, reject: false, env: { MAVEN_OPTS: "-XX:+UseSerialGC -XX:TieredStopAtLevel=1" } });
  expect(built.exitCode, `${built.stdout}\n${built.stderr}`.slice(-8000)).toBe(0);
}

describe.each(["python", "javascript", "java"] as const)("%s: a lost connection, told by the hub", (language) => {
  const out = mkdtempSync(join(tmpdir(), `protoforge-behaviour-lost-${language}-`));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("ends its session at once: the other member gets the leave event without sending anything", async () => {
    const noResume = chatWithoutResume();
    emitProject(noResume, "tcp", out, [language]);
    if (language === "java") await buildJava(join(out, "java"));
    const codec = createCodec(noResume);
    const run = SERVERS[language];
    const server = execa(run.file, run.args, { cwd: join(out, run.cwd), env: run.env, reject: false, buffer: false });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("the demo server did not listen within 15 s")), 15_000);
        server.stdout?.on("data", (chunk: Buffer) => {
          const m = /listening on [^:]+:(\d+)/.exec(chunk.toString());
          if (m !== null) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
      });
      const peer = async () => {
        const socket = createConnection({ host: "127.0.0.1", port });
        await new Promise((resolve) => socket.once("connect", resolve));
        const deframer = createDeframer(codec.limits);
        const got: { name: string; value: Record<string, unknown> }[] = [];
        const waiters: (() => void)[] = [];
        socket.on("data", (chunk: Buffer) => {
          for (const frame of deframer.push(chunk)) {
            const decoded = codec.decodeFrame(frame);
            if (decoded.kind === "message") got.push({ name: decoded.messageName, value: decoded.value as Record<string, unknown> });
          }
          for (const w of waiters.splice(0)) w();
        });
        let seq = 1;
        /** Sends and waits for `name` to arrive (bounded). */
        const until = async (name: string, ms: number) => {
          const deadline = Date.now() + ms;
          while (!got.some((g) => g.name === name) && Date.now() < deadline) await new Promise<void>((resolve) => { waiters.push(resolve); setTimeout(resolve, 50); });
          return got.find((g) => g.name === name);
        };
        return { socket, got, until, send: (name: string, value: object) => socket.write(codec.encodeFrame(name, value as never, { seq: seq++ })) };
      };
      const ann = await peer();
      const bob = await peer();
      ann.send("Login", { username: "ann", password: "password1" });
      bob.send("Login", { username: "bob", password: "password2" });
      expect((await ann.until("LoginOk", 5000))?.name).toBe("LoginOk");
      expect((await bob.until("LoginOk", 5000))?.name).toBe("LoginOk");
      ann.send("JoinRoom", { room: "lobby" });
      expect((await ann.until("JoinOk", 5000))?.name).toBe("JoinOk");
      bob.send("JoinRoom", { room: "lobby" });
      expect((await bob.until("JoinOk", 5000))?.name).toBe("JoinOk");
      ann.socket.destroy();
      // Bob sends nothing more: only the hub's news of the lost connection can make the server tell him.
      const left = await bob.until("PresenceUpdate", 3000);
      expect(left?.value).toMatchObject({ room: "lobby", username: "ann", change: "left" });
      bob.socket.destroy();
    } finally {
      server.kill();
    }
  }, 300_000);
});
