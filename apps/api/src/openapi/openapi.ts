import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getAbsoluteFSPath } from 'swagger-ui-dist';

const UI_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ClickUp MCP Gateway API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/swagger-ui-standalone-preset.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/docs-json', dom_id: '#swagger-ui', deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });`;

/**
 * OpenAPI document at /api/docs-json and the Swagger UI at /api/docs. The UI files are served from memory here
 * because Nest's built-in static serving on Fastify needs @fastify/static, whose versions conflict between
 * @nestjs/swagger and @nestjs/platform-fastify.
 */
export function setupOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('ClickUp MCP Gateway')
    .setDescription(
      'Provisioning REST API: connections, MCP servers, audit events, retry jobs, users, teams, API tokens.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API token' })
    .addCookieAuth('gw_session')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, config), {
    ui: false,
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
  });

  const root = getAbsoluteFSPath();
  const assets = new Map(
    Object.entries(UI_FILES).map(([file, type]) => [file, { type, body: readFileSync(join(root, file)) }]),
  );
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/api/docs', (_req, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
  fastify.get('/api/docs/init.js', (_req, reply) =>
    reply.type('application/javascript; charset=utf-8').send(INIT),
  );
  fastify.get<{ Params: { file: string } }>('/api/docs/:file', (req, reply) => {
    const asset = assets.get(req.params.file);
    if (!asset) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'No such file' });
    return reply.type(asset.type).header('cache-control', 'public, max-age=86400').send(asset.body);
  });
}
