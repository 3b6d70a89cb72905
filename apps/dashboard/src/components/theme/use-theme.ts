'use client';

import { useLayoutEffect, useSyncExternalStore } from 'react';
import {
  applyTheme,
  currentTheme,
  preferredTheme,
  setTheme,
  subscribeTheme,
  type Theme,
} from './theme-store';

export function useTheme(): { theme: Theme; setTheme: (theme: Theme) => void } {
  // React's development remount resets <html> attributes; put the class back before paint.
  useLayoutEffect(() => applyTheme(preferredTheme()), []);
  const theme = useSyncExternalStore(subscribeTheme, currentTheme, () => 'light' as const);
  return { theme, setTheme };
}
