import { ApiUnderTest, STORAGES } from './support/api-under-test';
import type { ApiClient } from './support/http-client';

/** Job ids the fuzz suite sent to the maintenance job route (test/security/fuzz-rest): a clear 404, never a 500. */
describe.each(STORAGES)('maintenance job ids on %s', (storage) => {
  let api: ApiUnderTest;
  let owner: ApiClient;

  beforeAll(async () => {
    api = await ApiUnderTest.start(null, {}, { storage });
    owner = await api.signIn();
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
  });

  it.each(['%1F%00%7F', '%00', 'a%0Ab', '%20'])(
    'answers GET /maintenance/jobs/%s with 404 naming no such job',
    async (id) => {
      const res = await owner.get<{ message: string }>(`/api/v1/maintenance/jobs/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.message).toMatch(/^No maintenance job /);
    },
  );

  it('still finds a job it enqueued', async () => {
    const enqueued = await owner.post<{ job_id: string }>('/api/v1/maintenance/session-cleanup', {});
    expect(enqueued.status).toBe(202);
    const res = await owner.get<{ id: string }>(`/api/v1/maintenance/jobs/${enqueued.body.job_id}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(enqueued.body.job_id);
  });
});
