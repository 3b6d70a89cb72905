// `npm run audit:verify -- export.jsonl [--allow-gaps]`: checks a JSONL audit export offline, line by line in
// constant memory. Each organization's chain is verified from its first row in the file; `--allow-gaps` accepts a
// filtered export (every row's own hash, and the links between rows that follow each other directly).
// Prints `ok: N records verified` (exit 0) or the first bad id and why (exit 1).
import { createReadStream, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { buildServer } from './lib/processes.mjs';

const args = process.argv.slice(2);
const allowGaps = args.includes('--allow-gaps');
const files = args.filter((a) => !a.startsWith('--'));
if (files.length !== 1 || args.some((a) => a.startsWith('--') && a !== '--allow-gaps')) {
  console.error('usage: npm run audit:verify -- <export.jsonl> [--allow-gaps]');
  process.exit(2);
}
// npm runs scripts from the repository root; a relative path means the directory the user typed it in.
const file = resolve(process.env.INIT_CWD ?? process.cwd(), files[0]);
if (!existsSync(file)) {
  console.error(`no such file: ${file}`);
  process.exit(2);
}

// The verifier needs only the compiled hash-chain library. tsc skips emitting files whose content did not change,
// so whether it is up to date is kept in a stamp written after each build.
const compiled = new URL('../dist/server/libs/audit-chain/src/index.js', import.meta.url).pathname;
const stamp = new URL('../dist/server/libs/audit-chain/.verifier-built', import.meta.url).pathname;
const source = new URL('../libs/audit-chain/src/', import.meta.url).pathname;
if (!existsSync(compiled) || !existsSync(stamp) || newestMtime(source) > statSync(stamp).mtimeMs) {
  buildServer();
  writeFileSync(stamp, new Date().toISOString());
}
const require = createRequire(import.meta.url);
require('./register-aliases.cjs');
const { ChainWalker } = require(compiled);

const walkers = new Map();
let verified = 0;
let lineNumber = 0;
const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
for await (const line of lines) {
  lineNumber += 1;
  if (line.trim() === '') continue;
  let record;
  try {
    record = JSON.parse(line);
  } catch {
    bad(null, `line ${lineNumber} is not JSON`);
  }
  if (!record || typeof record !== 'object' || typeof record.organization_id !== 'string') {
    bad(record?.id ?? null, `line ${lineNumber} is not an audit event`);
  }
  let walker = walkers.get(record.organization_id);
  if (!walker) {
    walker = new ChainWalker('first', { allowGaps });
    walkers.set(record.organization_id, walker);
  }
  const reason = walker.next(record);
  if (reason) bad(record.id, `line ${lineNumber}: ${reason}`);
  verified += 1;
}
const organizations = walkers.size > 1 ? ` in ${walkers.size} organizations` : '';
console.log(`ok: ${verified} records verified${organizations}${allowGaps ? ' (gaps allowed)' : ''}`);

function bad(id, reason) {
  console.log(`bad: first_bad_id ${id ?? '(none)'}: ${reason}`);
  process.exit(1);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (!entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
