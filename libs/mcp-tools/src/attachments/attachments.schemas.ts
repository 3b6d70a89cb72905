import { z } from 'zod';
import { idField, nameField, rule } from '../core/input-fields';

/**
 * The largest file attachment_upload sends, in decoded bytes. The MCP endpoint reads at most 4 MiB per message, and a
 * file travels in it as base64 (4 bytes for every 3): 3,000,000 bytes are 4,000,000 characters of base64, which
 * leaves room for the rest of the call. ClickUp itself takes far larger files; an agent's context rarely holds more.
 */
export const MAX_UPLOAD_BYTES = 3_000_000;

const taskId = idField('From task_search or task_get');

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The decoded size of base64 text (whitespace ignored), or null when it is not base64. */
export function base64Bytes(text: string): number | null {
  const clean = text.replace(/\s+/g, '');
  if (!BASE64.test(clean) || clean.length % 4 === 1) return null;
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - (clean.length % 4 === 0 ? padding : 0);
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

export const attachmentListInput = z.object({
  task_id: taskId,
  cursor: z.string().optional().describe('next_cursor'),
});

export const attachmentUploadInput = z
  .object({
    task_id: taskId,
    file_name: nameField(255).describe('e.g. notes.md'),
    content_base64: z.string().optional().describe('The file, base64'),
    content: z.string().optional().describe('Or text'),
    mime_type: z
      .string()
      .refine((v) => /^[\w.+-]+\/[\w.+-]+$/.test(v), 'a MIME type such as text/markdown')
      .optional()
      .describe('Default: by extension'),
  })
  .refine(
    (a) => (a.content_base64 === undefined) !== (a.content === undefined),
    rule('Give the file as content_base64 or as text content, one of the two.', 'content_base64'),
  )
  .superRefine((a, ctx) => {
    let bytes: number | null;
    let field: 'content' | 'content_base64';
    if (a.content_base64 !== undefined) {
      field = 'content_base64';
      bytes = base64Bytes(a.content_base64);
      if (bytes === null) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message:
            'content_base64: not base64 (A-Z, a-z, 0-9, + and /, = padding); send text as content instead',
          params: { argument_rule: true },
        });
        return;
      }
    } else {
      field = 'content';
      bytes = Buffer.byteLength(a.content ?? '', 'utf8');
    }
    if (bytes === 0) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `${field}: the file is empty`,
        params: { argument_rule: true },
      });
    } else if (bytes > MAX_UPLOAD_BYTES) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message:
          `${field}: the file is ${megabytes(bytes)} (${bytes} bytes); attachment_upload takes files up to ` +
          `${megabytes(MAX_UPLOAD_BYTES)} (${MAX_UPLOAD_BYTES} bytes)`,
        params: { argument_rule: true },
      });
    }
  });

const attachment = z.object({
  id: z.string(),
  title: z.string().nullable(),
  url: z.string(),
  size: z.number().nullable(),
  mime_type: z.string().nullable(),
  created_ms: z.number().nullable(),
  created_iso: z.string().nullable(),
});

export const attachmentListOutput = z.object({
  items: z.array(attachment),
  next_cursor: z.string().nullable(),
  truncated: z.boolean(),
});

export const attachmentUploadOutput = z.object({ id: z.string(), url: z.string(), size: z.number() });
