import { readCookie } from './cookies';

describe('readCookie', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(readCookie('gw_csrf', 'theme=dark; gw_csrf=a%2Bb%3D; other=1')).toBe('a+b=');
  });

  it('does not match a cookie whose name only ends the same way', () => {
    expect(readCookie('gw_csrf', 'x_gw_csrf=nope')).toBeUndefined();
  });

  it('keeps a value that is not valid percent-encoding', () => {
    expect(readCookie('t', 't=100%')).toBe('100%');
  });
});
