// Generates a TypeORM migration from the difference between the entities and a scratch database
// that has every existing migration applied. Usage: npm run migration:generate -- AddSomething
import { spawnSync } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import pg from 'pg';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: npm run migration:generate -- PascalCaseName');
  process.exit(1);
}
const adminUrl = process.env.MIGRATION_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// MIGRATION_SCRATCH_DB lets several checkouts generate migrations on one server at once.
const scratch = process.env.MIGRATION_SCRATCH_DB ?? 'gw_migration_scratch';
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${scratch}`);
await admin.query(`CREATE DATABASE ${scratch}`);
await admin.end();

const out = 'tmp/migration-gen';
rmSync(out, { recursive: true, force: true });
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('npx', ['tsc', '-p', 'libs/db/tsconfig.json', '--outDir', out, '--rootDir', '.']);
const url = adminUrl.replace(/\/[^/]*$/, `/${scratch}`);
writeFileSync(
  `${out}/data-source.cjs`,
  `const { createDataSource } = require('./libs/db/src/lib/data-source');
module.exports = { default: createDataSource({ url: ${JSON.stringify(url)}, poolSize: 2, applicationName: 'migration-generate' }) };`,
);
run('npx', ['typeorm', 'migration:run', '-d', `${out}/data-source.cjs`]);
run('npx', [
  'typeorm',
  'migration:generate',
  '-p',
  '-d',
  `${out}/data-source.cjs`,
  `libs/db/src/lib/migrations/${name}`,
]);
console.log(
  'Rename the file to kebab-case, add the class to libs/db/src/lib/migrations/index.ts, and commit it.',
);
