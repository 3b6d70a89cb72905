// `npm run start:sandbox`: the ClickUp sandbox alone, on SANDBOX_PORT (default 3002).
import { buildServer, serverEntry, startProcess, stopAllOnSignal } from './lib/processes.mjs';

buildServer();
const processes = [];
stopAllOnSignal(processes);
const sandbox = startProcess('sandbox', serverEntry('clickup-sandbox'), {});
processes.push(sandbox);
sandbox.child.once('exit', (code) => process.exit(code ?? 1));
