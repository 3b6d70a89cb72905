import { must } from './util/must';
import type { Store } from './store/store';
import type { ViewRec } from './store/types';

/**
 * The seed's views, with the ids and order the views group seeds them in (its seed replaces this one when both are
 * merged): views on Incoming Bugs, Engineering and the Acme workspace, among them the "Engineering chat" view whose
 * comments are a chat (v2 Chat View Comments).
 */
export function seedViews(store: Store, now: number, creatorId: number): void {
  const acme = store.defaultWorkspaceId;
  const eng = must(
    [...store.spaces.values()].find((s) => s.workspaceId === acme && s.name === 'Engineering'),
  );
  const incoming = must(
    [...store.lists.values()].find((l) => l.spaceId === eng.id && l.name === 'Incoming Bugs'),
  );
  const filters = (f: Partial<ViewRec['filters']> = {}): ViewRec['filters'] => ({
    statuses: [],
    tags: [],
    assigneeIds: [],
    showClosed: false,
    search: '',
    ...f,
  });
  let order = 0;
  let n = 100;
  const add = (name: string, type: string, parent: ViewRec['parent'], f = filters()) => {
    const id = `3c-${++n}`;
    store.views.set(id, {
      id,
      name,
      type,
      parent,
      filters: f,
      creatorId,
      dateCreated: now,
      orderindex: order++,
    });
  };
  add('List', 'list', { id: incoming.id, type: 6 });
  add('Board', 'board', { id: incoming.id, type: 6 });
  add('Open bugs', 'list', { id: incoming.id, type: 6 }, filters({ statuses: ['to do', 'in progress'] }));
  add('Engineering board', 'board', { id: eng.id, type: 4 });
  add('Engineering chat', 'conversation', { id: eng.id, type: 4 });
  add('Everything', 'list', { id: acme, type: 7 });
}
