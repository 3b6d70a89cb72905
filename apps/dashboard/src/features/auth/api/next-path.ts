const BASE = 'http://dashboard.invalid';

/**
 * Where to go after signing in. Only paths on this origin are accepted, so a crafted
 * `/login?next=//evil.example` link cannot send a fresh session elsewhere.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  // Browsers drop tabs and newlines and treat `\` as `/`, so `/\t/evil` must fail here too.
  if (url.origin !== BASE || hasUnsafeCharacter(next)) return '/';
  if (url.pathname === '/login' || url.pathname.startsWith('/api/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

export function loginPath(returnTo: string): string {
  const next = safeNextPath(returnTo);
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

function hasUnsafeCharacter(path: string): boolean {
  return [...path].some((char) => char === '\\' || char.charCodeAt(0) < 0x20);
}
