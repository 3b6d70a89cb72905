import 'reflect-metadata';

export interface EnvVarDoc {
  /** The environment variable name, as users set it. */
  name: string;
  description: string;
  /** The default as users should read it in docs, when unset. */
  default?: string;
  /** Secret values are never printed, not even in validation errors. */
  secret?: boolean;
  /** The property on the config class that receives the parsed value. */
  property: string;
}

const ENV_VARS = Symbol('env-vars');

/** Declares which environment variable feeds a config property, for validation messages and the README table. */
export function EnvVar(doc: Omit<EnvVarDoc, 'property'>): PropertyDecorator {
  return (target, property) => {
    const list: EnvVarDoc[] = Reflect.getMetadata(ENV_VARS, target.constructor) ?? [];
    Reflect.defineMetadata(ENV_VARS, [...list, { ...doc, property: String(property) }], target.constructor);
  };
}

export function envVarsOf(configClass: abstract new () => object): EnvVarDoc[] {
  return Reflect.getMetadata(ENV_VARS, configClass) ?? [];
}
