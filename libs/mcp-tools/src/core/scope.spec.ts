import { Scope } from './scope';

describe('what a scope knows, as it travels with a queued call', () => {
  it("names the arguments' lists it has found in its workspace, and no other", () => {
    const api = new Scope('9011');
    api.rememberLists(['901', '902']);

    expect(api.knowledgeFor({ list_id: '901', name: 'x' })).toEqual({ workspace_id: '9011', lists: ['901'] });
    expect(api.knowledgeFor({ list_ids: ['902', '999', 7] })).toEqual({
      workspace_id: '9011',
      lists: ['902'],
    });
    expect(api.knowledgeFor({ list_id: '999' })).toBeUndefined();
    expect(api.knowledgeFor({ task_id: '901' })).toBeUndefined();
  });

  it('is taken on by a scope of the same workspace only', () => {
    const api = new Scope('9011');
    api.rememberLists(['901']);
    const knowledge = api.knowledgeFor({ list_id: '901' });

    const worker = new Scope('9011');
    worker.adopt(knowledge);
    expect(worker.knowledgeFor({ list_id: '901' })).toEqual(knowledge);

    const otherWorkspace = new Scope('9022');
    otherWorkspace.adopt(knowledge);
    expect(otherWorkspace.knowledgeFor({ list_id: '901' })).toBeUndefined();
  });

  it('is neither kept nor handed on by a server pinned to spaces, which checks every list every time', () => {
    const pinned = new Scope('9011', ['90111']);
    pinned.rememberLists(['901']);
    pinned.adopt({ workspace_id: '9011', lists: ['902'] });

    expect(pinned.knowledgeFor({ list_ids: ['901', '902'] })).toBeUndefined();
  });
});
