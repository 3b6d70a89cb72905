/** MIME types by file extension, for uploads that name none; anything else goes as application/octet-stream. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  htm: 'text/html',
  json: 'application/json',
  xml: 'application/xml',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  pdf: 'application/pdf',
  zip: 'application/zip',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
};

export function mimeTypeOf(fileName: string, given?: string): string {
  if (given) return given;
  const dot = fileName.lastIndexOf('.');
  return (dot > 0 && MIME_TYPES[fileName.slice(dot + 1).toLowerCase()]) || 'application/octet-stream';
}

/** The file's bytes as base64, whichever way the agent gave them; the schema has checked both. */
export function fileAsBase64(args: { content_base64?: string; content?: string }): {
  base64: string;
  size: number;
} {
  const bytes =
    args.content_base64 !== undefined
      ? Buffer.from(args.content_base64.replace(/\s+/g, ''), 'base64')
      : Buffer.from(args.content ?? '', 'utf8');
  return { base64: bytes.toString('base64'), size: bytes.length };
}

/** `1.2 KB`, `3.0 MB`: a size as a person reads it. */
export function sizeLabel(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
