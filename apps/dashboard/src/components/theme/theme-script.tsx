import { themeScript } from './theme-store';

/** Runs while the HTML is parsed, so a dark-mode user never sees a light flash. */
export function ThemeScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />;
}
