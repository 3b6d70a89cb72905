import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { GatewayMetrics } from '@gw/metrics';
import { REPO_ROOT } from '@gw/testing';

const DIR = join(REPO_ROOT, 'deploy/observability');

/** Every series name the api and the worker expose (histograms with their suffixes), and Prometheus' own `up`. */
async function exportedSeries(): Promise<Set<string>> {
  const metrics = new GatewayMetrics('api');
  metrics.measureQueues(() => []);
  metrics.measureAuditBacklog(() => 0);
  const names = new Set(['up']);
  for (const family of await metrics.registry.getMetricsAsJSON()) {
    names.add(family.name);
    const type = String(family.type);
    if (type === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(family.name + suffix);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(family.name + suffix);
  }
  return names;
}

const PROMQL_WORDS = new Set([
  'and',
  'or',
  'unless',
  'offset',
  'bool',
  'on',
  'ignoring',
  'group_left',
  'group_right',
]);

/** The metric names a PromQL expression reads: what is left once strings, matchers, ranges and grouping are gone. */
export function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\boffset\s+\d+[smhdwy]/g, '')
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '')
    .replace(/\b\d+(\.\d+)?(e[-+]?\d+)?\b/gi, '');
  const names: string[] = [];
  for (const match of bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const after = bare.slice((match.index ?? 0) + match[0].length).trimStart();
    if (after.startsWith('(') || PROMQL_WORDS.has(match[0])) continue;
    names.push(match[0]);
  }
  return names;
}

interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

describe('deploy/observability', () => {
  it('reads metric names out of PromQL the way the checks below need', () => {
    expect(
      metricNamesIn(
        'sum by (le) (rate(a_bucket{x="y(z)"}[5m])) / clamp_min(sum(rate(b_total[5m] offset 1h)), 1e-9) > 0.5 and up == 0',
      ),
    ).toEqual(['a_bucket', 'b_total', 'up']);
  });

  it('has alert rules that parse, name a severity, and read only metrics the code exports', async () => {
    const exported = await exportedSeries();
    const doc = parse(readFileSync(join(DIR, 'alerts.yml'), 'utf8')) as {
      groups: { name: string; rules: AlertRule[] }[];
    };
    const rules = doc.groups.flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'GatewayScrapeDown',
        'GatewayToolCallErrorRate',
        'GatewayClickUp429Rate',
        'GatewayQueueOldestJobAge',
        'GatewayDeadLettersGrowing',
        'GatewayAuditAppendSlow',
        'GatewaySecurityEventsSpike',
      ]),
    );
    for (const rule of rules) {
      expect(rule.labels?.['severity']).toMatch(/^(critical|warning|info)$/);
      expect(rule.annotations?.['summary']).toEqual(expect.any(String));
      const names = metricNamesIn(rule.expr);
      expect(names.length).toBeGreaterThan(0);
      expect({ alert: rule.alert, unknown: names.filter((n) => !exported.has(n)) }).toEqual({
        alert: rule.alert,
        unknown: [],
      });
    }
  });

  it('has a Grafana dashboard whose every query reads only metrics the code exports', async () => {
    const exported = await exportedSeries();
    const dashboard = JSON.parse(readFileSync(join(DIR, 'grafana-dashboard.json'), 'utf8')) as {
      uid: string;
      panels: { title: string; targets: { expr: string }[] }[];
    };
    expect(dashboard.uid).toBe('clickup-mcp-gateway');
    const read = new Set<string>();
    for (const panel of dashboard.panels) {
      expect(panel.targets.length).toBeGreaterThan(0);
      for (const target of panel.targets) {
        const names = metricNamesIn(target.expr);
        expect({ panel: panel.title, unknown: names.filter((n) => !exported.has(n)) }).toEqual({
          panel: panel.title,
          unknown: [],
        });
        names.forEach((n) => read.add(n.replace(/_(bucket|sum|count)$/, '')));
      }
    }
    // Every application metric is on the dashboard.
    const application = [...exported].filter(
      (n) => n.startsWith('gateway_') && !/_(bucket|sum|count)$/.test(n),
    );
    expect(application.filter((n) => !read.has(n))).toEqual([]);
  });

  it('documents every application metric in docs/observability.md', async () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs/observability.md'), 'utf8');
    const application = [...(await exportedSeries())].filter(
      (n) => n.startsWith('gateway_') && !/_(bucket|sum|count)$/.test(n),
    );
    expect(application.filter((n) => !doc.includes(`\`${n}\``))).toEqual([]);
  });
});
