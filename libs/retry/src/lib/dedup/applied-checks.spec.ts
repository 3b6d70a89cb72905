import {
  DEFAULT_SPACE_FEATURES,
  requestBuilders,
  requestUrlPath,
  type ClickUpRequest,
} from '@gw/clickup-client';
import { findApplied, type AppliedCheckContext } from './applied-checks';

const USER = 7;
const SINCE = 1_800_000_000_000;

/** ClickUp's side of the checks: canned answers by request path, and the reads that were made. */
function upstream(answers: Record<string, unknown>): AppliedCheckContext & { reads: string[] } {
  const reads: string[] = [];
  return {
    userId: USER,
    reads,
    read: async (request: ClickUpRequest) => {
      reads.push(requestUrlPath(request));
      const body = answers[request.path];
      if (body === undefined) throw new Error(`unexpected read ${request.path}`);
      return { status: 200, body, rateLimit: null };
    },
  };
}

describe('findApplied', () => {
  it('finds a time entry by start, duration, description and task, asking for that user and time only', async () => {
    const entry = {
      id: 'e1',
      start: String(SINCE - 7200_000),
      duration: '1800000',
      description: 'Review',
      task: { id: 't1' },
    };
    const other = { ...entry, id: 'e2', description: 'Other' };
    const context = upstream({ '/team/9/time_entries': { data: [other, entry] } });
    const request = requestBuilders.timeEntries.create('9', {
      start: SINCE - 7200_000,
      duration: 1800_000,
      description: 'Review',
      tid: 't1',
    });
    expect(await findApplied(request, SINCE, context)).toEqual({ status: 200, body: { data: entry } });
    expect(context.reads[0]).toContain(`assignee=${USER}`);
    const missing = requestBuilders.timeEntries.create('9', {
      start: SINCE - 7200_000,
      duration: 60_000,
      tid: 't1',
    });
    expect(await findApplied(missing, SINCE, context)).toBeNull();
  });

  it('finds a timer started since the first send for the same task', async () => {
    const running = {
      id: 'e3',
      start: String(SINCE + 100),
      duration: String(-(SINCE + 100)),
      task: { id: 't1' },
    };
    const context = upstream({ '/team/9/time_entries/current': { data: running } });
    expect(await findApplied(requestBuilders.timeEntries.start('9', { tid: 't1' }), SINCE, context)).toEqual({
      status: 200,
      body: { data: running },
    });
    expect(
      await findApplied(requestBuilders.timeEntries.start('9', { tid: 't2' }), SINCE, context),
    ).toBeNull();
  });

  it('finds a goal only when its creator and creation time fit', async () => {
    const goal = { id: 'g1', name: 'Grow', creator: USER, date_created: String(SINCE + 10) };
    const context = upstream({
      '/team/9/goal': { goals: [{ ...goal, id: 'g0', creator: 8 }, goal] },
      '/goal/g1': { goal },
    });
    const request = requestBuilders.goals.create('9', {
      name: 'Grow',
      due_date: SINCE + 86_400_000,
      description: '',
      multiple_owners: false,
      owners: [],
      color: '#000',
    });
    expect(await findApplied(request, SINCE, context)).toEqual({ status: 200, body: { goal } });
    expect(
      await findApplied(request, SINCE + 60_000, upstream({ '/team/9/goal': { goals: [goal] } })),
    ).toBeNull();
  });

  it('finds a space, folder or list by its name under the same parent', async () => {
    const context = upstream({
      '/team/9/space': { spaces: [{ id: 's1', name: 'Ops' }] },
      '/space/s1/folder': { folders: [{ id: 'f1', name: 'Runbooks' }] },
      '/folder/f1/list': { lists: [] },
    });
    expect(
      await findApplied(
        requestBuilders.spaces.create('9', {
          name: 'Ops',
          multiple_assignees: true,
          features: DEFAULT_SPACE_FEATURES,
        }),
        SINCE,
        context,
      ),
    ).toEqual({
      status: 200,
      body: { id: 's1', name: 'Ops' },
    });
    expect(
      (await findApplied(requestBuilders.folders.create('s1', { name: 'Runbooks' }), SINCE, context))?.body,
    ).toMatchObject({ id: 'f1' });
    expect(
      await findApplied(requestBuilders.lists.createInFolder('f1', { name: 'Q3' }), SINCE, context),
    ).toBeNull();
  });

  it('finds a doc page among nested pages by name and parent', async () => {
    const page = { id: 'p2', name: 'Steps', parent_page_id: 'p1', creator_id: USER, date_created: SINCE + 5 };
    const context = upstream({
      '/workspaces/9/docs/d1/pages': [{ id: 'p1', name: 'Intro', pages: [page] }],
    });
    const request = requestBuilders.docs.createPage('9', 'd1', { name: 'Steps', parent_page_id: 'p1' });
    expect(await findApplied(request, SINCE, context)).toEqual({ status: 200, body: page });
  });

  it('says when a create cannot be checked at all', async () => {
    const request = requestBuilders.checklists.createItem('c1', { name: 'Step' });
    expect(await findApplied(request, SINCE, upstream({}))).toBeUndefined();
  });
});
