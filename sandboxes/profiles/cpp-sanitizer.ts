// AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer reports in a
// test's output into findings placed at the first stack frame in the
// project's own sources (not the build folders, not the distribution's
// headers or libraries). Pure.
import { isAbsolute, relative } from "node:path";

export interface SanitizerReport {
  /** "AddressSanitizer", "LeakSanitizer" or "UndefinedBehaviorSanitizer". */
  readonly sanitizer: string;
  /** What it found: "heap-buffer-overflow", "signed integer overflow", "detected memory leaks", ... */
  readonly kind: string;
  /** The place, relative to the project, when a frame lies in its sources. */
  readonly file?: string;
  readonly line?: number;
}

//   ==12==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602 at pc ...
//   ==12==ERROR: LeakSanitizer: detected memory leaks
const ASAN = /^==\d+==ERROR: (?<san>AddressSanitizer|LeakSanitizer): (?<kind>.*?)(?: on (?:unknown )?address\b.*)?$/;
//   /p/src/x.cpp:10:12: runtime error: signed integer overflow: 2147483647 + 1 cannot be represented in type 'int'
const UBSAN = /^(?<file>[^\s:][^:]*):(?<line>\d+):(?:\d+:)? runtime error: (?<kind>.*)$/;
//   #1 0x55d1 in fixture::Reader::u16() /p/src/reader.cpp:22   (sometimes :col, sometimes (module+0x12))
//   ==12==ReserveShadowMemoryRange failed while trying to map 0xdfff0001000 bytes. Perhaps you're using ulimit -v
const NO_SHADOW = /^==\d+==ReserveShadowMemoryRange failed/;
//   ==12==AddressSanitizer: hard rss limit exhausted (4096Mb vs 4133Mb)
const RSS = /^==\d+==AddressSanitizer: (?<kind>hard rss limit exhausted \(\d+Mb)/;
const FRAME = /^\s*#\d+ 0x[0-9a-f]+ (?:in .*? )?(?<file>\/[^\s:()]+):(?<line>\d+)(?::\d+)?\s*$/;
/** Where the sanitized build's object files live: frames there are generated, not the project's. */
const BUILD_DIRS = /^(build|build-[\w-]+|_deps)\//;

/** The project-relative path of a source file of the project, else undefined. */
export function projectSource(file: string, projectDir: string): string | undefined {
  if (!isAbsolute(file)) return BUILD_DIRS.test(file) || file.startsWith("../") ? undefined : file;
  const rel = relative(projectDir, file);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel) || BUILD_DIRS.test(rel)) return undefined;
  return rel;
}

export function parseSanitizerReports(output: string, projectDir: string): SanitizerReport[] {
  const reports: SanitizerReport[] = [];
  let open: { sanitizer: string; kind: string } | undefined;
  const close = (place?: { file: string; line: number }): void => {
    if (open === undefined) return;
    reports.push({ ...open, ...(place ?? {}) });
    open = undefined;
  };
  for (const raw of output.split("\n")) {
    const line = raw.trimEnd();
    const asan = ASAN.exec(line)?.groups;
    if (asan?.["san"] !== undefined && asan["kind"] !== undefined) {
      close();
      open = { sanitizer: asan["san"], kind: asan["kind"].trim() };
      continue;
    }
    if (NO_SHADOW.test(line)) {
      close();
      reports.push({ sanitizer: "AddressSanitizer", kind: "could not reserve its shadow memory: the address-space limit (RLIMIT_AS) is below the ~21 TiB ASan needs" });
      continue;
    }
    const rss = RSS.exec(line)?.groups?.["kind"];
    if (rss !== undefined) {
      close();
      reports.push({ sanitizer: "AddressSanitizer", kind: `${rss})` });
      continue;
    }
    const ubsan = UBSAN.exec(line)?.groups;
    if (ubsan?.["file"] !== undefined && ubsan["kind"] !== undefined) {
      close();
      const kind = ubsan["kind"].replace(/:.*$/, "").trim();
      const file = projectSource(ubsan["file"], projectDir);
      if (file !== undefined) reports.push({ sanitizer: "UndefinedBehaviorSanitizer", kind, file, line: Number(ubsan["line"]) });
      else open = { sanitizer: "UndefinedBehaviorSanitizer", kind };
      continue;
    }
    if (open === undefined) continue;
    const frame = FRAME.exec(line)?.groups;
    if (frame?.["file"] === undefined) continue;
    const file = projectSource(frame["file"], projectDir);
    if (file !== undefined) close({ file, line: Number(frame["line"]) });
  }
  close();
  return reports;
}
