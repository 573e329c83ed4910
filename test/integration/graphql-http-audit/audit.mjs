// The graphql-http server audits (GraphQL-over-HTTP spec conformance) against a running router.
//   node audit.mjs --url http://127.0.0.1:4000/ [--report report.json] [--verbose]
// Prints one line per audit (MUST, SHOULD, MAY), writes a JSON report when asked, and exits 1 when
// any MUST audit fails, 2 on a harness error. SHOULD and MAY failures are listed, not fatal: the
// ones we do not pass on purpose (Apollo Router compatibility) are explained in README.md.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serverAudits } from 'graphql-http';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    report: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help || !args.url) {
  console.log('usage: node audit.mjs --url URL [--report FILE.json] [--verbose]');
  process.exit(args.help ? 0 : 2);
}

const levelOf = (name) => name.split(' ', 1)[0];  // MUST, SHOULD or MAY

// The failing response, for the report: status, headers and (a bounded slice of) the body.
async function describeResponse(response) {
  if (!response) return null;
  let body = '';
  try {
    body = await response.clone().text();
  } catch (error) {
    body = `<unreadable: ${error.message}>`;
  }
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: body.length > 2000 ? `${body.slice(0, 2000)}…` : body,
  };
}

const results = [];
for (const audit of serverAudits({ url: args.url, fetchFn: fetch })) {
  let result;
  try {
    result = await audit.fn();
  } catch (error) {  // graphql-http only throws on fatal errors (the server is unreachable)
    console.error(`audit ${audit.id}: ${error.stack ?? error}`);
    process.exit(2);
  }
  results.push({
    id: audit.id,
    level: levelOf(audit.name),
    name: audit.name,
    status: result.status,
    ...(result.status === 'ok' ? {} : {
      reason: result.reason,
      response: await describeResponse(result.response),
    }),
  });
}

const mark = { ok: 'pass', warn: 'WARN', notice: 'note', error: 'FAIL' };
for (const result of results) {
  const passed = result.status === 'ok';
  // A MUST that fails is always shown in full; others with --verbose.
  console.log(`${mark[result.status] ?? result.status}  ${result.id}  ${result.name}`);
  if (!passed) {
    console.log(`        ${result.reason}`);
    if (args.verbose || result.level === 'MUST') {
      console.log(`        → ${JSON.stringify(result.response)}`);
    }
  }
}

const summary = {};
for (const level of ['MUST', 'SHOULD', 'MAY']) {
  const of = results.filter((result) => result.level === level);
  summary[level] = {
    total: of.length,
    passed: of.filter((result) => result.status === 'ok').length,
  };
}
console.log(
  `\n${results.length} audits: ` +
  Object.entries(summary).map(([level, { total, passed }]) => `${level} ${passed}/${total}`)
    .join(', '));

if (args.report) {
  writeFileSync(args.report, JSON.stringify({ url: args.url, summary, results }, null, 2) + '\n');
}
const mustFailures = results.filter((result) => result.level === 'MUST' && result.status !== 'ok');
if (mustFailures.length > 0) {
  console.log(`FAILED: ${mustFailures.length} MUST audit(s): ` +
              mustFailures.map((result) => result.id).join(', '));
  process.exit(1);
}
console.log('PASSED: every MUST audit');
