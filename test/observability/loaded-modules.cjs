// Preloaded (`NODE_OPTIONS=--require`) into an app process by traces.e2e-spec.ts: as the process exits, it writes
// the path of every module it loaded to LOADED_MODULES_FILE, so the test can tell whether an SDK was ever loaded.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.LOADED_MODULES_FILE;
  if (file) writeFileSync(file, Object.keys(require.cache).join('\n'));
});
