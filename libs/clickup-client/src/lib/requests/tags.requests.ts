import { path, pathText, type ClickUpRequest } from '../request';

/** A space tag as ClickUp's create and delete bodies take it (colours as hex, e.g. `#ffffff`). */
export type SpaceTagBody = { name: string; tag_fg: string; tag_bg: string };

export const tagRequests = {
  listForSpace: (spaceId: string | number): ClickUpRequest<'getSpaceTags'> => ({
    operation: 'getSpaceTags',
    method: 'GET',
    version: 'v2',
    path: path`/space/${spaceId}/tag`,
    query: {},
  }),
  /** Answers `{}`; the body wraps the tag in `tag` (API-NOTES §10). */
  create: (spaceId: string | number, tag: SpaceTagBody): ClickUpRequest<'createSpaceTag'> => ({
    operation: 'createSpaceTag',
    method: 'POST',
    version: 'v2',
    path: path`/space/${spaceId}/tag`,
    query: {},
    body: { tag },
  }),
  /**
   * Renames or recolours a tag. The spec requires `name`, `fg_color` and `bg_color` (not `tag_fg`/`tag_bg` as in
   * create), so the unchanged values are sent back; the tag's current name goes in the path, URL-encoded.
   */
  update: (
    spaceId: string | number,
    tagName: string,
    tag: { name: string; fg_color: string; bg_color: string },
  ): ClickUpRequest<'editSpaceTag'> => ({
    operation: 'editSpaceTag',
    method: 'PUT',
    version: 'v2',
    path: path`/space/${spaceId}/tag/${pathText(tagName)}`,
    query: {},
    body: { tag },
  }),
  /** The spec requires the tag again in a body, even on DELETE. */
  delete: (spaceId: string | number, tag: SpaceTagBody): ClickUpRequest<'deleteSpaceTag'> => ({
    operation: 'deleteSpaceTag',
    method: 'DELETE',
    version: 'v2',
    path: path`/space/${spaceId}/tag/${pathText(tag.name)}`,
    query: {},
    body: { tag },
  }),
};
