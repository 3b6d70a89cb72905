import { candidatesFromTree, memberCandidate, rankMatches, type Candidate } from './workspace-find';
import type { TreeSpace } from './workspace-loader';

const list = (id: string, name: string) => ({ id, name, task_count: 0 });
const TREE: TreeSpace[] = [
  {
    id: 's1',
    name: 'Engineering',
    statuses: [],
    folders: [
      {
        id: 'f1',
        name: 'Product Engineering',
        lists: [list('l1', 'Sprint 42'), list('l2', 'Incoming Bugs'), list('l3', 'Bug Backlog')],
      },
    ],
    lists: [list('l4', 'Database Migrations')],
  },
  {
    id: 's2',
    name: 'Marketing',
    statuses: [],
    folders: [{ id: 'f2', name: 'Campaigns', lists: [list('l5', 'Q3 Marketing Launch')] }],
    lists: [],
  },
  {
    id: 's3',
    name: 'Customer Success',
    statuses: [],
    folders: [],
    lists: [list('l6', 'Customer Success Q3')],
  },
];
const CANDIDATES: Candidate[] = [
  ...candidatesFromTree(TREE),
  memberCandidate({ id: 1, username: 'Alex Rivera', email: 'alex@acme.example' }),
  memberCandidate({ id: 2, username: 'Sarah Chen', email: 'sarah@acme.example' }),
  memberCandidate({ id: 3, username: 'David Okafor', email: 'david@acme.example' }),
];
const names = (query: string) => rankMatches(query, CANDIDATES).map((m) => m.name);

describe('workspace_find ranking', () => {
  it('gives each item its path from the space down', () => {
    const sprint = rankMatches('sprint', CANDIDATES)[0];
    expect(sprint).toMatchObject({
      kind: 'list',
      id: 'l1',
      path: 'Engineering / Product Engineering / Sprint 42',
      space_id: 's1',
      score: 0.9,
    });
  });

  it('ranks exact over prefix over word prefix over substring', () => {
    expect(rankMatches('engineering', CANDIDATES).map((m) => [m.name, m.score])).toEqual([
      ['Engineering', 1],
      ['Product Engineering', 0.8],
      // Lists under the folder still match through their path, below every name match.
      ...['Sprint 42', 'Bug Backlog', 'Incoming Bugs', 'Database Migrations'].map((n) => [n, 0.48]),
    ]);
    // The Campaigns folder lives in Marketing, so its path matches too, after every name match.
    expect(names('market')).toEqual(['Marketing', 'Q3 Marketing Launch', 'Campaigns']);
    expect(rankMatches('arketin', CANDIDATES)[0]).toMatchObject({ name: 'Marketing', score: 0.7 });
  });

  it('ignores case and accents', () => {
    expect(rankMatches('Marketíng', CANDIDATES)[0]).toMatchObject({
      kind: 'space',
      name: 'Marketing',
      score: 1,
    });
    expect(names('SPRINT 42')[0]).toBe('Sprint 42');
  });

  it('finds members by name or email', () => {
    expect(rankMatches('sarah', CANDIDATES)[0]).toMatchObject({ kind: 'member', id: 2, name: 'Sarah Chen' });
    expect(rankMatches('david@acme', CANDIDATES)[0]).toMatchObject({ kind: 'member', id: 3 });
  });

  it('tolerates a typo and words in another order', () => {
    expect(names('enginering')[0]).toBe('Engineering');
    expect(names('launch marketing')[0]).toBe('Q3 Marketing Launch');
    expect(names('product engineering sprint')[0]).toBe('Sprint 42');
  });

  it('reads a kind word as a hint rather than as part of the name', () => {
    expect(rankMatches('engineering space', CANDIDATES)[0]).toMatchObject({ kind: 'space', score: 1 });
    expect(rankMatches('bugs list', CANDIDATES)[0]).toMatchObject({ kind: 'list', name: 'Incoming Bugs' });
  });

  it('finds what a sentence names and drops what it does not', () => {
    expect(names('open tasks in the Engineering space')[0]).toBe('Engineering');
    expect(names('zebra')).toEqual([]);
  });

  it('breaks ties toward the bigger container', () => {
    const [space, list] = rankMatches('customer success', CANDIDATES);
    expect([space.kind, space.score, list.kind, list.score]).toEqual(['space', 1, 'list', 0.9]);
  });
});
