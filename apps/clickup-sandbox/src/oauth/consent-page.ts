import type { Store } from '../store/store';
import { escapeHtml as e } from '../util/markdown';

export interface ConsentParams {
  clientId: string;
  redirectUri: string;
  state: string;
}

/** The "pick a user, tick workspaces" page. Every reflected value goes through escapeHtml. */
export function consentPage(store: Store, p: ConsentParams, error?: string): string {
  const users = [...store.users.values()]
    .map(
      (u, i) =>
        `<label><input type="radio" name="user" value="${e(u.key)}"${i === 0 ? ' checked' : ''}> ${e(u.username)} <code>${e(u.key)}</code></label>`,
    )
    .join('<br>\n');
  const workspaces = [...store.workspaces.values()]
    .map((w) => {
      const members = [...w.members.keys()].map((id) => e(store.users.get(id)?.key ?? '')).join(', ');
      return `<label><input type="checkbox" name="workspace" value="${e(w.id)}"> ${e(w.name)} <small>(members: ${members})</small></label>`;
    })
    .join('<br>\n');
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Authorize app · ClickUp sandbox</title></head>
<body>
<h1>Authorize <code>${e(p.clientId)}</code></h1>
<p>The app will be able to act as the user you pick, in the workspaces you tick. It redirects to <code>${e(p.redirectUri)}</code>.</p>
${error ? `<p role="alert" style="color:#b00">${e(error)}</p>` : ''}
<form method="post" action="/api">
<input type="hidden" name="client_id" value="${e(p.clientId)}">
<input type="hidden" name="redirect_uri" value="${e(p.redirectUri)}">
<input type="hidden" name="state" value="${e(p.state)}">
<fieldset><legend>User</legend>
${users}
</fieldset>
<fieldset><legend>Workspaces</legend>
${workspaces}
</fieldset>
<button type="submit">Connect Workspace</button>
</form>
</body>
</html>
`;
}

export function errorPage(message: string): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>OAuth error · ClickUp sandbox</title></head><body><h1>OAuth error</h1><p>${e(message)}</p></body></html>\n`;
}
