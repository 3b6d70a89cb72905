// `npm run lock:platforms`: completes package-lock.json after `npm install` changed it.
//
// npm records another platform's optional native package (say @swc/core-darwin-arm64) only when the registry can
// serve it. The registry mirror this project is built against serves linux-x64 builds only, so npm leaves those
// entries out (npm/cli#4828) and `npm ci` then refuses the lock file ("Missing: … from lock file") on every machine.
// This script adds each missing entry with the exact version the parent pins, and the os/cpu/libc its name
// encodes, so npm skips it where it does not apply and fetches it by name@version where it does.
// `--check` lists what is missing and exits 1 instead of writing.
import { readFileSync, writeFileSync } from 'node:fs';
import { ROOT } from './lib/processes.mjs';

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony'];
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'ppc64', 's390x', 'loong64', 'riscv64', 'wasm32'];

const file = `${ROOT}package-lock.json`;
const lock = JSON.parse(readFileSync(file, 'utf8'));

const missing = [];
for (const [key, pkg] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    if (lock.packages[`node_modules/${name}`] || lock.packages[`${key}/node_modules/${name}`]) continue;
    missing.push({ name, entry: platformEntry(name, version, pkg) });
  }
}

if (process.argv.includes('--check')) {
  for (const { name } of missing) console.error(`missing from package-lock.json: ${name}`);
  if (missing.length) console.error('run `npm run lock:platforms` to add them');
  process.exit(missing.length ? 1 : 0);
}

for (const { name, entry } of missing) lock.packages[`node_modules/${name}`] = entry;
const root = lock.packages[''];
delete lock.packages[''];
const sorted = Object.keys(lock.packages).sort((a, b) => a.localeCompare(b, 'en'));
lock.packages = { '': root, ...Object.fromEntries(sorted.map((key) => [key, lock.packages[key]])) };
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${missing.length} optional platform entries to package-lock.json`);

function platformEntry(name, version, parent) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((part) => OS.includes(part));
  const cpu = parts.find((part) => CPU.includes(part));
  if (!cpu) throw new Error(`cannot tell the cpu of ${name}; add its entry by hand`);
  const entry = { version, cpu: [cpu] };
  if (parent.dev) entry.dev = true;
  if (parts.some((part) => part === 'gnu' || part === 'gnueabihf')) entry.libc = ['glibc'];
  if (parts.some((part) => part === 'musl' || part === 'musleabihf')) entry.libc = ['musl'];
  entry.optional = true;
  if (os) entry.os = [os];
  return entry;
}
