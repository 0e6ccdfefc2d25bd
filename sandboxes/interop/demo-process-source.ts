// Plain JavaScript shared by the sandbox drivers (the interop driver and the
// conformance relays): start a demo with bounded waits, keep the tail of its
// output, read its listening line, stop it; join two sockets. Spliced into
// their sources, which import spawn from node:child_process and run
// untranspiled in the sandbox.
export const DEMO_PROCESS_SOURCE = String.raw`
const LISTENING = /listening on (\S+):(\d{1,5}) over ([A-Za-z]+)\s*$/;
const keep = (s) => (s.length > cfg.keepChars ? s.slice(-cfg.keepChars) : s);
const sleep = (ms) => new Promise((r) => { const t = setTimeout(r, ms); t.unref(); });

function launch(demo, extra) {
  const p = { stdout: "", stderr: "", exitCode: null, signal: null, spawnError: null, done: false, onOut: () => {} };
  let child;
  try {
    child = spawn(demo.argv[0], [...demo.argv.slice(1), ...extra], { cwd: demo.cwd, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    p.spawnError = String(e && e.message ? e.message : e);
    p.done = true;
    p.exited = Promise.resolve();
    return p;
  }
  p.child = child;
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (d) => { p.stdout = keep(p.stdout + d); p.onOut(); });
  child.stderr.on("data", (d) => { p.stderr = keep(p.stderr + d); });
  p.exited = new Promise((resolve) => {
    child.on("error", (e) => { p.spawnError = e.message; p.done = true; resolve(); });
    child.on("exit", (code, signal) => {
      p.exitCode = code; p.signal = signal;
      // Let the pipes drain, but do not wait on a grandchild holding them open.
      Promise.race([new Promise((r) => child.on("close", r)), sleep(500)]).then(() => { p.done = true; resolve(); });
    });
  });
  return p;
}

// Pipes two sockets into each other both ways; an error or close on either ends both.
function pipeSockets(a, b) {
  a.on("error", () => b.destroy());
  b.on("error", () => a.destroy());
  a.on("close", () => b.destroy());
  b.on("close", () => a.destroy());
  a.pipe(b);
  b.pipe(a);
}

function firstLine(p) {
  return new Promise((resolve) => {
    const check = () => {
      const nl = p.stdout.indexOf("\n");
      if (nl >= 0) resolve(p.stdout.slice(0, nl));
    };
    p.onOut = check;
    check();
  });
}

function report(p, extra) {
  return { exitCode: p.exitCode, signal: p.signal, spawnError: p.spawnError, stdout: p.stdout, stderr: p.stderr, ...extra };
}

// Starts the server demo with --host HOST --port 0 and waits for its listening line.
async function startDemoServer(demo, host, startMs) {
  const server = launch(demo, ["--host", host, "--port", "0"]);
  let listening = null;
  let startError = null;
  let firstLineText = null;
  const first = await Promise.race([
    firstLine(server).then((line) => ({ line })),
    server.exited.then(() => ({ exited: true })),
    sleep(startMs).then(() => ({ timedOut: true })),
  ]);
  if (first.line !== undefined) {
    firstLineText = first.line;
    const m = LISTENING.exec(first.line.trim());
    if (m) listening = { host: m[1], port: Number(m[2]), transport: m[3] };
    else startError = "the server's first line is not '... listening on HOST:PORT over TRANSPORT': " + JSON.stringify(first.line.slice(0, 200));
  } else if (first.exited) {
    startError = server.spawnError !== null
      ? "the server could not start: " + server.spawnError
      : "the server " + (server.signal ? "was ended by " + server.signal : "exited with code " + server.exitCode) + " before printing its port";
  } else {
    startError = "the server printed no listening line within " + startMs + " ms";
  }
  return { server, listening, startError, firstLine: firstLineText };
}

// SIGTERM, then SIGKILL after stopMs; says whether it had exited on its own and whether it was killed.
async function stopDemoServer(server, stopMs) {
  const exitedEarly = server.done;
  let killed = false;
  if (!server.done && server.child) {
    server.child.kill("SIGTERM");
    const stopped = await Promise.race([server.exited.then(() => true), sleep(stopMs).then(() => false)]);
    if (!stopped) {
      killed = true;
      server.child.kill("SIGKILL");
      await Promise.race([server.exited, sleep(2000)]);
    }
  }
  return { exitedEarly, killed };
}
`;
