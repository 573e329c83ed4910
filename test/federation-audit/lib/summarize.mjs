// Summarizes one federation-audit run directory (written by ../run and the audit CLI):
//   selected.txt           suite ids this run was asked for, in order
//   tests/<id>.json        the suite's cases as the audit serves them (GET /<id>/tests)
//   logs/<id>-tests.log    TAP written by the audit's own test runner (the verdicts)
//   logs/<id>-gateway.log  gateway output; suites/<id>/{TIMEOUT,EXITED,SIGKILLED,FAILED} notes from gateway.bash
// The verdict of every case is the audit's (node:test + deepStrictEqual in the audit's src/test.ts); this script
// only counts and formats. A case with no verdict (suite never reached) counts as failed ("not run").
// Usage: node summarize.mjs RUN_DIR NAME [--no-diffs] [--max-diff-lines N]
import { readFileSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [runDir, name = "gateway", ...flags] = process.argv.slice(2);
const showDiffs = !flags.includes("--no-diffs");
const maxIdx = flags.indexOf("--max-diff-lines");
const maxDiffLines = maxIdx >= 0 ? parseInt(flags[maxIdx + 1], 10) : 80;

const read = (p) => (existsSync(p) ? readFileSync(p, "utf8") : null);
const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*m/g, "");

const selected = (read(join(runDir, "selected.txt")) ?? "").split("\n").filter(Boolean);

function parseTap(text, id) {
  // Case lines look like "    ok 3 - <id>_2" / "    not ok 3 - <id>_2", followed by a YAML block ("---" .. "...").
  const cases = new Map();
  if (!text) return cases;
  const lines = stripAnsi(text).split("\n");
  const caseRe = /^(\s*)(not ok|ok) \d+ - (.+?)(?: # (SKIP|TODO).*)?$/;
  for (let i = 0; i < lines.length; i++) {
    const m = caseRe.exec(lines[i]);
    if (!m) continue;
    const title = m[3].trim();
    const cm = /^(.*)_(\d+)$/.exec(title);
    if (!cm || cm[1] !== id) continue; // the suite-level (describe) line, or something else
    const index = parseInt(cm[2], 10);
    const pass = m[2] === "ok";
    let detail = null;
    if (!pass) {
      // Collect the YAML block.
      const block = [];
      let j = i + 1;
      if (j < lines.length && lines[j].trim() === "---") {
        for (j = j + 1; j < lines.length && lines[j].trim() !== "..."; j++) block.push(lines[j]);
      }
      detail = extractError(block);
    }
    cases.set(index, { pass, detail });
  }
  return cases;
}

function extractError(block) {
  if (block.length === 0) return "(no details in the TAP log)";
  const base = block[0].match(/^\s*/)[0].length;
  const out = [];
  const fields = {};
  for (let i = 0; i < block.length; i++) {
    const line = block[i];
    const ind = line.match(/^\s*/)[0].length;
    if (ind !== base) continue;
    const m = /^\s*([A-Za-z_]+):\s?(.*)$/.exec(line);
    if (!m) continue;
    const [, key, rest] = m;
    if (rest === "|-" || rest === "|" || rest === ">-" || rest === "") {
      const body = [];
      for (let j = i + 1; j < block.length; j++) {
        const l = block[j];
        const li = l.match(/^\s*/)[0].length;
        if (l.trim() !== "" && li <= base) break;
        body.push(l.slice(Math.min(li, base + 2)));
      }
      fields[key] = body;
    } else {
      fields[key] = [rest.replace(/^'(.*)'$/, "$1")];
    }
  }
  if (fields.error) {
    let err = fields.error;
    // Node appends its own "+ actual - expected" diff after the audit's jest-diff: drop it.
    const cut = err.findIndex((l) => l.startsWith("+ actual - expected"));
    if (cut >= 0) err = err.slice(0, cut);
    while (err.length && err[err.length - 1].trim() === "") err.pop();
    out.push(...err);
  }
  if (fields.code && fields.code[0] !== "ERR_ASSERTION") out.push(`code: ${fields.code.join(" ")}`);
  if (fields.cause) out.push(`cause: ${fields.cause.map((s) => s.trim()).join(" ")}`.slice(0, 400));
  return out.length ? out.join("\n") : block.join("\n");
}

const suites = [];
for (const id of selected) {
  const testsJson = read(join(runDir, "tests", `${id}.json`));
  let expectedCases = null;
  try {
    expectedCases = testsJson ? JSON.parse(testsJson) : null;
  } catch {
    expectedCases = null;
  }
  const tap = read(join(runDir, "logs", `${id}-tests.log`));
  const verdicts = parseTap(tap, id);
  const total = expectedCases ? expectedCases.length : verdicts.size;
  const notes = [];
  if (tap === null) notes.push("not run");
  if (tap && tap.includes("Health check failed")) notes.push("not ready: health/ping check failed");
  for (const [f, label] of [
    ["FAILED", "supergraph fetch failed"],
    ["TIMEOUT", "suite timeout: gateway stopped"],
    ["EXITED", "gateway exited by itself"],
    ["SIGKILLED", "gateway ignored SIGTERM"],
  ]) {
    if (existsSync(join(runDir, "suites", id, f))) notes.push(label);
  }
  const cases = [];
  for (let i = 0; i < total; i++) {
    const v = verdicts.get(i);
    cases.push({
      index: i,
      name: `${id}_${i}`,
      pass: v ? v.pass : false,
      detail: v ? v.detail : "not run (no verdict in the TAP log)",
      query: expectedCases?.[i]?.query ?? null,
    });
  }
  const passed = cases.filter((c) => c.pass).length;
  suites.push({ id, total, passed, marks: cases.map((c) => (c.pass ? "." : "X")).join(""), notes, cases });
}

const total = suites.reduce((a, s) => a + s.total, 0);
const passed = suites.reduce((a, s) => a + s.passed, 0);
const suitesPassed = suites.filter((s) => s.total > 0 && s.passed === s.total).length;

const w = Math.max(5, ...suites.map((s) => s.id.length));
const out = [];
out.push(`Federation audit: ${name}`);
out.push("");
out.push(`${"suite".padEnd(w)}  passed  cases`);
for (const s of suites) {
  out.push(
    `${s.id.padEnd(w)}  ${`${s.passed}/${s.total}`.padStart(6)}  ${s.marks}${s.notes.length ? "   (" + s.notes.join(", ") + ")" : ""}`,
  );
}
out.push("");
const failing = suites.flatMap((s) => s.cases.filter((c) => !c.pass));
if (failing.length) {
  out.push(`Failing cases (${failing.length}):`);
  for (const c of failing) {
    out.push("");
    out.push(`--- ${c.name}`);
    if (showDiffs && c.detail) {
      let lines = c.detail.split("\n");
      if (lines.length > maxDiffLines) {
        lines = lines.slice(0, maxDiffLines).concat([`... (${c.detail.split("\n").length - maxDiffLines} more lines in the TAP log)`]);
      }
      out.push(...lines.map((l) => "    " + l));
    }
  }
  out.push("");
}
out.push(`Suites: ${suitesPassed}/${suites.length} fully passed`);
out.push(`Total: ${passed}/${total} cases passed${total ? ` (${((100 * passed) / total).toFixed(2)}%)` : ""}`);
out.push(
  `RESULT name=${name} passed=${passed} total=${total} suites_passed=${suitesPassed} suites=${suites.length} failing=${failing.map((c) => c.name).join(",") || "-"}`,
);
const text = out.join("\n") + "\n";
process.stdout.write(text);
writeFileSync(join(runDir, "summary.txt"), text);
writeFileSync(
  join(runDir, "summary.json"),
  JSON.stringify({ name, passed, total, suitesPassed, suites: suites.length, results: suites }, null, 2) + "\n",
);
