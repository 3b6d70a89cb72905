// `node scripts/bench/profile-summary.mjs <file.cpuprofile> [--top 25] [--from-ms A --to-ms B]`: the functions, files and packages that
// took the most CPU in a V8 profile (as written by `node --cpu-prof`), self and inclusive.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** `fromMs`/`toMs`: only samples taken in that window, in ms after the profile started (e.g. the load phase). */
export function summarize(profile, { top = 25, fromMs = 0, toMs = Infinity } = {}) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Sample counts per node, weighted by the time delta that followed each sample.
  const selfUs = new Map();
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (at < fromMs * 1000 || at > toMs * 1000) return;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

  const label = (n) => {
    const f = n.callFrame;
    const where = f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : '(native)';
    return `${f.functionName || '(anonymous)'} ${where}`;
  };
  const bySelf = new Map();
  const byFile = new Map();
  const byPackage = new Map();
  const inclusive = new Map();
  for (const [id, us] of selfUs) {
    const n = nodes.get(id);
    add(bySelf, label(n), us);
    add(byFile, shortUrl(n.callFrame.url) || n.callFrame.functionName, us);
    add(byPackage, packageOf(n.callFrame.url, n.callFrame.functionName), us);
    // Inclusive: every distinct frame on the stack gets the sample once.
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(nodes.get(cur));
      if (seen.has(l)) continue;
      seen.add(l);
      add(inclusive, l, us);
    }
  }
  const rank = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({
        pct: Number(((100 * us) / total).toFixed(1)),
        ms: Math.round(us / 1000),
        name,
      }));
  return {
    total_ms: Math.round(total / 1000),
    self: rank(bySelf),
    inclusive: rank(inclusive),
    files: rank(byFile),
    packages: rank(byPackage),
  };
}

function add(map, key, value) {
  map.set(key, (map.get(key) ?? 0) + value);
}

function shortUrl(url) {
  if (!url) return '';
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) return url.slice(nm + 'node_modules/'.length);
  const dist = url.indexOf('dist/server/');
  if (dist !== -1) return url.slice(dist + 'dist/server/'.length);
  return url.replace(/^file:\/\//, '');
}

function packageOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node (core)';
  const dist = url.indexOf('dist/server/');
  if (dist !== -1)
    return url
      .slice(dist + 'dist/server/'.length)
      .split('/')
      .slice(0, 2)
      .join('/');
  return url.startsWith('wasm://') ? 'wasm' : 'other';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    console.error(
      'usage: node scripts/bench/profile-summary.mjs <file.cpuprofile> [--top N] [--from-ms A] [--to-ms B]',
    );
    process.exit(2);
  }
  const option = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? fallback : Number(process.argv[i + 1]);
  };
  const summary = summarize(JSON.parse(readFileSync(file, 'utf8')), {
    top: option('--top', 25),
    fromMs: option('--from-ms', 0),
    toMs: option('--to-ms', Infinity),
  });
  console.log(`total ${summary.total_ms} ms of samples`);
  for (const section of ['packages', 'files', 'self', 'inclusive']) {
    console.log(`\n== ${section}`);
    for (const row of summary[section])
      console.log(`${String(row.pct).padStart(5)}%  ${String(row.ms).padStart(6)} ms  ${row.name}`);
  }
}
