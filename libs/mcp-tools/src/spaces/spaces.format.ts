import type { Space } from '@gw/clickup-client';
import type { z } from 'zod';
import type { spaceDetailSchema, spaceSummarySchema } from './spaces.schemas';

export function toSpaceSummary(space: Space): z.input<typeof spaceSummarySchema> {
  return {
    id: space.id,
    name: space.name,
    color: space.color,
    private: space.private ?? false,
    archived: space.archived ?? false,
  };
}

export function toSpaceDetail(space: Space): z.input<typeof spaceDetailSchema> {
  return {
    ...toSpaceSummary(space),
    multiple_assignees: space.multiple_assignees ?? false,
    statuses: space.statuses.map((s) => ({ status: s.status, type: s.type ?? null })),
    features: Object.fromEntries(Object.entries(space.features).map(([name, f]) => [name, f.enabled])),
  };
}
