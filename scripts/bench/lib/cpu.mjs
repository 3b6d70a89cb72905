// CPU time a process has used (user + system), from /proc, to put a CPU cost on each request.
import { readFileSync } from 'node:fs';

// USER_HZ: 100 on every Linux kernel Node supports for this purpose (sysconf(_SC_CLK_TCK)).
const TICKS_PER_SECOND = 100;

export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at state, field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

/** Runs `work` and adds, per named process, the CPU ms it used and the CPU ms per request. */
export async function withCpu(processes, work) {
  const before = Object.fromEntries(Object.entries(processes).map(([k, pid]) => [k, cpuSeconds(pid)]));
  const selfBefore = process.cpuUsage();
  const result = await work();
  const self = process.cpuUsage(selfBefore);
  const cpu = {};
  for (const [name, pid] of Object.entries(processes)) {
    const ms = (cpuSeconds(pid) - before[name]) * 1000;
    cpu[name] = { ms: Math.round(ms), ms_per_request: perRequest(ms, result.requests) };
  }
  const loadMs = (self.user + self.system) / 1000;
  cpu.load_generator = { ms: Math.round(loadMs), ms_per_request: perRequest(loadMs, result.requests) };
  return { ...result, cpu };
}

const perRequest = (ms, requests) => (requests > 0 ? Number((ms / requests).toFixed(3)) : null);
