import { render } from 'preact';
import { createInboxClient, tokenOf } from './api.js';
import { App, LoginPage } from './app.js';
import { createAuth } from './auth.js';
import { readConfig } from './config.js';
import { listenToChanges } from './live.js';
import { locale } from './locale.js';
import { route, parseRoute } from './router.js';

const root = ((found) => {
  if (!found) throw new Error('the inbox page has no #inbox');
  return found;
})(document.getElementById('inbox'));
root.textContent = '';
document.documentElement.lang = locale.value;
const config = readConfig();
const auth = createAuth(config);

async function start() {
  let failed = false;
  try {
    const returnTo = await auth.completeLogin();
    if (returnTo) route.value = parseRoute(returnTo);
  } catch {
    failed = true;
  }
  const session = auth.session();
  if (!session) {
    render(<LoginPage auth={auth} failed={failed} />, root);
    return;
  }
  listenToChanges(config, auth);
  const embed = config.widgetUrl ? { apiUrl: config.apiUrl, widgetUrl: config.widgetUrl, getToken: tokenOf(auth) } : undefined;
  render(<App auth={auth} client={createInboxClient(config, auth)} session={session} {...(embed ? { embed } : {})} />, root);
}

void start();
