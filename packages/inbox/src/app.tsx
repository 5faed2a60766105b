import { useEffect, useRef } from 'preact/hooks';
import type { HenvisClient } from '@henvis/sdk';
import { sessionExpired } from './api.js';
import type { Auth, Session } from './auth.js';
import { citizenMode } from './citizen-mode.js';
import { Inbox, type InboxContext } from './client-context.js';
import { locale, setLocale, textsOf } from './locale.js';
import { hrefOf, route, type Route } from './router.js';
import { shellTexts } from './shell-texts.js';
import { Catalogue } from './views/catalogue.js';
import { Course } from './views/course.js';
import { CitizenWho5 } from './views/course-citizen.js';
import { PlanPrint } from './views/course-print.js';
import { Deadlines } from './views/deadlines.js';
import { ReferralList } from './views/referral-list.js';
import { Alert } from './alert.js';
import { LazyResults } from './lazy-results.js';
import { LazyRefusals } from './lazy-refusals.js';

const t = textsOf(shellTexts);

export function LoginPage({ auth, failed }: { auth: Auth; failed: boolean }) {
  return (
    <main class="login">
      <h1>{t.value.loginTitle}</h1>
      <p>{t.value.loginLead}</p>
      <Alert message={failed ? t.value.loginFailed : undefined} />
      <button class="primary" onClick={() => void auth.login()}>
        {t.value.loginButton}
      </button>
      <LanguageSwitch />
    </main>
  );
}

function LanguageSwitch() {
  return (
    <div class="language" role="group" aria-label={t.value.language}>
      {(['da', 'en'] as const).map((l) => (
        <button key={l} aria-pressed={locale.value === l} onClick={() => setLocale(l)} lang={l}>
          {l === 'da' ? 'Dansk' : 'English'}
        </button>
      ))}
    </div>
  );
}

type Page = Exclude<Route['view'], 'course' | 'plan' | 'report'>;
const pages: Page[] = ['new', 'caseload', 'all', 'due', 'catalogue'];
/**
 * The results and the refused access attempts are the coordinator's pages; navigators may read the measures in
 * the API, but have no link here.
 */
const coordinatorPages: Page[] = [...pages, 'results', 'refusals'];

export function App({
  auth,
  client,
  session,
  embed,
}: {
  auth: Auth;
  client: HenvisClient;
  session: Session;
  embed?: InboxContext['embed'];
}) {
  // Without a refresh token the session is the access token's lifetime: say so when it is over.
  useEffect(() => {
    if (session.refreshToken) return;
    const timer = setTimeout(() => (sessionExpired.value = true), Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [session.expiresAt, session.refreshToken]);
  // Read in the render, so a change of language renders again and the title follows.
  const product = t.value.product;
  useEffect(() => {
    document.title = `${product} – ${session.user.org.name}`;
  }, [product, session.user.org.name]);

  const current = route.value;
  const active = current.view === 'course' || current.view === 'plan' ? undefined : current.view === 'report' ? 'results' : current.view;
  const coordinator = session.user.role === 'coordinator';
  // A new page of the inbox is announced where it starts, as a page load would be (a course focuses its citizen).
  const first = useRef(true);
  const href = hrefOf(current);
  const isCourse = current.view === 'course';
  useEffect(() => {
    if (first.current) return void (first.current = false);
    if (!isCourse) document.getElementById('main')?.focus();
  }, [href, isCourse]);
  // The citizen holds the screen: nothing of the inbox is rendered until the navigator takes it back.
  const handedOver = citizenMode.value;
  if (handedOver?.handedOverBy === session.user.sub)
    return (
      <Inbox.Provider value={{ client, user: session.user, ...(embed ? { embed } : {}) }}>
        <div inert={sessionExpired.value}>
          <CitizenWho5 mode={handedOver} />
        </div>
        {sessionExpired.value && <ExpiredDialog auth={auth} />}
      </Inbox.Provider>
    );
  return (
    <Inbox.Provider value={{ client, user: session.user, ...(embed ? { embed } : {}) }}>
      {/* While the session-expired dialog is open, the page behind it is out of reach (Tab, screen readers). */}
      <div inert={sessionExpired.value}>
        <a class="skip" href="#main">
          {locale.value === 'da' ? 'Gå til indhold' : 'Skip to content'}
        </a>
        <header class="top">
          <div class="brand">{t.value.product}</div>
          <div class="who">
            <span>{session.user.name}</span>
            <span class="muted">
              {t.value.role[session.user.role] ?? session.user.role} · {session.user.org.name}
            </span>
          </div>
          <LanguageSwitch />
          <button onClick={() => void auth.logout()}>{t.value.logout}</button>
        </header>
        <nav class="pages" aria-label={t.value.navLabel}>
          {(coordinator ? coordinatorPages : pages).map((page) => (
            <a key={page} href={hrefOf({ view: page })} aria-current={active === page ? 'page' : undefined}>
              {t.value.nav[page]}
            </a>
          ))}
        </nav>
        <main id="main" tabIndex={-1}>
          {current.view === 'course' ? (
            <Course key={current.id} id={current.id} />
          ) : current.view === 'plan' ? (
            <PlanPrint key={current.id} id={current.id} />
          ) : current.view === 'due' ? (
            <Deadlines />
          ) : current.view === 'catalogue' ? (
            <Catalogue />
          ) : current.view === 'results' || current.view === 'report' ? (
            coordinator ? (
              <LazyResults view={current.view} query={current.query ?? ''} />
            ) : (
              <p class="empty">{t.value.coordinatorsOnly}</p>
            )
          ) : current.view === 'refusals' ? (
            coordinator ? (
              <LazyRefusals query={current.query ?? ''} />
            ) : (
              <p class="empty">{t.value.refusalsCoordinatorsOnly}</p>
            )
          ) : (
            <ReferralList key={current.view} view={current.view} />
          )}
        </main>
      </div>
      {sessionExpired.value && <ExpiredDialog auth={auth} />}
    </Inbox.Provider>
  );
}

/** Says the session is over and offers the login that brings the user back to this page; it takes the focus. */
function ExpiredDialog({ auth }: { auth: Auth }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div class="overlay">
      <div role="alertdialog" aria-modal="true" aria-labelledby="expired-title" aria-describedby="expired-lead" class="dialog">
        <h2 id="expired-title">{t.value.expiredTitle}</h2>
        <p id="expired-lead">{t.value.expiredLead}</p>
        <button ref={button} class="primary" onClick={() => void auth.login(location.hash)}>
          {t.value.loginAgain}
        </button>
      </div>
    </div>
  );
}
