import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * An https server on 127.0.0.1 with a self-signed certificate, serving client metadata documents at the paths
 * given: what an MCP client publishes at its client_id URL.
 */
export class MetadataHost {
  private constructor(
    private readonly server: Server,
    private readonly dir: string,
    readonly origin: string,
    readonly caFile: string,
    private readonly documents: Map<string, string>,
  ) {}

  static async start(): Promise<MetadataHost> {
    const dir = mkdtempSync(join(tmpdir(), 'gw-cimd-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
    const documents = new Map<string, string>();
    const server = createServer(
      { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      (req, res) => {
        const body = documents.get(req.url ?? '');
        if (body === undefined) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    return new MetadataHost(server, dir, `https://127.0.0.1:${port}`, join(dir, 'cert.pem'), documents);
  }

  /** Publishes a document at `path`; `body` may be anything (a wrong document, bytes that are not JSON). */
  publish(path: string, body: string | Record<string, unknown>): string {
    this.documents.set(path, typeof body === 'string' ? body : JSON.stringify(body));
    return `${this.origin}${path}`;
  }

  /** A client metadata document whose client_id is its own URL. */
  client(path: string, metadata: Record<string, unknown>): string {
    const url = `${this.origin}${path}`;
    return this.publish(path, { client_id: url, token_endpoint_auth_method: 'none', ...metadata });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
