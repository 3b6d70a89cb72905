import { parseQuery, QueryReader } from './query';

describe('query parsing', () => {
  it('keeps repeated keys as arrays and decodes values', () => {
    expect(parseQuery('statuses%5B%5D=to%20do&statuses%5B%5D=in+progress&page=2&flag')).toEqual({
      'statuses[]': ['to do', 'in progress'],
      page: '2',
      flag: '',
    });
  });

  it('reads array parameters in both key forms', () => {
    const q = new QueryReader(parseQuery('tags[]=a&tags=b&tags[]=&assignees=1'));
    expect(q.list('tags')).toEqual(['b', 'a']);
    expect(q.list('assignees')).toEqual(['1']);
    expect(q.list('missing')).toEqual([]);
  });

  it('reads booleans and integers', () => {
    const q = new QueryReader(parseQuery('a=true&b=false&c=1&n=12&bad=x'));
    expect([q.bool('a', false), q.bool('b', true), q.bool('c', false), q.bool('zzz', true)]).toEqual([
      true,
      false,
      true,
      true,
    ]);
    expect(q.int('n')).toBe(12);
    expect(q.int('bad')).toBeNaN();
    expect(q.int('none')).toBeUndefined();
  });

  it('survives malformed escapes', () => {
    expect(parseQuery('x=%E0%A4%A')).toEqual({ x: '%E0%A4%A' });
  });
});
