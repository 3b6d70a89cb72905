// `npm run audit:verify -- …`: checks audit history offline, in constant memory (besides the checkpoints).
//   <export.jsonl> [--allow-gaps] [--checkpoints <file>]   a JSONL export from the console or the api
//   <archive.jsonl.gz>                                      an archive retention wrote before a purge
//   --database [DATABASE_URL] [--organization <id>] [--checkpoints <file>] [--slack-minutes <n>]
// Trusted public keys for signed checkpoints: `--public-key <pem file>` (repeatable, one file may hold several) and
// `AUDIT_VERIFY_PUBLIC_KEYS` (PEM text, or file paths separated by commas). Prints `ok: …` (exit 0) or `bad: …`
// with the first bad id and why (exit 1); usage errors exit 2. See docs/audit-integrity.md.
import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { buildServer } from './lib/processes.mjs';

const USAGE = `usage: npm run audit:verify -- <export.jsonl> [--allow-gaps] [--checkpoints <file>] [--public-key <pem>]…
       npm run audit:verify -- <archive.jsonl.gz> [--public-key <pem>]… [--slack-minutes <n>]
       npm run audit:verify -- --database [DATABASE_URL] [--organization <id>] [--checkpoints <file>] [--public-key <pem>]… [--slack-minutes <n>]`;

const options = parseArgs(process.argv.slice(2));
// npm runs scripts from the repository root; a relative path means the directory the user typed it in.
const here = (path) => resolve(process.env.INIT_CWD ?? process.cwd(), path);

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
const chain = require(compiled);

let trusted;
try {
  trusted = chain.trustedKeys(readTrustedKeys());
} catch (error) {
  usage(error.message);
}
const defaultPolicy = {
  every_events: positiveInt(process.env.AUDIT_CHECKPOINT_EVERY_EVENTS, 1000, 'AUDIT_CHECKPOINT_EVERY_EVENTS'),
  every_minutes: positiveInt(
    process.env.AUDIT_CHECKPOINT_EVERY_MINUTES,
    10,
    'AUDIT_CHECKPOINT_EVERY_MINUTES',
  ),
};
const external = options.checkpoints ? await readCheckpoints(here(options.checkpoints)) : undefined;
const keysNote =
  trusted.size === 0
    ? ' (hash chain only: no trusted public key given, so checkpoints were not checked)'
    : '';

if (options.database !== undefined) await verifyDatabase();
else if (options.file.endsWith('.gz')) await verifyArchive(here(options.file));
else await verifyExport(here(options.file));

async function verifyDatabase() {
  const url = options.database || process.env.DATABASE_URL || embeddedDatabaseUrl();
  if (!url) {
    usage('--database needs a PostgreSQL URL, as an argument or in DATABASE_URL (or a running `npm start`)');
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, application_name: 'audit-verify' });
  try {
    await client.connect();
  } catch (error) {
    console.error(`cannot connect to the database: ${error.message}`);
    process.exit(2);
  }
  const db = { query: async (sql, params) => (await client.query(sql, params)).rows };
  const organizations = options.organization ? [options.organization] : await chain.auditedOrganizations(db);
  let records = 0;
  let matched = 0;
  let failed = null;
  for (const organization of organizations) {
    const report = await chain.auditDatabaseChain(db, organization, {
      trusted,
      defaultPolicy,
      slackMinutes: options.slackMinutes,
      external,
      coverage: trusted.size === 0 ? 'none' : 'full',
    });
    records += report.records;
    matched += report.matched;
    const purged =
      report.before_chain > 0
        ? `, ${report.before_chain} before the retained rows (check them in the archives)`
        : '';
    if (report.ok) {
      console.log(
        `organization ${organization}: ${report.records} events verified, ${report.matched} checkpoints matched${purged}`,
      );
      continue;
    }
    console.log(`organization ${organization}: ${report.findings.length} problem(s)`);
    for (const finding of report.findings) console.log(`  - ${finding.message}`);
    failed ??= { organization, report };
  }
  await client.end();
  if (failed) {
    const first = failed.report.findings[0];
    bad(failed.report.first_bad_id ?? null, `organization ${failed.organization}: ${first.message}`);
  }
  const many = organizations.length === 1 ? '' : ` in ${organizations.length} organizations`;
  console.log(`ok: ${records} records verified${many}, ${matched} checkpoints matched${keysNote}`);
}

async function verifyArchive(file) {
  if (!existsSync(file)) usage(`no such file: ${file}`);
  let report;
  try {
    report = await chain.auditArchive(() => linesOf(file, true), {
      trusted,
      defaultPolicy,
      slackMinutes: options.slackMinutes,
    });
  } catch (error) {
    bad(null, `${file}: ${error.message}`);
  }
  if (trusted.size === 0) {
    // Without trusted keys every checkpoint counts as untrusted: report the chain alone.
    report.findings = report.findings.filter((f) => f.kind === 'chain');
    report.ok = report.findings.length === 0;
  }
  if (!report.ok) {
    for (const finding of report.findings) console.log(`  - ${finding.message}`);
    bad(report.first_bad_id ?? null, report.findings[0].message);
  }
  const range = report.first_seq === null ? 'no events' : `seq ${report.first_seq}–${report.last_seq}`;
  console.log(
    `ok: ${report.records} records verified (${range} of organization ${report.organization_id}), ${report.matched} of ${report.checkpoints} checkpoints matched${keysNote}`,
  );
}

async function verifyExport(file) {
  if (!existsSync(file)) usage(`no such file: ${file}`);
  const walkers = new Map();
  let verified = 0;
  let lineNumber = 0;
  for await (const line of linesOf(file, false)) {
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
      walker = external
        ? new chain.CheckpointAuditor(record.organization_id, external, {
            trusted,
            anchor: 'first',
            coverage: options.allowGaps ? 'matches' : 'none',
            defaultPolicy,
          })
        : new chain.ChainWalker('first', { allowGaps: options.allowGaps });
      walkers.set(record.organization_id, walker);
    }
    if (external) {
      walker.next(record);
    } else {
      const reason = walker.next(record);
      if (reason) bad(record.id, `line ${lineNumber}: ${reason}`);
    }
    verified += 1;
  }
  let matched = 0;
  if (external) {
    for (const walker of walkers.values()) {
      const report = walker.finish();
      matched += report.matched;
      if (!report.ok) {
        for (const finding of report.findings) console.log(`  - ${finding.message}`);
        bad(report.first_bad_id ?? null, report.findings[0].message);
      }
    }
  }
  const organizations = walkers.size > 1 ? ` in ${walkers.size} organizations` : '';
  const checkpoints = external ? `, ${matched} checkpoints matched` : '';
  console.log(
    `ok: ${verified} records verified${organizations}${options.allowGaps ? ' (gaps allowed)' : ''}${checkpoints}`,
  );
}

function parseArgs(args) {
  const parsed = { file: null, allowGaps: false, publicKeys: [], checkpoints: null, database: undefined };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) usage(`${arg} needs a value`);
      return next;
    };
    if (arg === '--allow-gaps') parsed.allowGaps = true;
    else if (arg === '--public-key') parsed.publicKeys.push(value());
    else if (arg === '--checkpoints') parsed.checkpoints = value();
    else if (arg === '--organization') parsed.organization = value();
    else if (arg === '--slack-minutes') parsed.slackMinutes = positiveInt(value(), 5, '--slack-minutes');
    else if (arg === '--database') {
      parsed.database = args[i + 1] && !args[i + 1].startsWith('--') ? args[++i] : '';
    } else if (arg.startsWith('--') || parsed.file !== null) usage(`unexpected argument ${arg}`);
    else parsed.file = arg;
  }
  if ((parsed.database === undefined) === (parsed.file === null)) usage('give one file, or --database');
  return parsed;
}

/** `--public-key` files, then `AUDIT_VERIFY_PUBLIC_KEYS` (PEM text itself, or paths separated by commas). */
function readTrustedKeys() {
  const pems = [];
  const fromFile = (path) => {
    const file = here(path);
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      usage(`cannot read public key ${file} (${error.code ?? 'unreadable'})`);
    }
    const found = chain.splitPemBundle(text);
    if (found.length === 0) usage(`${file} holds no PEM key`);
    for (const pem of found) pems.push({ pem, source: file });
  };
  for (const path of options.publicKeys) fromFile(path);
  const env = process.env.AUDIT_VERIFY_PUBLIC_KEYS?.trim();
  if (env) {
    if (env.includes('-----BEGIN')) {
      for (const pem of chain.splitPemBundle(env.replace(/\\n/g, '\n'))) {
        pems.push({ pem, source: 'AUDIT_VERIFY_PUBLIC_KEYS' });
      }
    } else {
      for (const path of env
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean))
        fromFile(path);
    }
  }
  return pems;
}

/** Checkpoints exported from a SIEM: JSON lines (or one JSON array) of checkpoint objects; other lines are skipped. */
async function readCheckpoints(file) {
  if (!existsSync(file)) usage(`no such file: ${file}`);
  const text = readFileSync(file, 'utf8').trim();
  const values = text.startsWith('[')
    ? JSON.parse(text)
    : text
        .split('\n')
        .filter((l) => l.trim())
        .map((line, i) => {
          try {
            return JSON.parse(line);
          } catch {
            usage(`${file}: line ${i + 1} is not JSON`);
          }
        });
  const checkpoints = values.map((v) => chain.parseCheckpoint(v)).filter(Boolean);
  if (checkpoints.length === 0) usage(`${file} holds no checkpoint (objects with "type": "checkpoint")`);
  return checkpoints;
}

/** The embedded database `npm start` serves while it runs, as it records it in DATA_DIR (default ./.data). */
function embeddedDatabaseUrl() {
  const location = new URL('../dist/server/libs/db/src/lib/database-location.js', import.meta.url).pathname;
  const { readEmbeddedDatabaseInfo } = require(location);
  return readEmbeddedDatabaseInfo(resolve(process.env.DATA_DIR ?? '.data'))?.url;
}

function linesOf(file, gzipped) {
  const input = gzipped ? createReadStream(file).pipe(createGunzip()) : createReadStream(file, 'utf8');
  return createInterface({ input, crlfDelay: Infinity });
}

function positiveInt(value, fallback, name) {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) usage(`${name} must be a positive integer`);
  return n;
}

function usage(problem) {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

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
