import { Test } from '@nestjs/testing';
import { z } from 'zod';
import { ToolCatalog } from './core/catalog';
import { isTimeField } from './core/input-fields';
import { isUserRef, unwrap } from './core/people';
import { McpToolsModule } from './mcp-tools.module';

/**
 * One input language across the whole catalog (issue 17 §3), checked over whatever the catalog holds, so tools
 * added later are held to it too: every parameter is described (in the zod input and in the listed JSON Schema),
 * every time argument is the shared `timeField`, every user argument the shared `userRef`.
 */

/** Names that read as times. */
const TIME_NAME = /(^|_)(date|dates|start|end|since|until|due|at|before|after)($|_)|_date_|_at$|_(gt|lt)$/;
/** Names that read as people. */
const USER_NAME = /^(assignees?|owners?|add_owners|rem_owners|users?|user_ids?|watchers?|members|followers)$/;

/** Arguments whose names match a pattern above but that are not times or people, and why. */
const NOT_A_TIME: Record<string, string> = {
  'key_result_create.start': 'the start value of a key result, a number',
};
const NOT_A_USER: Record<string, string> = {};

/** Each argument of a tool with its schema, nested objects included (`features.tags`). */
function argumentsOf(schema: z.ZodType, prefix = ''): [string, z.ZodType][] {
  const inner = unwrap(schema);
  const def = inner._zod.def as { type: string; shape?: Record<string, z.ZodType>; in?: z.ZodType };
  if (def.type === 'pipe' && def.in && !isTimeField(inner) && !isUserRef(inner))
    return argumentsOf(def.in, prefix);
  if (def.type !== 'object' || !def.shape) return [];
  return Object.entries(def.shape).flatMap(([key, field]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [[path, field] as [string, z.ZodType], ...argumentsOf(field, path)];
  });
}

/** The item schema of an array argument, else the argument itself. */
function itemOf(schema: z.ZodType): z.ZodType {
  const inner = unwrap(schema);
  const def = inner._zod.def as { type: string; element?: z.ZodType };
  return def.type === 'array' && def.element ? unwrap(def.element) : inner;
}

describe('schema rules over the whole catalog', () => {
  let catalog: ToolCatalog;

  beforeAll(async () => {
    const module = await Test.createTestingModule({ imports: [McpToolsModule] }).compile();
    catalog = module.get(ToolCatalog);
  });

  it('describes every parameter, in the zod input and in the listed JSON Schema', () => {
    const missing: string[] = [];
    for (const listed of catalog.select().listing) {
      const props = (listed.inputSchema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
      for (const [name, prop] of Object.entries(props)) {
        if (typeof prop['description'] !== 'string' || prop['description'].trim() === '')
          missing.push(`${listed.name}.${name} (listing)`);
      }
      const tool = catalog.tools.get(listed.name);
      for (const [name, field] of argumentsOf(tool?.input as z.ZodType)) {
        if (name.includes('.')) continue;
        if (!z.globalRegistry.get(field)?.description && !z.globalRegistry.get(unwrap(field))?.description)
          missing.push(`${listed.name}.${name} (zod)`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('takes every time argument through the shared time schema', () => {
    const wrong: string[] = [];
    for (const tool of catalog.tools.values()) {
      for (const [name, field] of argumentsOf(tool.input)) {
        const key = `${tool.name}.${name}`;
        const leaf = name.split('.').pop() as string;
        const time = isTimeField(itemOf(field));
        if (TIME_NAME.test(leaf) && !time && !NOT_A_TIME[key]) wrong.push(key);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('takes every user argument through the shared person schema ("me", ids, emails, names)', () => {
    const wrong: string[] = [];
    for (const tool of catalog.tools.values()) {
      for (const [name, field] of argumentsOf(tool.input)) {
        const key = `${tool.name}.${name}`;
        const leaf = name.split('.').pop() as string;
        const item = itemOf(field);
        if (USER_NAME.test(leaf) && !NOT_A_USER[key]) {
          const accepts = ['me', 'Sarah Chen', 'sarah@example.com', 42].every(
            (v) => item.safeParse(v).success,
          );
          if (!isUserRef(item) || !accepts) wrong.push(key);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lists every time argument as epoch ms or ISO 8601, saying that a time without offset is UTC', () => {
    const wrong: string[] = [];
    for (const listed of catalog.select().listing) {
      const tool = catalog.tools.get(listed.name) as { input: z.ZodObject };
      const props = (listed.inputSchema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
      for (const [name, field] of Object.entries(tool.input.shape)) {
        if (!isTimeField(itemOf(field as z.ZodType))) continue;
        const text = String(props[name]?.['description'] ?? '');
        if (!/epoch ms/i.test(text) || !/ISO 8601/.test(text) || !/UTC/.test(text))
          wrong.push(`${listed.name}.${name}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
