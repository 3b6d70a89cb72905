import { ssoErrorMessage, ssoStartPath } from './sso';

describe('single sign-on on the sign-in page', () => {
  it('says a fixed sentence per reason, and a generic one for anything else', () => {
    expect(ssoErrorMessage('not_assigned')).toMatch(/^Your account is not assigned to this gateway/);
    expect(ssoErrorMessage('<script>alert(1)</script>')).toBe('Single sign-on failed. Start again.');
    expect(ssoErrorMessage(null)).toBeNull();
  });

  it('starts at the api and comes back to the page asked for', () => {
    expect(ssoStartPath('/')).toBe('/api/v1/auth/sso/start');
    expect(ssoStartPath('/servers?tab=a')).toBe('/api/v1/auth/sso/start?next=%2Fservers%3Ftab%3Da');
  });
});
