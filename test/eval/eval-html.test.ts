// report.html opened in a real headless browser (Debian's chromium through
// playwright-core): the gate's verdict, one bar per variant as wide as its
// pass rate, the regressions by name, and the matrix coloured by outcome
// with links to each run's REPORT.md that resolve.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareVariants, type EvalRun } from "../../src/eval/compare.js";
import { evalReportHtml } from "../../src/eval/eval-html.js";
import { renderSummaryHtml } from "../../src/batch/summary-html.js";
import type { BatchSummary, SummaryEntry } from "../../src/batch/summary.js";
import { tempDir } from "../agents/support/run-helpers.js";

const CHROMIUM = process.env["PROTOFORGE_CHROMIUM"] ?? "/usr/bin/chromium";

const run = (c: string, variant: string, passed: boolean): EvalRun => ({
  case: c,
  variant,
  repeat: 1,
  passed,
  failures: passed ? [] : ["status timed-out (the time limit ran out); expected succeeded"],
  status: passed ? "succeeded" : "timed-out",
  reason: "",
  rounds: 1,
  tokens: 0,
  wallMs: 1000,
  dir: `runs/${c}/${variant}/1`,
});

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
});
afterAll(async () => {
  await browser?.close();
});

describe("report.html in a browser", () => {
  it("shows the gate, the bars, the regressions and a coloured, linked matrix", async () => {
    const cases = ["a", "b", "c", "d"];
    const runs = cases.flatMap((c) => [run(c, "base", true), run(c, "worse", c === "a"), run(c, "same", true)]);
    const variants = ["base", "worse", "same"];
    const comparison = compareVariants(runs, variants, { maxDrop: 0.1, alpha: 0.05 });
    const dir = await tempDir("pf-eval-html-");
    for (const r of runs) {
      await mkdir(join(dir, r.dir), { recursive: true });
      await writeFile(join(dir, r.dir, "REPORT.md"), `# ${r.case} ${r.variant}\n`);
    }
    await writeFile(join(dir, "report.html"), evalReportHtml({ suite: "smoke", variants, repeat: 1 }, runs, comparison));

    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, "report.html")).href);
    expect(await page.title()).toBe("Eval smoke");
    expect(await page.locator("#gate").innerText()).toBe("Gate failed");

    // One bar per variant, as wide as its pass rate (400 px for 100%).
    const widths = await page.locator("svg.bars rect.bar").evaluateAll((rects) => rects.map((r) => Math.round(r.getBoundingClientRect().width)));
    expect(widths).toEqual([400, 100, 400]);

    const worse = page.locator('section.candidate[data-candidate="worse"]');
    expect(await worse.locator("ul.regressions li").allInnerTexts()).toEqual(["b#1", "c#1", "d#1"]);
    expect(await worse.locator(".gate").innerText()).toMatch(/^gate failed: worse passes 75\.0 points less than base/);
    expect(await page.locator('section.candidate[data-candidate="same"] .gate').innerText()).toBe("gate passed");

    // The matrix: a row per case, pass cells green and fail cells red, as the eye sees them.
    expect(await page.locator("table.matrix tbody tr").count()).toBe(4);
    // Runs in the page (this project's tsconfig has no DOM library, hence the cast).
    const colour = (sel: string) =>
      page.locator(sel).first().evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
    expect(await colour("td.outcome.pass")).toBe("rgb(183, 228, 199)");
    expect(await colour("td.outcome.fail")).toBe("rgb(244, 166, 166)");
    expect(await page.locator("td.outcome.fail").first().innerText()).toContain("expected succeeded");

    // The first failing cell's REPORT.md link opens that run's report.
    await page.locator("td.outcome.fail a").first().click();
    expect((await page.locator("body").innerText()).trim()).toBe("# b worse");
    await page.close();
  }, 60_000);

  it("shows a batch's summary.html: the counts and exit code, each run coloured by outcome and linked", async () => {
    const entry = (name: string, status: SummaryEntry["status"], reason: string, report: boolean): SummaryEntry => ({
      name,
      folder: `runs/${name}`,
      status,
      reason,
      input: "spec examples/chat.yaml",
      languages: ["python"],
      transport: "tcp",
      rounds: status === "not-started" ? null : 1,
      tokens: status === "not-started" ? null : 0,
      wallMs: status === "not-started" ? null : 41_000,
      report: report ? `runs/${name}/REPORT.md` : null,
    });
    const summary: BatchSummary = {
      format: 1,
      plan: "examples/batch.yaml",
      concurrency: 2,
      deadline: null,
      maxTokens: null,
      counts: { succeeded: 1, failed: 1, "not-started": 1 },
      tokens: 0,
      exitCode: 1,
      runs: [entry("sensor-py", "succeeded", "every test passes", true), entry("chat-udp", "failed", "tests fail: <3 of 40>", true), entry("late", "not-started", "the deadline passed", false)],
    };
    const dir = await tempDir("pf-batch-html-");
    await mkdir(join(dir, "runs", "sensor-py"), { recursive: true });
    await writeFile(join(dir, "runs", "sensor-py", "REPORT.md"), "# sensor-py\n");
    await writeFile(join(dir, "summary.html"), renderSummaryHtml(summary));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, "summary.html")).href);
    expect(await page.locator("#verdict").innerText()).toBe("1 succeeded, 1 failed, 1 not-started; exit code 1");
    const statuses = await page.locator("table.runs tbody td.outcome").evaluateAll((cells) =>
      cells.map((c) => `${c.textContent ?? ""} ${(globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(c).backgroundColor}`),
    );
    expect(statuses).toEqual(["succeeded rgb(183, 228, 199)", "failed rgb(244, 166, 166)", "not-started rgb(238, 238, 238)"]);
    // The reason is text, not markup.
    expect(await page.locator('tr[data-run="chat-udp"] td.why').innerText()).toBe("tests fail: <3 of 40>");
    await page.locator('tr[data-run="sensor-py"] a', { hasText: "REPORT.md" }).click();
    expect((await page.locator("body").innerText()).trim()).toBe("# sensor-py");
    await page.close();
  }, 60_000);
});
