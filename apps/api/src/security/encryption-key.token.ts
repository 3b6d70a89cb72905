/** The 32-byte key (base64) that seals ClickUp credentials; configured, or generated in embedded mode. */
export const ENCRYPTION_KEY = Symbol('ENCRYPTION_KEY');
