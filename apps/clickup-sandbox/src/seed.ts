import { seedViewsAndTemplates } from './seed-views-templates';
import { must } from './util/must';
import {
  createField,
  createFolder,
  createList,
  createSpace,
  createTask,
  DEFAULT_STATUSES,
  type NewTask,
} from './store/factories';
import { Store } from './store/store';
import type { FieldRec, ListRec, Role, StatusEntry, StatusRec, TaskRec, UserRec } from './store/types';

const statusEntry = ({ status, type, color, orderindex }: StatusRec, at: number): StatusEntry => ({
  status,
  type,
  color,
  orderindex,
  at,
});

const DAY = 86_400_000;
const HOUR = 3_600_000;

const USERS: Omit<UserRec, 'id'>[] = [
  {
    key: 'owner',
    username: 'Alex Rivera',
    email: 'alex@acme.example',
    color: '#7b68ee',
    initials: 'AR',
    profilePicture: 'https://attachments-public.clickup.com/profilePictures/sandbox_owner.jpg',
    timezone: 'America/New_York',
    weekStartDay: 1,
  },
  {
    key: 'sarah',
    username: 'Sarah Chen',
    email: 'sarah@acme.example',
    color: '#ff7800',
    initials: 'SC',
    profilePicture: 'https://attachments-public.clickup.com/profilePictures/sandbox_sarah.jpg',
    timezone: 'America/Los_Angeles',
    weekStartDay: 0,
  },
  {
    key: 'david',
    username: 'David Okafor',
    email: 'david@acme.example',
    color: '#2ecd6f',
    initials: 'DO',
    profilePicture: 'https://attachments-public.clickup.com/profilePictures/sandbox_david.jpg',
    timezone: 'Europe/London',
    weekStartDay: 1,
  },
  {
    key: 'guest',
    username: 'Grace Guest',
    email: 'grace@globex.example',
    color: '#1090e0',
    initials: 'GG',
    profilePicture: 'https://attachments-public.clickup.com/profilePictures/sandbox_guest.jpg',
    timezone: 'Europe/Berlin',
    weekStartDay: 1,
  },
];

/**
 * The seeded world (CONTRACTS §8). Everything is built through counters from `now`, so ids are the
 * same after every reset and dates stay relative (time entries fall in the last 30 days).
 */
export function seed(now: number): Store {
  const store = new Store(now);
  const u: Record<string, UserRec> = {};
  for (const def of USERS) {
    const user: UserRec = { ...def, id: store.ids.user() };
    store.users.set(user.id, user);
    store.usersByKey.set(user.key, user);
    u[user.key] = user;
  }

  const acme = store.ids.workspace();
  store.workspaces.set(acme, {
    id: acme,
    name: 'Acme Corp',
    color: '#7b68ee',
    avatar: 'https://attachments-public.clickup.com/team_avatars/sandbox_acme.png',
    members: new Map<number, Role>([
      [u['owner'].id, 1],
      [u['sarah'].id, 3],
      [u['david'].id, 3],
    ]),
  });
  store.defaultWorkspaceId = acme;
  const globex = store.ids.workspace();
  store.workspaces.set(globex, {
    id: globex,
    name: 'Globex',
    color: '#e50000',
    avatar: 'https://attachments-public.clickup.com/team_avatars/sandbox_globex.png',
    members: new Map<number, Role>([[u['guest'].id, 1]]),
  });

  // Custom task types (API-NOTES §4.5); Task (0) and Milestone (1) are built in.
  store.customItems.set(acme, [
    { id: 1001, name: 'Bug', namePlural: 'Bugs', description: 'Something that does not work as intended.' },
    { id: 1002, name: 'Form Response', namePlural: 'Form Responses', description: 'A submitted form.' },
    { id: 1003, name: 'Feature', namePlural: 'Features', description: 'A user-facing capability.' },
  ]);
  store.customItems.set(globex, []);

  // ---- hierarchy
  const eng = createSpace(store, acme, 'Engineering', { customIdPrefix: 'ENG', color: '#1090e0' });
  // Marketing has no "blocked" status: moving a blocked task there needs a status mapping (API-NOTES §5.1).
  const mkt = createSpace(store, acme, 'Marketing', {
    customIdPrefix: 'MKT',
    color: '#ff7800',
    statuses: DEFAULT_STATUSES.filter((s) => s.status !== 'blocked'),
  });
  const cs = createSpace(store, acme, 'Customer Success', { customIdPrefix: 'CS', color: '#2ecd6f' });
  const productEng = createFolder(store, eng.id, 'Product Engineering');
  const sprint = createList(store, eng.id, productEng.id, 'Sprint 42', {
    content: 'Two-week sprint ending with the 4.2 release.',
    dueDate: now + 9 * DAY,
    startDate: now - 5 * DAY,
  });
  const incoming = createList(store, eng.id, productEng.id, 'Incoming Bugs', {
    content: 'New bug reports waiting for triage.',
  });
  const backlog = createList(store, eng.id, productEng.id, 'Bug Backlog', {
    content: 'Triaged bugs not yet scheduled.',
  });
  const migrations = createList(store, eng.id, null, 'Database Migrations', {
    content: 'Schema changes and data backfills.',
  });
  const campaigns = createFolder(store, mkt.id, 'Campaigns');
  const launch = createList(store, mkt.id, campaigns.id, 'Q3 Marketing Launch', {
    color: 'orange',
    dueDate: now + 30 * DAY,
  });
  const csq3 = createList(store, cs.id, null, 'Customer Success Q3', { priority: 2 });
  const ops = createSpace(store, globex, 'Operations', { color: '#e50000' });
  const roadmap = createList(store, ops.id, null, 'Globex Roadmap');

  store.spaceTags.set(eng.id, [
    { name: 'bug', fg: '#ffffff', bg: '#e50000', creator: u['owner'].id },
    { name: 'frontend', fg: '#ffffff', bg: '#1090e0', creator: u['owner'].id },
    { name: 'backend', fg: '#ffffff', bg: '#7b68ee', creator: u['owner'].id },
    { name: 'tech-debt', fg: '#ffffff', bg: '#aa8d80', creator: u['owner'].id },
    { name: 'security', fg: '#ffffff', bg: '#f50000', creator: u['david'].id },
  ]);
  store.spaceTags.set(mkt.id, [
    { name: 'launch', fg: '#ffffff', bg: '#ff7800', creator: u['sarah'].id },
    { name: 'social', fg: '#ffffff', bg: '#e040fb', creator: u['sarah'].id },
  ]);
  store.spaceTags.set(cs.id, [
    { name: 'at-risk', fg: '#ffffff', bg: '#e50000', creator: u['owner'].id },
    { name: 'enterprise', fg: '#ffffff', bg: '#0231e8', creator: u['owner'].id },
  ]);
  store.spaceTags.set(ops.id, [{ name: 'ops', fg: '#ffffff', bg: '#2ecd6f', creator: u['guest'].id }]);

  // ---- custom fields
  const component = createField(
    store,
    { kind: 'space', id: eng.id },
    'Component',
    'drop_down',
    now - 60 * DAY,
    {
      options: [
        { name: 'Frontend', color: '#1090e0' },
        { name: 'Backend', color: '#7b68ee' },
        { name: 'Infrastructure', color: '#aa8d80' },
      ],
      typeConfig: { placeholder: null, new_drop_down: true, sorting: 'manual' },
    },
  );
  const points = createField(
    store,
    { kind: 'list', id: sprint.id },
    'Story Points',
    'number',
    now - 40 * DAY,
    { typeConfig: {} },
  );
  const goal = createField(
    store,
    { kind: 'list', id: sprint.id },
    'Sprint Goal',
    'short_text',
    now - 40 * DAY,
    { typeConfig: {} },
  );
  const notes = createField(store, { kind: 'list', id: sprint.id }, 'Release Notes', 'text', now - 40 * DAY, {
    typeConfig: {},
  });
  const arr = createField(store, { kind: 'list', id: csq3.id }, 'ARR', 'currency', now - 30 * DAY, {
    typeConfig: { precision: 2, currency_type: 'USD', default: null },
  });
  // A relationship field: its value is a set of task ids of the workspace, written as {add, rem}.
  createField(store, { kind: 'list', id: migrations.id }, 'Related Work', 'tasks', now - 20 * DAY, {
    typeConfig: {},
  });
  // A people field: ClickUp leaves out a user who is not a member, and still answers 200.
  createField(store, { kind: 'list', id: incoming.id }, 'Reviewer', 'users', now - 20 * DAY, {
    typeConfig: {},
  });
  const option = (f: FieldRec, name: string) => must(f.options.find((o) => o.name === name)).id;

  // ---- tasks
  const add = (
    list: ListRec,
    name: string,
    ageDays: number,
    creator: UserRec,
    t: NewTask & { md?: string } = {},
  ): TaskRec => {
    const { md, ...rest } = t;
    const created = now - ageDays * DAY;
    const task = createTask(store, list.id, name, creator.id, created, {
      markdown: md ?? '',
      dateUpdated: created + HOUR,
      ...rest,
    });
    const space = must(store.spaces.get(list.spaceId));
    if (space.statuses.find((s) => s.status === task.statusName)?.type === 'closed') {
      task.dateClosed = task.dateDone = rest.dateDone ?? created + 2 * DAY;
    }
    // A task past its first status spent the first half of its life there: Time in Status has a history to add up.
    const [first] = space.statuses;
    if (task.statusName !== first.status) {
      const entered = task.dateClosed ?? created + Math.max(HOUR, Math.floor((ageDays * DAY) / 2));
      const current = must(space.statuses.find((s) => s.status === task.statusName));
      task.statusHistory = [statusEntry(first, created), statusEntry(current, entered)];
    }
    return task;
  };
  const me = u['owner'];
  const fv = (...pairs: [FieldRec, unknown][]) => new Map<string, unknown>(pairs.map(([f, v]) => [f.id, v]));

  const login = add(sprint, 'Refactor Login Component', 12, me, {
    md: '## Goal\nSplit `LoginForm.tsx` into smaller React components and move validation into a hook.\n\n- [ ] Extract `useLoginValidation`\n- [ ] Replace class component with function component\n- [ ] Keep SSO button behaviour unchanged',
    statusName: 'in progress',
    priority: 2,
    assigneeIds: [me.id],
    watcherIds: [me.id, u['sarah'].id],
    tagNames: ['frontend', 'tech-debt'],
    dueDate: now + 3 * DAY,
    startDate: now - 4 * DAY,
    timeEstimate: 8 * HOUR,
    points: 5,
    fieldValues: fv(
      [component, option(component, 'Frontend')],
      [points, 5],
      [goal, 'Ship the new login flow'],
      [notes, 'New login form with shared validation.'],
    ),
  });
  const limiter = add(sprint, 'Implement rate limiter middleware', 10, me, {
    md: 'Token-bucket limiter in the API gateway, 100 requests per minute per token, with `X-RateLimit-*` headers.',
    statusName: 'to do',
    priority: 3,
    assigneeIds: [me.id],
    tagNames: ['backend'],
    dueDate: now + 5 * DAY,
    timeEstimate: 12 * HOUR,
    fieldValues: fv([component, option(component, 'Backend')], [points, 8]),
  });
  const node = add(sprint, 'Upgrade Node.js to 20 LTS', 9, me, {
    md: 'Bump the runtime in CI, Docker images and `.nvmrc`.',
    statusName: 'review',
    priority: 3,
    assigneeIds: [me.id],
    tagNames: ['tech-debt'],
    dueDate: now + 1 * DAY,
    fieldValues: fv([component, option(component, 'Infrastructure')], [points, 3]),
  });
  add(sprint, 'Add dark mode toggle', 8, u['sarah'], {
    md: 'Settings page toggle; persist the choice in local storage.',
    statusName: 'in progress',
    priority: 4,
    assigneeIds: [u['sarah'].id],
    tagNames: ['frontend'],
    fieldValues: fv([component, option(component, 'Frontend')], [points, 2]),
  });
  add(sprint, 'Write API docs for v2 endpoints', 7, u['david'], {
    md: 'Document every public endpoint with examples.',
    statusName: 'to do',
    assigneeIds: [u['david'].id],
    priority: 3,
    dueDate: now + 7 * DAY,
  });
  add(sprint, 'Set up staging environment', 20, me, {
    md: 'Terraform the staging stack.',
    statusName: 'complete',
    assigneeIds: [me.id],
    priority: 2,
    dateDone: now - 5 * DAY,
    fieldValues: fv([component, option(component, 'Infrastructure')]),
  });
  add(sprint, 'Fix flaky CI pipeline', 15, me, {
    md: 'Integration tests time out on the shared runner.',
    statusName: 'complete',
    assigneeIds: [me.id],
    dateDone: now - 2 * DAY,
  });
  const onboarding = add(sprint, 'Onboarding flow redesign', 11, u['sarah'], {
    md: 'Blocked on final copy from Marketing.',
    statusName: 'blocked',
    priority: 2,
    assigneeIds: [u['sarah'].id],
    tagNames: ['frontend'],
  });
  add(sprint, 'Design new welcome screen', 6, u['sarah'], {
    statusName: 'to do',
    assigneeIds: [u['sarah'].id],
    parentId: onboarding.id,
  });
  add(sprint, 'Update onboarding copy', 6, u['sarah'], { statusName: 'to do', parentId: onboarding.id });

  const bug = (name: string, age: number, md: string, priority: number | null) =>
    add(incoming, name, age, u['david'], { md, priority, tagNames: ['bug'], statusName: 'to do' });
  const checkout = bug(
    'Checkout button misaligned on mobile Safari',
    3,
    'The **Place order** button overflows its container on iOS Safari 17. Looks like a CSS flexbox `gap` issue in `CheckoutFooter.module.css`.',
    2,
  );
  bug(
    'Dashboard page crashes when the filter is empty',
    2,
    "The React page throws `TypeError: Cannot read properties of undefined (reading 'map')` in `FilterChips.tsx` when no filter is selected.",
    2,
  );
  bug(
    'Dropdown menu renders behind the modal',
    2,
    'The account dropdown opens behind the settings modal: `z-index` of `.dropdown-menu` is lower than the modal overlay.',
    3,
  );
  bug(
    'Login page shows a blank screen after SSO redirect',
    1,
    'After the Okta redirect the React router renders nothing; console shows a hydration mismatch warning.',
    1,
  );
  bug(
    'POST /api/orders returns 500 for large carts',
    4,
    'Orders with more than 50 line items fail with HTTP 500. Server log: `PayloadTooLargeError` then an unhandled promise rejection in the orders service.',
    1,
  );
  bug(
    'Database connection pool exhausted under load',
    3,
    'At ~300 rps the API logs `remaining connection slots are reserved` from PostgreSQL; the pool is never released on timeout.',
    1,
  );
  bug(
    'Email notification queue stuck',
    2,
    'Jobs pile up in the `notifications` queue; the worker stops consuming after a Redis reconnect.',
    2,
  );
  bug(
    'Slow query on the reports endpoint',
    5,
    '`GET /api/reports/monthly` takes 9 s; `EXPLAIN` shows a sequential scan on `orders.created_at`.',
    null,
  );

  add(backlog, 'Tooltip text truncated in Firefox', 30, u['david'], {
    statusName: 'to do',
    assigneeIds: [u['david'].id],
    tagNames: ['bug', 'frontend'],
    priority: 4,
  });
  add(backlog, 'Retry webhook deliveries with backoff', 25, u['david'], {
    statusName: 'in progress',
    assigneeIds: [u['david'].id],
    tagNames: ['backend'],
    priority: 3,
  });
  add(backlog, 'Session cookie missing SameSite attribute', 40, u['david'], {
    statusName: 'complete',
    assigneeIds: [u['david'].id],
    tagNames: ['bug', 'security'],
    priority: 1,
    dateDone: now - 20 * DAY,
  });

  add(migrations, 'Migrate users table to UUID keys', 14, me, {
    md: 'Add `uuid` column, backfill, swap primary key.',
    statusName: 'in progress',
    assigneeIds: [me.id],
    priority: 2,
    dueDate: now + 2 * DAY,
  });
  add(migrations, 'Add index on orders.created_at', 5, me, {
    md: 'Fixes the slow reports query.',
    statusName: 'to do',
    assigneeIds: [me.id],
    priority: 2,
    dueDate: now - 1 * DAY,
  });
  add(migrations, 'Drop legacy sessions table', 35, me, {
    statusName: 'complete',
    assigneeIds: [me.id],
    dateDone: now - 10 * DAY,
  });

  add(launch, 'Draft launch blog post', 10, u['sarah'], {
    md: 'Announce the 4.2 release.',
    statusName: 'in progress',
    assigneeIds: [u['sarah'].id],
    tagNames: ['launch'],
    priority: 2,
    dueDate: now + 4 * DAY,
  });
  add(launch, 'Design social media assets', 9, u['sarah'], {
    statusName: 'in progress',
    assigneeIds: [u['sarah'].id],
    tagNames: ['social'],
    priority: 3,
  });
  add(launch, 'Schedule launch webinar', 8, u['david'], {
    statusName: 'to do',
    assigneeIds: [u['david'].id],
    priority: 3,
    dueDate: now + 12 * DAY,
  });
  add(launch, 'Press release review', 6, me, {
    statusName: 'review',
    assigneeIds: [me.id],
    tagNames: ['launch'],
    priority: 2,
    dueDate: now + 2 * DAY,
  });

  add(csq3, 'Acme Retail renewal at risk after SSO outage', 6, me, {
    md: 'Customer escalated twice; waiting on the engineering post-mortem before the renewal call.',
    statusName: 'blocked',
    priority: 1,
    assigneeIds: [me.id],
    tagNames: ['at-risk', 'enterprise'],
    dueDate: now + 2 * DAY,
    fieldValues: fv([arr, 240000]),
  });
  add(csq3, 'Resolve billing discrepancy for Initech', 5, u['sarah'], {
    md: 'Invoices double-charged in August; blocked on finance export.',
    statusName: 'blocked',
    priority: 2,
    assigneeIds: [u['sarah'].id],
    tagNames: ['at-risk'],
    fieldValues: fv([arr, 56000]),
  });
  add(csq3, 'Churn interview synthesis', 4, u['david'], {
    statusName: 'blocked',
    priority: 2,
    assigneeIds: [u['david'].id],
    md: 'Blocked until the last five interviews are scheduled.',
  });
  add(csq3, 'Onboard Umbrella Corp enterprise account', 3, me, {
    statusName: 'in progress',
    priority: 2,
    assigneeIds: [me.id],
    tagNames: ['enterprise'],
    fieldValues: fv([arr, 480000]),
  });
  add(csq3, 'Quarterly business review deck for Initech', 2, u['sarah'], {
    statusName: 'to do',
    priority: 3,
    assigneeIds: [u['sarah'].id],
  });
  add(csq3, 'NPS follow-up campaign', 20, u['sarah'], {
    statusName: 'complete',
    priority: 3,
    assigneeIds: [u['sarah'].id],
    dateDone: now - 8 * DAY,
  });

  const g = u['guest'];
  const globexTask = add(roadmap, 'Plan Q4 capacity', 7, g, {
    statusName: 'in progress',
    assigneeIds: [g.id],
    tagNames: ['ops'],
    priority: 2,
  });
  add(roadmap, 'Renew data-centre contract', 5, g, {
    statusName: 'to do',
    assigneeIds: [g.id],
    priority: 1,
    dueDate: now + 10 * DAY,
  });
  add(roadmap, 'Decommission legacy VPN', 30, g, { statusName: 'complete', assigneeIds: [g.id] });

  // ---- relationships, comments, checklists
  store.dependencies.push({
    taskId: limiter.id,
    dependsOn: node.id,
    dateCreated: now - 8 * DAY,
    userId: me.id,
  });
  store.links.push({
    a: login.id,
    b: checkout.id,
    linkId: store.ids.uuid('link'),
    dateCreated: now - 3 * DAY,
    userId: me.id,
  });
  const comment = (
    taskId: string,
    user: UserRec,
    text: string,
    agoHours: number,
    replyTo: string | null = null,
  ) => {
    const id = store.ids.comment();
    store.comments.set(id, {
      id,
      histId: store.ids.hist(),
      parent: { kind: 'task', id: taskId },
      text,
      userId: user.id,
      resolved: false,
      assigneeId: null,
      assignedById: null,
      date: now - agoHours * HOUR,
      replyTo,
    });
    return id;
  };
  comment(
    login.id,
    u['sarah'],
    'Can we keep the SSO button markup unchanged? QA has screenshots pinned to it.',
    50,
  );
  comment(login.id, me, 'Yes, only the form internals move. PR coming tomorrow.', 30);
  comment(login.id, u['david'], 'The validation hook would help the signup form too.', 4);
  const reproduced = comment(checkout.id, u['david'], 'Reproduced on iPhone 15, Safari 17.4.', 20);
  const listComment = store.ids.comment();
  store.comments.set(listComment, {
    id: listComment,
    histId: store.ids.hist(),
    parent: { kind: 'list', id: sprint.id },
    text: 'Sprint 42 review moved to Thursday.',
    userId: me.id,
    resolved: false,
    assigneeId: null,
    assignedById: null,
    date: now - 26 * HOUR,
    replyTo: null,
  });
  // A thread: the reply is listed by GET /comment/{id}/reply, not among the task's comments.
  comment(checkout.id, me, 'Same on iPad; the button sits under the keyboard.', 18, reproduced);

  // ---- tasks of the later workflows (docs/workflows.md 8–10), created after every other task so that the ids and
  // custom ids above stay as they were.
  // Two blocked bugs waiting in Incoming Bugs, each with a comment to reply to. They are assigned, so the unassigned
  // triage still sees its eight bugs.
  const blockedBug = (name: string, age: number, md: string, note: string) => {
    const task = add(incoming, name, age, u['david'], {
      md,
      priority: 3,
      tagNames: ['bug'],
      statusName: 'blocked',
      assigneeIds: [u['david'].id],
    });
    comment(task.id, u['david'], note, age * 12);
    return task;
  };
  blockedBug(
    'CSV export times out for large workspaces',
    6,
    'Exports of more than 100k rows hit the 30 s gateway timeout.',
    'Blocked until the export job moves to the worker queue.',
  );
  blockedBug(
    'Push notifications missing on Android 14',
    4,
    'No push arrives on Android 14 devices since the SDK upgrade.',
    'Blocked on the vendor fixing their Android 14 SDK.',
  );

  // The 4.2 release: its description names its feature tasks by custom task id.
  const featureIds = [login, limiter, node].map((t) => must(t.customId));
  add(sprint, 'Release 4.2', 3, me, {
    md: `Ships ${featureIds[0]}, ${featureIds[1]} and ${featureIds[2]}. Release notes go here as an attachment.`,
    statusName: 'to do',
    priority: 2,
    dueDate: now + 9 * DAY,
  });

  // Open bugs of Sprint 42 that went through review (and back), with a history of known length: "Avatar upload …"
  // spent 30 h and then 6 h in review (36 h), "Search results …" 4 h; the closed one 48 h, not an open bug. Hours ago:
  const statusOf = (name: string) => must(eng.statuses.find((s) => s.status === name));
  const sprintBug = (name: string, t: NewTask & { md?: string }, history: [string, number][]) => {
    const task = add(sprint, name, 10, u['sarah'], { tagNames: ['bug'], ...t });
    task.statusHistory = history.map(([status, hoursAgo]) =>
      statusEntry(statusOf(status), now - hoursAgo * HOUR),
    );
    return task;
  };
  sprintBug(
    'Avatar upload fails for PNG files over 2 MB',
    {
      statusName: 'in progress',
      priority: 2,
      assigneeIds: [u['sarah'].id],
      md: 'The upload spinner never stops.',
    },
    [
      ['to do', 240],
      ['in progress', 216],
      ['review', 192],
      ['in progress', 162],
      ['review', 96],
      ['in progress', 90],
    ],
  );
  sprintBug(
    'Search results skip the first page',
    {
      statusName: 'to do',
      priority: 3,
      assigneeIds: [u['david'].id],
      md: 'Page 1 of the results is never shown.',
    },
    [
      ['to do', 240],
      ['in progress', 168],
      ['review', 120],
      ['to do', 116],
    ],
  );
  sprintBug(
    'Date picker ignores the user time zone',
    { statusName: 'complete', priority: 3, assigneeIds: [u['sarah'].id], dateDone: now - 1 * DAY },
    [
      ['to do', 240],
      ['in progress', 144],
      ['review', 72],
      ['complete', 24],
    ],
  );

  const checklistId = store.ids.uuid('checklist');
  store.checklists.set(checklistId, {
    id: checklistId,
    taskId: login.id,
    name: 'Definition of done',
    orderindex: 0,
    dateCreated: now - 10 * DAY,
    creatorId: me.id,
    items: ['Unit tests updated', 'Storybook stories added', 'Accessibility check passed'].map((name, i) => ({
      id: store.ids.uuid('checklist-item'),
      name,
      orderindex: i,
      assigneeId: i === 0 ? me.id : null,
      resolved: i === 0,
      parentId: null,
      dateCreated: now - 10 * DAY,
    })),
  });

  // ---- goals
  const newGoal = (name: string, description: string, due: number, owners: number[], color: string) => {
    const id = store.ids.uuid('goal');
    store.goals.set(id, {
      id,
      prettyId: store.ids.goalPretty(),
      workspaceId: acme,
      name,
      creatorId: me.id,
      ownerIds: owners,
      color,
      dateCreated: now - 45 * DAY,
      dateUpdated: now - 2 * DAY,
      startDate: null,
      dueDate: due,
      description,
      private: false,
      archived: false,
      multipleOwners: owners.length > 1,
    });
    return id;
  };
  const kr = (
    goalId: string,
    name: string,
    type: 'number' | 'currency' | 'percentage',
    unit: string,
    start: number,
    end: number,
    current: number,
    owner: number,
  ) => {
    const id = store.ids.uuid('key-result');
    store.keyResults.set(id, {
      id,
      goalId,
      name,
      type,
      unit,
      creatorId: me.id,
      dateCreated: now - 44 * DAY,
      stepsStart: start,
      stepsEnd: end,
      stepsCurrent: current,
      taskIds: [],
      listIds: [],
      ownerIds: [owner],
      lastAction: null,
    });
  };
  const churn = newGoal(
    'Reduce Churn',
    'Bring monthly logo churn under 2% by the end of Q3.',
    now + 40 * DAY,
    [me.id, u['sarah'].id],
    '#e50000',
  );
  kr(churn, 'Complete churn interviews', 'number', 'interviews', 0, 20, 12, u['david'].id);
  kr(churn, 'Accounts with a success plan', 'percentage', '%', 0, 100, 45, u['sarah'].id);
  const revenue = newGoal(
    'Q4 Revenue Target',
    'Close $1.2M of new ARR in Q4.',
    now + 120 * DAY,
    [me.id],
    '#2ecd6f',
  );
  kr(revenue, 'New ARR booked', 'currency', 'USD', 0, 1_200_000, 310_000, me.id);
  kr(revenue, 'Enterprise deals closed', 'number', 'deals', 0, 10, 3, me.id);

  // ---- docs
  const newDoc = (
    workspaceId: string,
    name: string,
    parent: { id: string; type: number },
    creator: number,
    age: number,
  ) => {
    const id = store.ids.doc(workspaceId);
    store.docs.set(id, {
      id,
      workspaceId,
      name,
      parent,
      visibility: 'PUBLIC',
      creatorId: creator,
      dateCreated: now - age * DAY,
      dateUpdated: now - DAY,
      deleted: false,
      archived: false,
    });
    return id;
  };
  const page = (
    docId: string,
    parentPageId: string | null,
    name: string,
    content: string,
    creator: number,
    age: number,
  ) => {
    const id = store.ids.page(docId);
    const order = [...store.pages.values()].filter((p) => p.docId === docId).length;
    store.pages.set(id, {
      id,
      docId,
      parentPageId,
      name,
      subTitle: '',
      content,
      creatorId: creator,
      authors: [creator],
      contributors: [],
      dateCreated: now - age * DAY,
      dateUpdated: now - DAY,
      orderindex: order,
    });
    return id;
  };
  const rl = newDoc(acme, 'API Rate Limiting Guidelines', { id: eng.id, type: 4 }, me.id, 50);
  page(
    rl,
    null,
    'Overview',
    '# API Rate Limiting Guidelines\n\nEvery public endpoint is rate limited **per token**. Clients must read the `X-RateLimit-*` headers and slow down before they hit the limit.',
    me.id,
    50,
  );
  page(
    rl,
    null,
    'Limits per plan',
    '## Limits per plan\n\n| Plan | Requests per minute |\n| --- | --- |\n| Free, Unlimited, Business | 100 |\n| Business Plus | 1,000 |\n| Enterprise | 10,000 |',
    me.id,
    49,
  );
  const handling = page(
    rl,
    null,
    'Handling 429 responses',
    '## Handling 429 responses\n\nWhen the API answers **429**, wait until `X-RateLimit-Reset` (Unix seconds) before retrying. Never retry in a tight loop.',
    u['david'].id,
    40,
  );
  page(
    rl,
    handling,
    'Retry with backoff',
    '### Retry with backoff\n\n```ts\nconst wait = Math.min(30_000, 2 ** attempt * 250) + Math.random() * 250;\n```\n\nCap the number of attempts and surface the failure after the last one.',
    u['david'].id,
    39,
  );
  const runbook = newDoc(acme, 'Incident Response Runbook', { id: acme, type: 12 }, u['david'].id, 20);
  page(
    runbook,
    null,
    'First 15 minutes',
    '1. Acknowledge the page.\n2. Open an incident channel.\n3. Post a status update every 30 minutes.',
    u['david'].id,
    20,
  );
  const globexDoc = newDoc(globex, 'Globex Ops Handbook', { id: ops.id, type: 4 }, g.id, 15);
  page(globexDoc, null, 'On-call', 'Guest-only workspace content.', g.id, 15);

  // ---- time entries (last 30 days)
  const entry = (
    user: UserRec,
    task: TaskRec | null,
    daysAgo: number,
    hours: number,
    description: string,
    billable = false,
    workspaceId = acme,
  ) => {
    const id = store.ids.timeEntry();
    const start = now - daysAgo * DAY;
    store.timeEntries.set(id, {
      id,
      workspaceId,
      userId: user.id,
      taskId: task?.id ?? null,
      billable,
      start,
      end: start + hours * HOUR,
      description,
      tags: [],
      source: 'clickup',
      at: start + hours * HOUR,
    });
  };
  entry(me, login, 4, 2, 'Extract validation hook');
  entry(me, login, 3, 3.5, 'Convert LoginForm to function component');
  entry(me, limiter, 2, 1.5, 'Spike on token bucket', true);
  entry(me, node, 6, 1, 'CI image update');
  entry(me, null, 1, 0.5, 'Sprint planning');
  entry(me, login, 45, 2, 'Older than 30 days: outside the default window');
  entry(u['sarah'], onboarding, 2, 2, 'Wireframes');
  entry(g, globexTask, 3, 4, 'Capacity model', false, globex);

  // ---- chat (v3): a workspace channel, location channels, a DM; messages newest last here
  const channel = (
    workspaceId: string,
    name: string,
    parent: { id: string; type: number },
    creator: UserRec,
    options: { type?: 'CHANNEL' | 'DM'; memberIds?: number[]; description?: string } = {},
  ) => {
    const id = store.ids.chatChannel(workspaceId);
    store.chatChannels.set(id, {
      id,
      workspaceId,
      name,
      description: options.description ?? '',
      topic: '',
      type: options.type ?? 'CHANNEL',
      visibility: options.memberIds ? 'PRIVATE' : 'PUBLIC',
      parent,
      creatorId: creator.id,
      createdAt: now - 90 * DAY,
      updatedAt: now - 90 * DAY,
      archived: false,
      memberIds: options.memberIds ?? [],
    });
    return id;
  };
  const say = (
    channelId: string,
    user: UserRec,
    hoursAgo: number,
    content: string,
    options: { replyTo?: string; reactions?: [string, UserRec][] } = {},
  ) => {
    const id = store.ids.chatMessage();
    const date = now - hoursAgo * HOUR;
    store.chatMessages.set(id, {
      id,
      channelId,
      parentMessageId: options.replyTo ?? null,
      userId: user.id,
      content,
      date,
      dateUpdated: date,
      reactions: (options.reactions ?? []).map(([reaction, by]) => ({ reaction, userId: by.id, date })),
    });
    return id;
  };
  const general = channel(acme, 'General', { id: acme, type: 7 }, me, {
    description: 'Company-wide announcements',
  });
  say(general, u['sarah'], 72, 'Welcome to the **Acme Corp** chat!');
  say(general, u['david'], 48, 'Reminder: all-hands on Friday at 4pm.');
  const engChat = channel(acme, 'Engineering', { id: eng.id, type: 4 }, me);
  const release = say(engChat, me, 5, 'Release **4.2** is cut. Please test on staging.', {
    reactions: [
      ['tada', u['sarah']],
      ['thumbsup', u['david']],
    ],
  });
  say(engChat, u['sarah'], 4, 'On it.', { replyTo: release });
  say(engChat, u['david'], 3, 'Smoke tests pass on staging.', { replyTo: release });
  say(engChat, u['david'], 2, '3 new reports in *Incoming Bugs*; triage at 3pm.');
  say(engChat, u['sarah'], 1, 'The login refactor is ready for review: `Refactor Login Component`.');
  const mktChat = channel(acme, 'Marketing', { id: mkt.id, type: 4 }, u['sarah']);
  say(mktChat, u['sarah'], 24, 'The launch blog post draft is in *Q3 Marketing Launch*.');
  const sprintChat = channel(acme, 'Sprint 42', { id: sprint.id, type: 6 }, me);
  say(sprintChat, me, 30, 'Sprint 42 planning notes are in the sprint doc.');
  const dm = channel(acme, 'Alex Rivera, Sarah Chen', { id: acme, type: 7 }, u['sarah'], {
    type: 'DM',
    memberIds: [me.id, u['sarah'].id],
  });
  say(dm, u['sarah'], 6, 'Can you review my PR today?');
  const globexChat = channel(globex, 'Operations', { id: ops.id, type: 4 }, g);
  say(globexChat, g, 10, 'Guest-only workspace chat.');

  seedViewsAndTemplates(store, now, me.id);
  return store;
}
