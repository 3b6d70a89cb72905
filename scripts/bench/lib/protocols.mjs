// The same tools/call in both protocol generations on one URL, alternated so both see the same machine state:
// a 2026-07-28 request (its headers and _meta checked, its result marked complete) must cost no more than a
// 2025-11-25 request of an initialize session (whose signed session id is checked).
import { MODERN_PROTOCOL, mcpRequest, rpc } from './load.mjs';
import { round } from './processes.mjs';

export const LEGACY_PROTOCOL = '2025-11-25';
const ROUNDS = 2;

/**
 * `measure(request, connections, amount)` runs one load with CPU sampling (and counts the calls); `onCall()` counts
 * the one `initialize` made here. Returns, per connection count, both generations' runs (averaged over the rounds)
 * and the difference.
 */
export async function compareProtocols({ mcpUrl, call, connectionCounts, amountFor, measure, onCall }) {
  const init = await rpc(mcpUrl, 'initialize', {
    protocolVersion: LEGACY_PROTOCOL,
    capabilities: {},
    clientInfo: { name: 'bench', version: '1.0.0' },
  });
  onCall();
  if (!init.session) throw new Error('initialize issued no session id');
  const requests = {
    [LEGACY_PROTOCOL]: mcpRequest(mcpUrl, 'tools/call', call, 1, {
      protocol: LEGACY_PROTOCOL,
      session: init.session,
    }),
    [MODERN_PROTOCOL]: mcpRequest(mcpUrl, 'tools/call', call, 1, { protocol: MODERN_PROTOCOL }),
  };
  const result = {};
  for (const connections of connectionCounts) {
    const runs = { [LEGACY_PROTOCOL]: [], [MODERN_PROTOCOL]: [] };
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate which goes first, so neither always runs on a warmer or a busier machine.
      const order = i % 2 === 0 ? [LEGACY_PROTOCOL, MODERN_PROTOCOL] : [MODERN_PROTOCOL, LEGACY_PROTOCOL];
      for (const version of order) {
        const run = await measure(requests[version], connections, amountFor(connections));
        if (run.non_2xx > 0 || run.errors > 0)
          throw new Error(`${version} run answered errors: ${JSON.stringify(run.statuses)}`);
        runs[version].push(run);
      }
    }
    const legacy = average(runs[LEGACY_PROTOCOL]);
    const modern = average(runs[MODERN_PROTOCOL]);
    result[`c${connections}`] = {
      [LEGACY_PROTOCOL]: legacy,
      [MODERN_PROTOCOL]: modern,
      p50_delta_ms: round(modern.p50_ms - legacy.p50_ms, 3),
      api_cpu_ms_per_call_delta: round(modern.api_cpu_ms_per_call - legacy.api_cpu_ms_per_call, 3),
    };
  }
  return result;
}

function average(runs) {
  const mean = (pick) => runs.reduce((sum, r) => sum + pick(r), 0) / runs.length;
  return {
    rps: Math.round(mean((r) => r.rps)),
    p50_ms: round(
      mean((r) => r.p50_ms),
      3,
    ),
    p99_ms: round(
      mean((r) => r.p99_ms),
      3,
    ),
    api_cpu_ms_per_call: round(
      mean((r) => r.cpu.api.ms_per_request),
      3,
    ),
    bytes_per_response: Math.round(mean((r) => r.bytes_per_response)),
  };
}
