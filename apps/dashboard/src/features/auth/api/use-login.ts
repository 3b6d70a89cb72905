'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { login } from './auth.api';
import { authKeys } from './auth.keys';
import type { Session } from './auth.types';

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: ({ user, organization }) => {
      const session: Session = { user, organization };
      queryClient.setQueryData(authKeys.session(), session);
    },
  });
}
