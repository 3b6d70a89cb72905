export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name: string | undefined;
  /** The image or earlier stage this stage starts from. */
  from: string;
  instructions: Instruction[];
}

/** Splits a Dockerfile into its stages, joining continued lines and dropping comments. */
export function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const match = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!match) throw new Error(`unreadable FROM: ${line}`);
      stages.push({ from: match[1], name: match[2], instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

/** The stage `docker build --target` would produce; without a target, the last stage. */
export function targetStage(stages: Stage[], target?: string): Stage {
  const stage = target === undefined ? stages[stages.length - 1] : stages.find((s) => s.name === target);
  if (!stage) throw new Error(`no stage ${target}`);
  return stage;
}

/** The stages a target is built from, base first (a stage inherits USER, ENV and files from its parent). */
export function lineage(stages: Stage[], stage: Stage): Stage[] {
  const parent = stages.find((s) => s.name !== undefined && s.name === stage.from);
  return parent ? [...lineage(stages, parent), stage] : [stage];
}

/** The last value an instruction takes along a target's lineage, e.g. its effective USER or CMD. */
export function effective(stages: Stage[], target: string | undefined, keyword: string): string | undefined {
  const chain = lineage(stages, targetStage(stages, target));
  const values = chain.flatMap((s) => s.instructions.filter((i) => i.keyword === keyword).map((i) => i.args));
  return values[values.length - 1];
}
