// Builds what `npm start` and the test suites run: the server code (api, worker, sandbox, libs) with tsc,
// and the dashboard with Next.js. `--server` builds only the server code.
import { spawnSync } from 'node:child_process';

const serverOnly = process.argv.includes('--server');
const steps = [['npx', ['tsc', '-p', 'tsconfig.build.json']]];
if (!serverOnly) steps.push(['npx', ['next', 'build', 'apps/dashboard']]);

for (const [cmd, args] of steps) {
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log(`built: ${args.join(' ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
