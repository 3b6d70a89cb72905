'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { logout } from './auth.api';

export function useLogout() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: logout,
    // Leave the console even if the session had already ended on the server: nothing cached may stay visible.
    onSettled: () => {
      queryClient.clear();
      router.replace('/login');
    },
  });
}
