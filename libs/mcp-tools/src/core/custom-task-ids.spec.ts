import { isCustomTaskId } from './custom-task-ids';

describe('isCustomTaskId', () => {
  it.each(['ENG-14', 'JOSH-917', 'eng-3', 'CS2-10'])('reads %s as a custom task id', (id) => {
    expect(isCustomTaskId(id)).toBe(true);
  });

  it.each(['86bb4x7ff', '9hz', '123456', 'ENG-', '-14', 'ENG-14a', 'ENG 14', 'A-B-1'])(
    'reads %s as no custom task id',
    (id) => {
      expect(isCustomTaskId(id)).toBe(false);
    },
  );
});
