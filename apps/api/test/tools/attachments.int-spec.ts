import { redactArguments, MAX_ARGUMENTS_BYTES } from '@gw/audit-recorder';
import { AttachmentsTools, MAX_UPLOAD_BYTES } from '@gw/mcp-tools';
import { MCP_BODY_LIMIT_BYTES } from '../../src/mcp/transport/mcp-routes';
import { type AcmeWorld } from './support/acme-world';
import { type SandboxHandle, type ToolHost } from './support/tool-host';
import { useToolWorld } from './support/tool-world';

interface Uploaded {
  id: string;
  url: string;
  size: number;
}
interface AttachmentPage {
  items: { id: string; title: string | null; url: string; size: number | null; mime_type: string | null }[];
  next_cursor: string | null;
  truncated: boolean;
}

/** A task's attachments as the sandbox's v3 API lists them, past the tool. */
async function listed(sandboxUrl: string, workspaceId: string, taskId: string) {
  const res = await fetch(
    `${sandboxUrl}/api/v3/workspaces/${workspaceId}/attachments/${taskId}/attachments`,
    {
      headers: { authorization: 'pk_sandbox_owner' },
    },
  );
  return ((await res.json()) as { data: { title: string; size: number; mime_type: string }[] }).data;
}

describe('attachment tools against the sandbox', () => {
  let sandbox: SandboxHandle;
  let host: ToolHost;
  let engHost: ToolHost;
  let w: AcmeWorld;
  let login: string;

  useToolWorld(
    () => [new AttachmentsTools()],
    (world) => ({ sandbox, w, host, engHost } = world),
  );
  beforeAll(async () => {
    login = w.tasks['Refactor Login Component'];
  }, 60_000);

  it('uploads text content with a file name, and lists it with its size and type', async () => {
    const up = await host.call<Uploaded>('attachment_upload', {
      task_id: login,
      file_name: 'release-notes.md',
      content: '# 4.2\n\n- Faster login ✓\n',
    });
    expect(up).toMatchObject({ ok: true, issues: [], result: { size: 26 } });
    expect(up.result?.url).toMatch(/release-notes\.md$/);
    const page = await host.call<AttachmentPage>('attachment_list', { task_id: login });
    expect(page).toMatchObject({ ok: true, result: { next_cursor: null, truncated: false } });
    expect(page.result?.items).toEqual([
      expect.objectContaining({
        id: up.result?.id,
        title: 'release-notes.md',
        size: 26,
        mime_type: 'text/markdown',
      }),
    ]);
  });

  it('uploads base64 bytes with their MIME type, byte for byte', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255]);
    const up = await engHost.call<Uploaded>('attachment_upload', {
      task_id: login,
      file_name: 'pixel.png',
      content_base64: png.toString('base64'),
    });
    expect(up).toMatchObject({ ok: true, result: { size: 12 } });
    expect(await listed(sandbox.url, w.acmeId, login)).toEqual([
      expect.objectContaining({ title: 'pixel.png', size: 12, mime_type: 'image/png' }),
    ]);
  });

  it('uploads about 1 MB through the tool host, and its audit arguments stay within the 16 KB cap', async () => {
    const bytes = Buffer.alloc(1_000_000, 7);
    const args = { task_id: login, file_name: 'dump.bin', content_base64: bytes.toString('base64') };
    const up = await host.call<Uploaded>('attachment_upload', args);
    expect(up).toMatchObject({ ok: true, result: { size: 1_000_000 } });
    expect(await listed(sandbox.url, w.acmeId, login)).toEqual([
      expect.objectContaining({ title: 'dump.bin', size: 1_000_000, mime_type: 'application/octet-stream' }),
    ]);
    const stored = redactArguments(args);
    expect(Buffer.byteLength(JSON.stringify(stored))).toBeLessThanOrEqual(MAX_ARGUMENTS_BYTES);
    expect(stored).toMatchObject({ _truncated: true });
  });

  it('refuses a file over the cap before any request, naming its size and the cap', async () => {
    const big = Buffer.alloc(3_000_001, 1).toString('base64');
    const up = await host.call('attachment_upload', {
      task_id: 'no-such-task',
      file_name: 'big.bin',
      content_base64: big,
    });
    expect(up).toMatchObject({ ok: false, issues: [{ code: 'VALIDATION_ERROR', path: 'content_base64' }] });
    expect(up.issues[0].message).toContain('3000001 bytes');
    expect(up.issues[0].message).toContain('up to 3.0 MB (3000000 bytes)');
    expect(await listed(sandbox.url, w.acmeId, login)).toEqual([]);
  });

  it('takes the largest file the MCP endpoint can carry: a call with it as base64 fits in one message', () => {
    const call = {
      jsonrpc: '2.0',
      id: 2_147_483_647,
      method: 'tools/call',
      params: {
        name: 'attachment_upload',
        arguments: {
          task_id: 'x'.repeat(64),
          file_name: `${'n'.repeat(251)}.bin`,
          mime_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          content_base64: Buffer.alloc(MAX_UPLOAD_BYTES).toString('base64'),
        },
        _meta: { progressToken: 'p'.repeat(64) },
      },
    };
    expect(Buffer.byteLength(JSON.stringify(call))).toBeLessThan(MCP_BODY_LIMIT_BYTES);
  });

  it('refuses invalid base64, both forms or neither, an empty file and a bad MIME type', async () => {
    const call = (args: Record<string, unknown>) =>
      host.call('attachment_upload', { task_id: login, file_name: 'a.txt', ...args });
    const notBase64 = await call({ content_base64: 'not base64!' });
    expect(notBase64.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'content_base64' });
    expect(notBase64.issues[0].message).toContain('not base64');
    expect((await call({ content: 'x', content_base64: 'eA==' })).issues[0].message).toContain(
      'one of the two',
    );
    expect((await call({})).issues[0].message).toContain('one of the two');
    expect((await call({ content: '' })).issues[0].message).toContain('empty');
    expect((await call({ content: 'x', mime_type: 'text' })).issues[0]).toMatchObject({ path: 'mime_type' });
    expect((await host.call('attachment_upload', { task_id: login, content: 'x' })).issues[0]).toMatchObject({
      path: 'file_name',
    });
    expect(await listed(sandbox.url, w.acmeId, login)).toEqual([]);
  });

  it('refuses tasks outside the pinned spaces, in Globex, or unknown', async () => {
    const marketing = w.tasks['Draft launch blog post'];
    const out = await engHost.call('attachment_upload', {
      task_id: marketing,
      file_name: 'a.txt',
      content: 'x',
    });
    expect(out).toMatchObject({ ok: false, issues: [{ code: 'FORBIDDEN' }] });
    expect((await engHost.call('attachment_list', { task_id: marketing })).issues[0].code).toBe('FORBIDDEN');
    const globex = await host.call('attachment_list', { task_id: w.tasks['Plan Q4 capacity'] });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(globex.issues[0]?.code);
    const unknown = await host.call('attachment_upload', {
      task_id: 'nope',
      file_name: 'a.txt',
      content: 'x',
    });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(unknown.issues[0]?.code);
    expect(await listed(sandbox.url, w.acmeId, marketing)).toEqual([]);
  });

  it('pages a long list of attachments with an opaque cursor', async () => {
    for (let i = 0; i < 3; i++) {
      const up = await host.call('attachment_upload', {
        task_id: login,
        file_name: `f${i}.txt`,
        content: `${i}`,
      });
      expect(up.ok).toBe(true);
    }
    const page = await host.call<AttachmentPage>('attachment_list', { task_id: login });
    expect(page.result?.items.map((a) => a.title)).toEqual(['f0.txt', 'f1.txt', 'f2.txt']);
    const bad = await host.call('attachment_list', { task_id: login, cursor: 'garbage' });
    expect(bad.issues[0]).toMatchObject({ code: 'VALIDATION_ERROR', path: 'cursor' });
  });
});
