import { must } from './util/must';
import type { Store } from './store/store';
import type { ViewRec } from './store/types';

/**
 * Views and templates of the seed, hung on the hierarchy by name: views on Incoming Bugs, Engineering and the
 * Acme workspace (with a chat view on Engineering for comments on views), a "Bug report" task template and a
 * "Sprint" list template.
 */
export function seedViewsAndTemplates(store: Store, now: number, creatorId: number): void {
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

  store.taskTemplates.set('t-15363301', {
    id: 't-15363301',
    workspaceId: acme,
    name: 'Bug report',
    markdown:
      '## Steps to reproduce\n1. \n\n## Expected\n\n## Actual\n\n## Environment\nBrowser, OS, app version.',
    tagNames: ['bug'],
    priority: 3,
    checklists: [{ name: 'Triage', items: ['Reproduced', 'Severity set', 'Owner assigned'] }],
  });
  store.listTemplates.set('t-15363293', {
    id: 't-15363293',
    workspaceId: acme,
    name: 'Sprint',
    content: 'Two-week sprint.',
    tasks: [
      { name: 'Sprint planning', markdown: 'Pick the sprint goal and the stories.' },
      { name: 'Sprint review', markdown: 'Demo what shipped.' },
      { name: 'Retrospective', markdown: 'What to keep, what to change.' },
    ],
  });
}
