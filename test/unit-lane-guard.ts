// Setup of the unit lane (vitest.config.ts): a test there that starts a
// process fails, naming the command, so a file that needs a toolchain, git or
// the sandbox cannot slip into the fast lane. The start is refused (the
// code under test sees an error) and the test fails afterwards too, in case
// that code swallowed the error.
import childProcess, { ChildProcess } from "node:child_process";
import { syncBuiltinESMExports } from "node:module";
import { afterEach } from "vitest";

const started: string[] = [];

function refuse(command: string): never {
  started.push(command);
  throw new Error(`the unit lane starts no process (${command}): list this test file in TOOLCHAIN_FILES of vitest.config.ts`);
}

// spawn, exec, execFile and fork all start through ChildProcess#spawn.
// (Node's own method, missing from @types/node.)
Object.assign(ChildProcess.prototype, {
  spawn(options: { file?: string; args?: readonly string[] }): never {
    return refuse([options.file, ...(options.args ?? []).slice(1)].join(" "));
  },
});
for (const name of ["spawnSync", "execSync", "execFileSync"] as const) {
  Object.assign(childProcess, { [name]: (command: string) => refuse(`${name} ${command}`) });
}
syncBuiltinESMExports();

afterEach(() => {
  if (started.length === 0) return;
  const commands = started.splice(0);
  throw new Error(`the unit lane starts no process, and this test started: ${commands.join("; ")}. List its file in TOOLCHAIN_FILES of vitest.config.ts.`);
});
