import { compact, path, query, type ClickUpRequest } from '../request';
import type { Space } from '../schemas/spaces.schemas';

export type SpaceFeatureName =
  | 'due_dates'
  | 'time_tracking'
  | 'tags'
  | 'time_estimates'
  | 'checklists'
  | 'custom_fields'
  | 'remap_dependencies'
  | 'dependency_warning'
  | 'portfolios';

export type SpaceFeatures = {
  due_dates: {
    enabled: boolean;
    start_date: boolean;
    remap_due_dates: boolean;
    remap_closed_due_date: boolean;
  };
} & { [K in Exclude<SpaceFeatureName, 'due_dates'>]: { enabled: boolean } };

/** ClickUp's defaults for a new Space; the spec requires every feature flag on create and update. */
export const DEFAULT_SPACE_FEATURES: SpaceFeatures = {
  due_dates: { enabled: true, start_date: false, remap_due_dates: true, remap_closed_due_date: false },
  time_tracking: { enabled: true },
  tags: { enabled: true },
  time_estimates: { enabled: true },
  checklists: { enabled: true },
  custom_fields: { enabled: true },
  remap_dependencies: { enabled: true },
  dependency_warning: { enabled: true },
  portfolios: { enabled: true },
};

export type CreateSpaceBody = { name: string; multiple_assignees: boolean; features: SpaceFeatures };

/** Update Space replaces the whole Space: every field is required (see `spaceUpdateBody`). */
export type UpdateSpaceBody = {
  name: string;
  color: string;
  private: boolean;
  admin_can_manage: boolean;
  multiple_assignees: boolean;
  features: SpaceFeatures;
};

export const spaceRequests = {
  list: (teamId: string | number, options: { archived?: boolean } = {}): ClickUpRequest<'getSpaces'> => ({
    operation: 'getSpaces',
    method: 'GET',
    version: 'v2',
    path: path`/team/${teamId}/space`,
    query: query({ archived: options.archived }),
  }),
  get: (spaceId: string | number): ClickUpRequest<'getSpace'> => ({
    operation: 'getSpace',
    method: 'GET',
    version: 'v2',
    path: path`/space/${spaceId}`,
    query: {},
  }),
  create: (teamId: string | number, body: CreateSpaceBody): ClickUpRequest<'createSpace'> => ({
    operation: 'createSpace',
    method: 'POST',
    version: 'v2',
    path: path`/team/${teamId}/space`,
    query: {},
    body: compact(body),
  }),
  update: (spaceId: string | number, body: UpdateSpaceBody): ClickUpRequest<'updateSpace'> => ({
    operation: 'updateSpace',
    method: 'PUT',
    version: 'v2',
    path: path`/space/${spaceId}`,
    query: {},
    body: compact(body),
  }),
  delete: (spaceId: string | number): ClickUpRequest<'deleteSpace'> => ({
    operation: 'deleteSpace',
    method: 'DELETE',
    version: 'v2',
    path: path`/space/${spaceId}`,
    query: {},
  }),
};

const FEATURE_NAMES: Array<Exclude<SpaceFeatureName, 'due_dates'>> = [
  'time_tracking',
  'tags',
  'time_estimates',
  'checklists',
  'custom_fields',
  'remap_dependencies',
  'dependency_warning',
  'portfolios',
];

// A colourless Space has to be sent some colour, since the spec requires one; this is ClickUp's default.
const DEFAULT_SPACE_COLOR = '#7B68EE';

export type SpacePatch = Partial<Omit<UpdateSpaceBody, 'features'>> & { features?: Partial<SpaceFeatures> };

/**
 * The full Update Space body from the Space as read and the fields to change, so a partial edit keeps
 * every other setting as it was.
 */
export function spaceUpdateBody(current: Space, patch: SpacePatch): UpdateSpaceBody {
  const read = current.features;
  const dueDates = read['due_dates'];
  const features: SpaceFeatures = {
    due_dates: {
      enabled: dueDates?.enabled ?? false,
      start_date: dueDates?.start_date ?? false,
      remap_due_dates: dueDates?.remap_due_dates ?? false,
      remap_closed_due_date: dueDates?.remap_closed_due_date ?? false,
    },
    ...(Object.fromEntries(
      FEATURE_NAMES.map((name) => [name, { enabled: read[name]?.enabled ?? false }]),
    ) as Omit<SpaceFeatures, 'due_dates'>),
    ...patch.features,
  };
  return {
    name: patch.name ?? current.name,
    color: patch.color ?? current.color ?? DEFAULT_SPACE_COLOR,
    private: patch.private ?? current.private ?? false,
    admin_can_manage: patch.admin_can_manage ?? current.admin_can_manage ?? false,
    multiple_assignees: patch.multiple_assignees ?? current.multiple_assignees ?? false,
    features,
  };
}
