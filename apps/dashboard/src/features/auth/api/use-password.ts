'use client';

import { useMutation } from '@tanstack/react-query';
import { changePassword, completePasswordReset } from './auth.api';

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}

export function useCompletePasswordReset() {
  return useMutation({ mutationFn: completePasswordReset });
}
