// Node flags each server process starts with, wherever it is started: `npm start`, the bench, the test harness
// (libs/testing AppProcess) and the Docker images (docker/Dockerfile; a deploy test keeps them equal).
//
// The api caps V8's old generation at 192 MB. Under load, request objects outlive a few young-generation
// collections (each call waits ~50 ms or more for ClickUp) and are promoted; without a cap, V8 lets that garbage
// grow the heap to 250–260 MB before collecting it, and the api to ~450 MB resident. Its live heap under load is
// 60–70 MB, so the cap leaves room for large answers and exports while keeping it near 220 MB resident. The price
// is more major collections: +0.13–0.16 CPU ms per call at 64 connections, with throughput within run-to-run noise
// (docs/benchmarks.md). A larger young generation (--max-semi-space-size=32) took back most of that CPU but put
// the api at 261 MB.
module.exports = {
  api: ['--max-old-space-size=192'],
  worker: [],
  'clickup-sandbox': [],
};
