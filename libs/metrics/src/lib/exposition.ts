/** One sample of Prometheus' text exposition format (version 0.0.4). */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** `# TYPE` of each metric family. */
  types: Map<string, string>;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/**
 * Parses the text format as Prometheus reads it (comments, label escapes, +Inf/-Inf/NaN, optional timestamps), and
 * throws on a line it would refuse, so a test that scrapes also checks the endpoint's output is valid.
 */
export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      const type = /^#\s*TYPE\s+(\S+)\s+(counter|gauge|histogram|summary|untyped)$/.exec(line);
      if (type) types.set(type[1], type[2]);
      return;
    }
    try {
      samples.push(parseSample(line));
    } catch (error) {
      throw new Error(`line ${index + 1}: ${(error as Error).message}: ${line}`);
    }
  });
  return { types, samples };
}

function parseSample(line: string): Sample {
  const name = METRIC_NAME.exec(line)?.[0];
  if (!name) throw new Error('no metric name');
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1);
    for (;;) {
      rest = rest.trimStart();
      if (rest.startsWith('}')) {
        rest = rest.slice(1);
        break;
      }
      const label = LABEL_NAME.exec(rest)?.[0];
      if (!label) throw new Error('bad label name');
      rest = rest.slice(label.length).trimStart();
      if (!rest.startsWith('="')) throw new Error(`label ${label} has no value`);
      rest = rest.slice(2);
      let value = '';
      for (;;) {
        if (rest === '') throw new Error('unterminated label value');
        const char = rest[0];
        rest = rest.slice(1);
        if (char === '"') break;
        if (char === '\\') {
          const escaped = rest[0];
          rest = rest.slice(1);
          if (escaped === 'n') value += '\n';
          else if (escaped === '\\' || escaped === '"') value += escaped;
          else throw new Error(`bad escape \\${escaped}`);
        } else value += char;
      }
      if (label in labels) throw new Error(`label ${label} twice`);
      labels[label] = value;
      rest = rest.trimStart();
      if (rest.startsWith(',')) rest = rest.slice(1);
      else if (!rest.startsWith('}')) throw new Error('expected , or }');
    }
  }
  const [value, timestamp, extra] = rest.trim().split(/\s+/);
  if (value === undefined || extra !== undefined)
    throw new Error('expected a value and an optional timestamp');
  if (timestamp !== undefined && !/^-?\d+$/.test(timestamp)) throw new Error('bad timestamp');
  return { name, labels, value: parseValue(value) };
}

/** As Prometheus reads a value (Go's ParseFloat): `NaN` and `Inf` in any case (prom-client writes `Nan`). */
function parseValue(text: string): number {
  const word = text.toLowerCase();
  if (word === '+inf' || word === 'inf') return Number.POSITIVE_INFINITY;
  if (word === '-inf') return Number.NEGATIVE_INFINITY;
  if (word === 'nan') return Number.NaN;
  const value = Number(text);
  if (text === '' || Number.isNaN(value)) throw new Error(`bad value ${text}`);
  return value;
}

/** The sum of the samples named `name` whose labels include `labels` (0 when none). */
export function sampleSum(exposition: Exposition, name: string, labels: Record<string, string> = {}): number {
  return exposition.samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

/** The metric families a registry exposes, with histogram and summary series under their family's name. */
export function familyNames(exposition: Exposition): Set<string> {
  return new Set(exposition.types.keys());
}
