import { getMetadataArgsStorage } from 'typeorm';
import { ENTITIES } from '../entities';
import { keyCountsQuery, SEALED_COLUMNS, sealedValuesQuery } from './sealed-columns';

/** `table.column` of every column an entity declares. */
function declaredColumns(): string[] {
  const storage = getMetadataArgsStorage();
  return ENTITIES.flatMap((entity) => {
    const table = storage.tables.find((t) => t.target === entity)?.name;
    return storage.columns
      .filter((c) => c.target === entity)
      .map((c) => `${table}.${c.options.name ?? c.propertyName}`);
  });
}

/** Named like a sealed value's column, but not one: a checkpoint's key id names the public key that signed it. */
const NOT_SEALED = new Set(['audit_checkpoints.key_id']);

describe('sealed columns', () => {
  it('walks every column an entity stores a sealed value or its key id in, so a rotation leaves none behind', () => {
    const sealedLooking = declaredColumns().filter(
      (c) => /(ciphertext|key_id)$/.test(c) && !NOT_SEALED.has(c),
    );
    const walked = SEALED_COLUMNS.flatMap((c) => [`${c.table}.${c.ciphertext}`, `${c.table}.${c.keyId}`]);
    expect([...sealedLooking].sort()).toEqual([...new Set(walked)].sort());
  });

  it('names each kind once, with the columns its binding reads', () => {
    const declared = new Set(declaredColumns());
    expect(new Set(SEALED_COLUMNS.map((c) => c.kind)).size).toBe(SEALED_COLUMNS.length);
    for (const column of SEALED_COLUMNS) {
      for (const name of [column.id, ...column.bindingColumns]) {
        expect(declared).toContain(`${column.table}.${name}`);
      }
    }
  });

  it('skips rows whose value was wiped and, for a run, the ones already under the current key', () => {
    const [connections] = SEALED_COLUMNS;
    expect(keyCountsQuery(connections)).toContain(`credential_ciphertext <> ''`);
    const page = sealedValuesQuery(connections, { notUnderKey: true, lock: true });
    expect(page).toContain('credential_key_id IS DISTINCT FROM $3');
    expect(page).toMatch(/ORDER BY id::text LIMIT \$2 FOR UPDATE$/);
  });
});
