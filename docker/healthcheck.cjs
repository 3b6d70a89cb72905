// Container healthcheck without curl (the slim Node image has none).
//   node docker/healthcheck.cjs http://127.0.0.1:3001/readyz   ready when the URL answers 2xx
//   node docker/healthcheck.cjs --worker                       ready when the worker's PostgreSQL and Redis answer
// The worker serves no HTTP, so its check is that the stores it works from are reachable from its container.
const TIMEOUT_MS = 4000;

async function checkUrl(url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}

async function checkPostgres(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS });
  await client.connect();
  try {
    await client.query('SELECT 1');
  } finally {
    await client.end();
  }
}

async function checkRedis(url) {
  const Redis = require('ioredis');
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let lastError;
  redis.on('error', (error) => (lastError = error));
  try {
    await redis.connect().catch((error) => {
      throw lastError ?? error;
    });
    if ((await redis.ping()) !== 'PONG') throw new Error('redis did not answer PONG');
  } finally {
    redis.disconnect();
  }
}

/** A variable's value, or the content of the file its `_FILE` variable names (as libs/config reads secrets). */
function secret(name) {
  const path = process.env[`${name}_FILE`];
  if (path)
    return require('node:fs')
      .readFileSync(path, 'utf8')
      .replace(/\r?\n$/, '');
  return process.env[name];
}

async function main(target) {
  if (target !== '--worker') return checkUrl(target);
  const checks = [];
  const databaseUrl = secret('DATABASE_URL');
  const redisUrl = secret('REDIS_URL');
  if (databaseUrl) checks.push(checkPostgres(databaseUrl));
  if (redisUrl) checks.push(checkRedis(redisUrl));
  await Promise.all(checks);
}

const target = process.argv[2];
if (!target) {
  console.error('usage: node docker/healthcheck.cjs <url> | --worker');
  process.exit(2);
}
main(target).then(
  () => process.exit(0),
  (error) => {
    console.error(`unhealthy: ${error.message}`);
    process.exit(1);
  },
);
