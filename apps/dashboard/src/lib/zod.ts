import { z } from 'zod';

// Zod compiles object parsers with `new Function` unless told not to, and the dashboard's Content-Security-Policy
// forbids eval: every schema the dashboard parses comes from here.
z.config({ jitless: true });

export { z };
