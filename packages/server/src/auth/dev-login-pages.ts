import type { DemoNavigatorAccount } from './demo-directory.js';

const roleNames: Record<DemoNavigatorAccount['role'], string> = { navigator: 'Socialnavigatør', coordinator: 'Koordinator' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A complete page: Danish first, with the English line in `subtitle`. `html` is trusted markup. */
function page(title: string, subtitle: string, html: string): string {
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Henvis</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d1d1f;line-height:1.5}
main{max-width:34rem;margin:2rem auto;padding:1.5rem 2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.5rem;margin:0}.subtitle{margin:0 0 1rem;color:#555}
.dev{padding:.5rem .75rem;border-left:4px solid #b25000;background:#fff4e5}
fieldset{border:0;padding:0;margin:1rem 0 0}legend{font-weight:600;margin-bottom:.5rem}
ul{list-style:none;padding:0;margin:0}li{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem;padding:.5rem 0;border-top:1px solid #e3e3e6}
button{font:inherit;font-weight:600;min-width:10rem;padding:.5rem 1rem;border:2px solid #0b5cad;border-radius:6px;background:#0b5cad;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="subtitle" lang="en">${escapeHtml(subtitle)}</p>
${html}
</main>
</body>
</html>`;
}

const devNotice = `<p class="dev" role="note"><strong>Udviklings-login – kun til demo og test.</strong>
<span lang="en">Development login – for demo and testing only; in production navigators log in at their organisation.</span></p>`;

/** The development login: one button per demo account, whose accessible name is the person's name. */
export function loginPage(action: string, accounts: readonly DemoNavigatorAccount[]): string {
  const items = accounts
    .map((a) => {
      const id = `account-${escapeHtml(a.key)}`;
      return `<li><button type="submit" name="account" value="${escapeHtml(a.key)}" aria-describedby="${id}">${escapeHtml(a.name)}</button>
<span id="${id}">${escapeHtml(roleNames[a.role])}, ${escapeHtml(a.org.name)}</span></li>`;
    })
    .join('\n');
  return page(
    'Log ind i Henvis',
    'Sign in to Henvis, the navigators’ inbox',
    `${devNotice}
<form method="post" action="${escapeHtml(action)}">
<fieldset>
<legend>Vælg en demobruger <span lang="en">(choose a demo user)</span></legend>
<ul>
${items}
</ul>
</fieldset>
</form>`,
  );
}

export function expiredPage(): string {
  return page(
    'Login-forsøget er udløbet',
    'This sign-in attempt has expired',
    `${devNotice}
<p>Gå tilbage til indbakken, og log ind igen. <span lang="en">Go back to the inbox and sign in again.</span></p>`,
  );
}

/** Logs out at once: the provider's confirmation form, submitted by the page itself (a button without script). */
export function logoutPage(form: string): string {
  const submitting = form.replace(
    '</form>',
    '<input type="hidden" name="logout" value="yes"><button type="submit">Log ud <span lang="en">(sign out)</span></button></form>',
  );
  return page(
    'Logger ud …',
    'Signing out …',
    `${submitting}
<script>document.forms[0].submit()</script>`,
  );
}

export function loggedOutPage(): string {
  return page('Du er logget ud', 'You are signed out', '<p>Du kan lukke vinduet. <span lang="en">You may close this window.</span></p>');
}

/** An error of the provider, by its OAuth code and description (these never carry personal data). */
export function errorPage(error: string, description: string | undefined): string {
  return page(
    'Login mislykkedes',
    'Sign-in failed',
    `${devNotice}
<p><code>${escapeHtml(error)}</code>${description ? `: ${escapeHtml(description)}` : ''}</p>`,
  );
}
