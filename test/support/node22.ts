import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@gw/testing';

/**
 * A Node 22 binary for the tools that need one (the MCP conformance suite): the optional `node-<os>-<cpu>` package
 * npm installed for this machine, else this very Node when it is 22 or later, else null (the caller skips and says
 * why). The packages are optional dependencies, one per platform, so `npm ci` works on every machine and installs
 * only the one that runs here.
 */
export function node22(): string | null {
  const packaged = join(REPO_ROOT, 'node_modules', `node-${process.platform}-${process.arch}`, 'bin', 'node');
  if (existsSync(packaged)) return packaged;
  return Number(process.versions.node.split('.')[0]) >= 22 ? process.execPath : null;
}

/** Why a suite that needs Node 22 did not run, for the skip message. */
export const NO_NODE_22 = `no Node 22 here: neither node_modules/node-${process.platform}-${process.arch} nor a Node ≥ 22 runs the tests`;
