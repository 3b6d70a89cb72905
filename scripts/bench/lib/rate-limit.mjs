// The rate-limit run: the sandbox at N requests per (scaled) minute, W writes through task_create at once, and the
// time until every write is in ClickUp against the least time the limit allows (after one read has shown the gateway
// the limit, as a token's fixed limit always has been in use). Writes are read back from the
// sandbox's request log (not rate-limited), so a write applied twice shows up as a duplicate name.
import { rest } from './stack.mjs';
import { rpc } from './load.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function rateLimitRun({
  sandbox,
  api,
  mcpUrl,
  listId,
  taskId,
  writes,
  perMinute,
  windowMs,
  capMs,
  log,
}) {
  const prefix = `bench-write-${Date.now().toString(36)}-`;
  // Also opens fresh windows for every token.
  await sandbox.control('PUT', '/rate-limit', { per_minute: perMinute, window_ms: windowMs });
  // A ClickUp token's limit is fixed by its plan, so a gateway in use has seen it in earlier answers. Here the limit
  // just dropped from "none" to 100: one read through the gateway shows it the new limit, and the window that read
  // opened ends before the writes start, so they begin on a fresh window as the minimum assumes.
  const warmUp = await rpc(mcpUrl, 'tools/call', { name: 'task_get', arguments: { task_id: taskId } }, 0);
  if (warmUp.body?.result?.structuredContent?.ok !== true)
    throw new Error(`rate-limit warm-up: task_get failed: ${JSON.stringify(warmUp.body).slice(0, 300)}`);
  await sleep(windowMs + 500);
  const { requests: before } = await sandbox.control('GET', '/requests');
  const since = before.at(-1)?.seq ?? 0;

  const started = Date.now();
  const calls = Array.from({ length: writes }, (_, i) =>
    rpc(
      mcpUrl,
      'tools/call',
      {
        name: 'task_create',
        arguments: { list_id: listId, name: `${prefix}${String(i).padStart(4, '0')}` },
      },
      i + 1,
    ).then(
      (r) => classify(r),
      (error) => ({ kind: 'transport_error', message: error.message }),
    ),
  );
  const answers = await Promise.all(calls);
  const answeredMs = Date.now() - started;
  const byKind = count(answers.map((a) => a.kind));
  const jobIds = answers.filter((a) => a.jobId).map((a) => a.jobId);
  log(
    `rate-limit: ${writes} calls answered in ${(answeredMs / 1000).toFixed(1)} s: ${JSON.stringify(byKind)}`,
  );

  // Queued writes go on in the worker: wait until every write is in, nothing has moved for three windows, or the
  // cap (so one bench run stays bounded; the writes still missing then are reported, not waited for).
  const expected = writes;
  let created = await createdWrites(sandbox, since, prefix);
  let lastProgress = Date.now();
  let lastCount = created.names.length;
  let capped = false;
  while (jobIds.length > 0 && created.names.length < expected) {
    if (Date.now() - lastProgress > 3 * windowMs + 25_000) break;
    if (Date.now() - started > capMs) {
      capped = true;
      break;
    }
    await sleep(500);
    created = await createdWrites(sandbox, since, prefix);
    if (created.names.length !== lastCount) {
      lastCount = created.names.length;
      lastProgress = Date.now();
      log(
        `rate-limit: ${lastCount}/${expected} writes applied after ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
    }
  }
  const waitedMs = Date.now() - started;
  const distinct = new Set(created.names);
  const windows = Math.ceil(writes / perMinute) - 1;
  const minimumMs = windows * windowMs;
  const lastWriteMs = created.lastAt ? created.lastAt - started : null;
  const jobs = await jobStates(api, jobIds);
  // Requests that reached the sandbox in the run (reads the gateway made for scope checks included), and 429s.
  const upstream = await upstreamTraffic(sandbox, since);
  await sandbox.control('PUT', '/rate-limit', { per_minute: 1_000_000 });
  return {
    writes,
    per_minute: perMinute,
    window_ms: windowMs,
    answers: byKind,
    answered_s: round(answeredMs / 1000),
    writes_applied: created.names.length,
    distinct_writes: distinct.size,
    duplicates: created.names.length - distinct.size,
    missing: writes - distinct.size,
    time_to_last_write_s: lastWriteMs === null ? null : round(lastWriteMs / 1000),
    minimum_s: round(minimumMs / 1000),
    over_minimum_pct:
      // With every write inside the first window (a --quick run) there is no minimum to compare against.
      lastWriteMs === null || distinct.size < writes || minimumMs === 0
        ? null
        : round((100 * (lastWriteMs - minimumMs)) / minimumMs),
    upstream_requests: upstream.total,
    // Every request the run made that ClickUp served (scope checks included; a 429 spends no quota), at the limit:
    // the least time those requests could take.
    minimum_for_requests_s: round(
      ((Math.ceil((upstream.total - upstream.limited) / perMinute) - 1) * windowMs) / 1000,
    ),
    upstream_requests_per_write: round(upstream.total / Math.max(1, created.names.length)),
    upstream_429s: upstream.limited,
    capped_after_s: capped ? round(waitedMs / 1000) : null,
    writes_per_minute: created.lastAt
      ? round((created.names.length * 60_000) / (created.lastAt - started))
      : null,
    jobs,
  };
}

function classify(answer) {
  const envelope = answer.body?.result?.structuredContent;
  if (answer.status !== 200 || !envelope) return { kind: `http_${answer.status}` };
  if (envelope.ok) return { kind: 'ok' };
  const issue = envelope.issues?.[0] ?? {};
  if (issue.queued && issue.job_id) return { kind: 'queued', jobId: issue.job_id };
  return { kind: `error_${issue.code ?? 'unknown'}`, jobId: issue.job_id };
}

async function createdWrites(sandbox, since, prefix) {
  const { requests } = await sandbox.control('GET', `/requests?since=${since}`);
  const names = [];
  let lastAt = null;
  for (const r of requests) {
    if (r.method !== 'POST' || !/\/list\/[^/]+\/task$/.test(r.path) || r.status !== 200) continue;
    const name = r.body?.name;
    if (typeof name !== 'string' || !name.startsWith(prefix)) continue;
    names.push(name);
    lastAt = Math.max(lastAt ?? 0, Date.parse(r.at));
  }
  return { names, lastAt };
}

async function upstreamTraffic(sandbox, since) {
  const { requests } = await sandbox.control('GET', `/requests?since=${since}`);
  // Only the API's own traffic (the bench's reads of the request log are controls, never logged).
  const api = requests.filter((r) => r.path.startsWith('/api/'));
  return { total: api.length, limited: api.filter((r) => r.status === 429).length };
}

/** Final states of the retry jobs, through the REST API (absent before the retry queue exists). */
async function jobStates(api, jobIds) {
  if (jobIds.length === 0) return null;
  const states = [];
  for (const id of jobIds) {
    try {
      const job = await rest(api.baseUrl, 'GET', `/retry-jobs/${encodeURIComponent(id)}`);
      states.push(job.state ?? 'unknown');
    } catch (error) {
      states.push(/: 404 /.test(error.message) ? 'not_found' : 'unreadable');
    }
  }
  return count(states);
}

function count(values) {
  const out = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

const round = (n) => Number(n.toFixed(1));
