// `npm run build`: the server code (api, worker, sandbox, libs) with tsc, and the dashboard with Next.js.
// `npm run build -- --server` builds only the server code.
import { buildDashboardIfStale, buildServer } from './lib/processes.mjs';

buildServer();
if (!process.argv.includes('--server')) buildDashboardIfStale();
