/**
 * A segment trie built once at start-up. Matching a path costs one split and one map lookup per
 * segment, which keeps the router out of the benchmark's way (GET /api/v2/task/{id} is the baseline).
 */
export type Params = Record<string, string>;

interface Node<R> {
  statics: Map<string, Node<R>>;
  param?: { name: string; node: Node<R> };
  routes: Map<string, R>;
}

export type Match<R> = { kind: 'found'; route: R; params: Params } | { kind: 'none' };

function newNode<R>(): Node<R> {
  return { statics: new Map(), routes: new Map() };
}

export class Router<R> {
  private readonly root: Node<R> = newNode();

  add(method: string, pattern: string, route: R): void {
    let node = this.root;
    for (const segment of pattern.split('/').filter(Boolean)) {
      if (segment.startsWith(':')) {
        const name = segment.slice(1);
        if (node.param && node.param.name !== name) {
          throw new Error(`route ${pattern}: parameter :${name} clashes with :${node.param.name}`);
        }
        node.param ??= { name, node: newNode() };
        node = node.param.node;
      } else {
        let next = node.statics.get(segment);
        if (!next) {
          next = newNode();
          node.statics.set(segment, next);
        }
        node = next;
      }
    }
    if (node.routes.has(method)) throw new Error(`route ${method} ${pattern} declared twice`);
    node.routes.set(method, route);
  }

  /** Wrong methods are no match: ClickUp answers both with the same HTML 404 (API-NOTES §3). */
  match(method: string, path: string): Match<R> {
    const segments = path.split('/').filter(Boolean);
    const params: Params = {};
    const node = this.walk(this.root, method, segments, 0, params);
    const route = node?.routes.get(method);
    return route === undefined ? { kind: 'none' } : { kind: 'found', route, params };
  }

  private walk(
    node: Node<R>,
    method: string,
    segments: string[],
    i: number,
    params: Params,
  ): Node<R> | undefined {
    if (i === segments.length) return node.routes.has(method) ? node : undefined;
    const segment = segments[i];
    const byName = node.statics.get(segment);
    if (byName) {
      const found = this.walk(byName, method, segments, i + 1, params);
      if (found) return found;
    }
    if (node.param) {
      const found = this.walk(node.param.node, method, segments, i + 1, params);
      if (found) {
        params[node.param.name] = safeDecode(segment);
        return found;
      }
    }
    return undefined;
  }
}

function safeDecode(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
