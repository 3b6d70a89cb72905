// The package exports this subpath, but TypeScript's classic `node` resolution (used across this repo for its
// CommonJS output) does not read `exports`; this declares what the subpath provides.
declare module '@electric-sql/pglite/contrib/pg_trgm' {
  import type { Extension } from '@electric-sql/pglite';
  export const pg_trgm: Extension;
}
