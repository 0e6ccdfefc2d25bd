// The shell script that builds the sandbox's view of the file system when
// bubblewrap is not there to do it (the "namespaces" mode), and the smaller
// one that makes folders under private parents reachable for bubblewrap. It
// runs as (namespace) root inside a fresh mount namespace made by util-linux
// `unshare`, then runs its arguments: the privilege drop and the command.
// Pure: every path goes in shell-quoted, and tests read the text.
import { posix } from "node:path";

export interface ScriptBind {
  /** Host path, opened before anything is hidden (so private parents do not matter). */
  readonly source: string;
  /** Where it appears inside. */
  readonly target: string;
  readonly writable: boolean;
}

export interface MountScriptPlan {
  readonly binds: readonly ScriptBind[];
  /** Folders the sandbox user cannot search, covered by an empty tmpfs so the binds beneath become reachable. */
  readonly hide: readonly string[];
  /** The full view (namespaces mode): every host mount read-only, private /proc, /tmp and /dev/shm, loopback up. */
  readonly fullView?: {
    readonly tmpBytes: number;
    /** HOME inside, made on the private /tmp and owned by `owner`. */
    readonly home: string;
    /** "uid:gid" to give HOME to, or null when the namespace's root is the user itself. */
    readonly owner: string | null;
    /** How to bring the loopback interface up: `ip` from iproute2, else perl (Essential on Debian). */
    readonly ip: string | null;
  };
}

/** Exit code of a failed set-up: below the 129–159 range read as signals. */
export const SETUP_FAILED_EXIT = 125;

const FIRST_FD = 3;

export function buildMountScript(plan: MountScriptPlan): string {
  const binds = [...plan.binds].sort((a, b) => depth(a.target) - depth(b.target));
  const lines = [
    "set -eu",
    `fail() { printf 'protoforge sandbox set-up: %s\\n' "$*" >&2; exit ${SETUP_FAILED_EXIT}; }`,
    // Opened now, while every source is reachable by its path; bound later
    // through /proc/self/fd, after its parents may have been hidden.
    ...binds.map((b, i) => `exec ${FIRST_FD + i}<${q(b.source)} || fail ${q(`cannot open ${b.source}`)}`),
  ];
  const view = plan.fullView;
  if (view !== undefined) {
    lines.push(
      // Every mount of the host, read-only in here (nothing is shared back: the namespace is private).
      "while read -r _ _ _ _ mp _; do",
      `  case "$mp" in *\\\\*) mp=$(printf '%b' "$mp") ;; esac`,
      `  mount -o remount,bind,ro "$mp" 2>/dev/null || fail "cannot make $mp read-only"`,
      "done < /proc/self/mountinfo",
      "mount -t proc -o nosuid,nodev,noexec proc /proc || fail 'cannot mount a private /proc'",
      `mount -t tmpfs -o size=${view.tmpBytes},mode=1777,nosuid,nodev tmpfs /tmp || fail 'cannot mount a private /tmp'`,
      `[ ! -d /dev/shm ] || mount -t tmpfs -o size=${view.tmpBytes},mode=1777,nosuid,nodev tmpfs /dev/shm || fail 'cannot mount a private /dev/shm'`,
      `mkdir -m 0700 ${q(view.home)}`,
      ...(view.owner === null ? [] : [`chown ${view.owner} ${q(view.home)}`]),
    );
  }
  for (const dir of plan.hide) {
    // (Under the private /tmp it does not exist yet: made there, it is reachable already.)
    lines.push(`mkdir -p ${q(dir)} 2>/dev/null; mount -t tmpfs -o mode=0755,size=1048576,nosuid,nodev tmpfs ${q(dir)} || fail ${q(`cannot hide ${dir}`)}`);
  }
  binds.forEach((b, i) => {
    const fd = `/proc/self/fd/${FIRST_FD + i}`;
    const t = q(b.target);
    lines.push(
      `if [ -d ${fd} ]; then mkdir -p ${t}; else mkdir -p ${q(posix.dirname(b.target))}; [ -e ${t} ] || : > ${t}; fi 2>/dev/null || fail ${q(`cannot make the mount point ${b.target}`)}`,
      `mount --no-canonicalize --bind ${fd} ${t} || fail ${q(`cannot bind ${b.source}`)}`,
    );
    // A bind copies the flags of the mount it comes from, which the full view made read-only.
    if (view !== undefined || !b.writable) {
      lines.push(`mount -o remount,bind,${b.writable ? "rw" : "ro"} ${t} || fail ${q(`cannot make ${b.target} ${b.writable ? "writable" : "read-only"}`)}`);
    }
  });
  if (binds.length > 0) lines.push(`exec ${binds.map((_, i) => `${FIRST_FD + i}<&-`).join(" ")}`);
  if (view !== undefined) lines.push(`${loopbackUp(view.ip)} || fail 'cannot bring up the loopback interface'`);
  // Not exec: this shell stays the namespace's init, so the command is an
  // ordinary process (signals such as SIGXCPU reach it), and when the shell
  // ends, the kernel ends everything left in the namespace.
  lines.push('"$@"', "exit $?");
  return `${lines.join("\n")}\n`;
}

function loopbackUp(ip: string | null): string {
  if (ip !== null) return `${q(ip)} link set lo up`;
  // SIOCGIFFLAGS / SIOCSIFFLAGS with IFF_UP, for hosts without iproute2.
  const perl =
    'socket(my $s, 2, 2, 0) or exit 1; my $r = pack("a16s", "lo", 0); ioctl($s, 0x8913, $r) or exit 1; ' +
    'my (undef, $f) = unpack("a16s", $r); ioctl($s, 0x8914, pack("a16s", "lo", $f | 1)) or exit 1;';
  return `perl -e ${q(perl)}`;
}

function depth(path: string): number {
  return path.split("/").filter(Boolean).length;
}

/** Single-quoted for sh: nothing inside is interpreted. */
export function q(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
