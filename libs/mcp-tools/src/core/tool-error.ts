import type { IssueCode } from './envelope';

/** A failure the tool itself decides (bad combination of arguments, out of scope, not found after a check). */
export class ToolError extends Error {
  constructor(
    readonly code: IssueCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

export const forbidden = (message: string) => new ToolError('FORBIDDEN', message);
export const notFound = (message: string) => new ToolError('NOT_FOUND', message);
export const invalid = (message: string, path?: string) => new ToolError('VALIDATION_ERROR', message, path);
