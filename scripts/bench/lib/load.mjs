// HTTP load with autocannon. Latencies are kept at microsecond resolution from autocannon's `response` events
// (its own histogram truncates to whole milliseconds, too coarse for an overhead of about a millisecond).
import autocannon from 'autocannon';

/**
 * Sends exactly `amount` requests over `connections` keep-alive connections and waits for every answer, so the
 * number of calls is known exactly (a duration-bound run would abandon requests the server still completes).
 */
export function load({ url, method = 'GET', headers = {}, body, connections, amount }) {
  const latencies = new Float64Array(amount);
  let count = 0;
  const statuses = {};
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, method, headers, body, connections, amount, timeout: 30 },
      (error, result) => {
        if (error) return reject(error);
        const seconds = (performance.now() - started) / 1000;
        const sorted = latencies.subarray(0, count).sort();
        resolve({
          connections,
          requests: count,
          errors: result.errors + result.timeouts,
          non_2xx: result.non2xx,
          statuses,
          seconds: Number(seconds.toFixed(2)),
          rps: Math.round(count / seconds),
          p50_ms: percentile(sorted, 0.5),
          p90_ms: percentile(sorted, 0.9),
          p99_ms: percentile(sorted, 0.99),
          mean_ms: Number((sorted.reduce((a, b) => a + b, 0) / Math.max(1, count)).toFixed(3)),
          bytes_per_response: count > 0 ? Math.round(result.throughput.total / count) : 0,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (count < amount) latencies[count++] = responseTime;
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

export function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Number(sorted[index].toFixed(3));
}

export const MODERN_PROTOCOL = '2026-07-28';

/**
 * A JSON-RPC POST to an MCP URL, as a Streamable HTTP client sends it. `protocol` 2026-07-28 sends what that
 * revision requires of every request (`_meta` version, client and capabilities; `Mcp-Method`, `Mcp-Name`); an older
 * one may name the session its `initialize` opened.
 */
export function mcpRequest(url, method, params, id = 1, { protocol = '2025-06-18', session } = {}) {
  const modern = protocol === MODERN_PROTOCOL;
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': protocol,
    ...(session ? { 'mcp-session-id': session } : {}),
    ...(modern ? { 'mcp-method': method } : {}),
    ...(modern && typeof params?.name === 'string' ? { 'mcp-name': params.name } : {}),
  };
  const body = modern
    ? {
        ...params,
        _meta: {
          'io.modelcontextprotocol/protocolVersion': protocol,
          'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1.0.0' },
          'io.modelcontextprotocol/clientCapabilities': {},
        },
      }
    : params;
  return { url, method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id, method, params: body }) };
}

/** One JSON-RPC call with fetch; returns the parsed body, the status and the size of the answer. */
export async function rpc(url, method, params, id = 1, options = {}) {
  const request = mcpRequest(url, method, params, id, options);
  const started = performance.now();
  const res = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
  const text = await res.text();
  return {
    status: res.status,
    session: res.headers.get('mcp-session-id'),
    ms: performance.now() - started,
    bytes: Buffer.byteLength(text),
    body: text ? JSON.parse(text) : null,
  };
}
