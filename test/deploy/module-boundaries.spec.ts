import { ESLint } from 'eslint';
import { join } from 'node:path';
import { REPO_ROOT } from '@gw/testing';

/** The layout is enforced, not just documented: a wrong import fails the lint. */
describe('module boundaries', () => {
  const eslint = new ESLint({ cwd: REPO_ROOT });
  const lint = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) });
    return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
  };

  it('stops the dashboard from importing server code', async () => {
    const messages = await lint(
      'apps/dashboard/src/lib/wrong.ts',
      "import { ENTITIES } from '@gw/db';\nexport const x = ENTITIES;\n",
    );
    expect(messages.join('\n')).toMatch(/scope:dashboard/);
  });

  it('stops a shared library from importing an api-only one', async () => {
    const messages = await lint(
      'libs/clickup-client/src/lib/wrong.ts',
      "import { ENTITIES } from '@gw/db';\nexport const x = ENTITIES;\n",
    );
    expect(messages.length).toBeGreaterThan(0);
  });

  it('keeps the OpenTelemetry SDK inside libs/tracing, so it never loads with tracing off', async () => {
    const rule = async (file: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) });
      return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
    };
    const sdk =
      "import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';\nexport const x = NodeTracerProvider;\n";
    expect((await rule('apps/api/src/wrong.ts', sdk)).join('\n')).toMatch(/Only @opentelemetry\/api/);
    expect(await rule('libs/tracing/src/lib/wrong.ts', sdk)).toEqual([]);
    const api = "import { trace } from '@opentelemetry/api';\nexport const x = trace;\n";
    expect(await rule('libs/clickup-client/src/lib/wrong.ts', api)).toEqual([]);
  });

  it('lets the api use its libraries', async () => {
    const messages = await lint(
      'apps/api/src/wrong.ts',
      "import { ENTITIES } from '@gw/db';\nexport const x = ENTITIES;\n",
    );
    expect(messages).toEqual([]);
  });
});
