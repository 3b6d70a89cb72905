import { newPasswordProblem } from './new-password.schema';

describe('newPasswordProblem', () => {
  it('asks for 12 characters and a matching confirmation', () => {
    expect(newPasswordProblem({ new_password: 'short', confirm_password: 'short' })).toBe(
      'The new password needs at least 12 characters.',
    );
    expect(newPasswordProblem({ new_password: 'long-enough-pw', confirm_password: 'long-enough-px' })).toBe(
      'The two new passwords differ.',
    );
    expect(
      newPasswordProblem({ new_password: 'long-enough-pw', confirm_password: 'long-enough-pw' }),
    ).toBeNull();
  });
});
