import { Transform } from 'class-transformer';

/** ClickUp ids are strings in JSON, but scripts often send them as numbers; both are accepted. */
export const ClickUpIds = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map(asIdString) : asIdString(value),
  );

const asIdString = (value: unknown) =>
  typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
