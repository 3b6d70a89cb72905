import { QueryFailedError } from 'typeorm';

/** PostgreSQL's unique_violation: a second row for a key that must be unique (an email, a team name). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string })?.code === '23505';
}
