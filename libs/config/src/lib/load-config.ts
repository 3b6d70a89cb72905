import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EnvVarDoc, envVarsOf } from './env-var.decorator';

export type Env = Record<string, string | undefined>;

/** Thrown at boot when the environment is invalid; `problems` holds one line per bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The variable that names a file holding a secret variable's value, as Docker and Kubernetes mount secrets. */
export function fileVariableOf(name: string): string {
  return `${name}_FILE`;
}

const isSet = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * A variable's raw value: from the environment, or for a secret from the file its `_FILE` variable names (one
 * trailing newline dropped, as `echo` and `kubectl create secret --from-file` leave one). Problems name the
 * variables and the path, never what the file holds.
 */
function readVariable(v: EnvVarDoc, env: Env): { value?: string; problem?: string } {
  const direct = env[v.name];
  const fileVariable = fileVariableOf(v.name);
  const path = v.secret ? env[fileVariable] : undefined;
  if (!isSet(path)) return { value: isSet(direct) ? direct : undefined };
  if (isSet(direct)) return { problem: `${v.name} and ${fileVariable} are both set: set only one of them` };
  try {
    const content = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
    return { value: content === '' ? undefined : content };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return { problem: `${fileVariable}: cannot read ${path} (${code})` };
  }
}

/**
 * Reads the variables a config class declares with @EnvVar, converts and validates them.
 * Empty strings count as unset, so `FOO=` in a compose file means "use the default".
 * Every secret variable may instead be given as a file path in `NAME_FILE`.
 */
export function loadConfig<T extends object>(configClass: new () => T, env: Env = process.env): T {
  const plain: Record<string, string> = {};
  const problems: string[] = [];
  for (const v of envVarsOf(configClass)) {
    const { value, problem } = readVariable(v, env);
    if (problem) problems.push(problem);
    else if (value !== undefined) plain[v.property] = value;
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const instance = plainToInstance(configClass, plain, { exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigError(describe(configClass, errors, plain));
  return instance;
}

/** Loads several config classes and reports every problem of all of them at once. */
export function loadConfigs<T extends readonly (new () => object)[]>(
  classes: T,
  env: Env = process.env,
): { [K in keyof T]: T[K] extends new () => infer I ? I : never } {
  const problems: string[] = [];
  const loaded = classes.map((c) => {
    try {
      return loadConfig(c, env);
    } catch (e) {
      if (e instanceof ConfigError) problems.push(...e.problems);
      else throw e;
      return undefined;
    }
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return loaded as { [K in keyof T]: T[K] extends new () => infer I ? I : never };
}

function describe(
  configClass: new () => object,
  errors: ValidationError[],
  plain: Record<string, string>,
): string[] {
  const vars = envVarsOf(configClass);
  return errors.map((error) => {
    const v = vars.find((d) => d.property === error.property);
    const name = v?.name ?? error.property;
    const messages = [...new Set(Object.values(error.constraints ?? {}))].join('; ');
    const given = plain[error.property];
    const shown =
      given === undefined ? 'unset' : v?.secret ? 'a value that is not shown' : JSON.stringify(given);
    return `${name}: ${messages} (got ${shown})`;
  });
}
