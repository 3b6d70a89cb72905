import { foldName } from '../core/format';
import type { TreeSpace } from './workspace-loader';

export const FIND_KINDS = ['space', 'folder', 'list', 'member'] as const;
export type FindKind = (typeof FIND_KINDS)[number];

export interface Candidate {
  kind: FindKind;
  id: string | number;
  name: string;
  path: string;
  space_id: string | null;
  /** Members only. */
  email?: string | null;
}
export interface Match extends Candidate {
  score: number;
}

const KIND_ORDER: Record<FindKind, number> = { space: 0, folder: 1, list: 2, member: 3 };

// A query such as "engineering space" names the kind it wants; the word is a hint, not part of the name.
const KIND_WORDS: Record<string, FindKind> = {
  space: 'space',
  spaces: 'space',
  folder: 'folder',
  folders: 'folder',
  list: 'list',
  lists: 'list',
  member: 'member',
  members: 'member',
  user: 'member',
  users: 'member',
  person: 'member',
  people: 'member',
};

export function candidatesFromTree(spaces: readonly TreeSpace[]): Candidate[] {
  const out: Candidate[] = [];
  for (const space of spaces) {
    out.push({ kind: 'space', id: space.id, name: space.name, path: space.name, space_id: space.id });
    for (const folder of space.folders) {
      const folderPath = `${space.name} / ${folder.name}`;
      out.push({ kind: 'folder', id: folder.id, name: folder.name, path: folderPath, space_id: space.id });
      for (const list of folder.lists) {
        out.push({
          kind: 'list',
          id: list.id,
          name: list.name,
          path: `${folderPath} / ${list.name}`,
          space_id: space.id,
        });
      }
    }
    for (const list of space.lists) {
      out.push({
        kind: 'list',
        id: list.id,
        name: list.name,
        path: `${space.name} / ${list.name}`,
        space_id: space.id,
      });
    }
  }
  return out;
}

export function memberCandidate(user: {
  id: number;
  username: string | null;
  email?: string | null;
}): Candidate {
  const name = user.username ?? user.email ?? String(user.id);
  return {
    kind: 'member',
    id: user.id,
    name,
    path: `Members / ${name}`,
    space_id: null,
    email: user.email ?? null,
  };
}

// Words an agent wraps around a name ("open tasks in the Engineering space"); they never decide a match.
const FILLER_WORDS = new Set(
  'a an the in of for to on at by and or with from my our all any me show find get open closed task tasks'.split(
    ' ',
  ),
);

const tokens = (folded: string) => folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function startsAtWord(name: string, query: string): boolean {
  for (let i = name.indexOf(query); i > 0; i = name.indexOf(query, i + 1)) {
    if (!/[\p{L}\p{N}]/u.test(name[i - 1])) return true;
  }
  return false;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

/** How well one query word matches one name word: equal, a prefix, or a typo away (whole word or its start). */
function wordScore(q: string, word: string): number {
  if (word === q) return 1;
  if (q.length < 3) return 0;
  if (word.startsWith(q)) return 0.9;
  if (q.length < 4) return 0;
  const allowed = q.length >= 8 ? 2 : 1;
  const typo = Math.min(editDistance(q, word), editDistance(q, word.slice(0, q.length)));
  return typo <= allowed ? 0.7 : 0;
}

/**
 * Exact 1, prefix 0.9, word prefix 0.8, substring 0.7; otherwise every query word is looked up in the name
 * (and, weaker, in the path), typos allowed, for up to 0.6; filler words are skipped and a quarter of the
 * words matching still scores a little, so a whole sentence pasted as the query finds what it names.
 */
export function scoreText(query: string, candidate: Candidate): number {
  const name = foldName(candidate.name);
  if (!query) return 0;
  if (name === query) return 1;
  if (name.startsWith(query)) return 0.9;
  if (startsAtWord(name, query)) return 0.8;
  if (name.includes(query)) return 0.7;
  const allWords = tokens(query);
  const contentWords = allWords.filter((w) => !FILLER_WORDS.has(w));
  const queryWords = contentWords.length > 0 ? contentWords : allWords;
  if (queryWords.length === 0) return 0;
  const nameWords = tokens(name).concat(candidate.email ? tokens(foldName(candidate.email)) : []);
  const pathWords = tokens(foldName(candidate.path));
  let sum = 0;
  let matched = 0;
  for (const q of queryWords) {
    const best = Math.max(
      ...nameWords.map((w) => wordScore(q, w)),
      ...pathWords.map((w) => wordScore(q, w) * 0.8),
      0,
    );
    sum += best;
    if (best > 0) matched += 1;
  }
  const share = sum / queryWords.length;
  if (matched === queryWords.length) return 0.6 * share;
  return share >= 0.25 ? 0.4 * share : 0;
}

function score(query: string, candidate: Candidate): number {
  const folded = foldName(query);
  const full = scoreText(folded, candidate);
  const words = tokens(folded);
  const hint = words.map((w) => KIND_WORDS[w]).find(Boolean);
  if (!hint || words.length < 2) return full;
  const stripped = words.filter((w) => !KIND_WORDS[w]).join(' ');
  const hinted = scoreText(stripped, candidate) * (candidate.kind === hint ? 1 : 0.8);
  return Math.max(full, hinted);
}

/** Best matches first; ties go to the bigger container, then to the shorter (closer) name. */
export function rankMatches(query: string, candidates: readonly Candidate[]): Match[] {
  return candidates
    .map((c) => ({ ...c, score: Math.round(score(query, c) * 100) / 100 }))
    .filter((m) => m.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        a.name.length - b.name.length ||
        a.name.localeCompare(b.name),
    );
}
