import { signal } from '@preact/signals';

/**
 * The inbox's pages, by hash route: the address of a view can be bookmarked and shared inside the team. The
 * coordinator's results and their printable report carry their filter as a query (`#/results?from=2026-01`), which
 * the results view reads and the API checks; the refused access attempts theirs (`#/refusals?from=2026-11-01`). A
 * course's plan to print for the citizen is `#/referrals/<id>/plan`.
 */
export type Route =
  | { view: 'new' }
  | { view: 'caseload' }
  | { view: 'all' }
  | { view: 'course'; id: string }
  | { view: 'plan'; id: string }
  | { view: 'due' }
  | { view: 'catalogue' }
  | { view: 'results'; query?: string }
  | { view: 'report'; query?: string }
  | { view: 'refusals'; query?: string };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const [, view = '', id, part] = path.split('/');
  if (view === 'referrals' && id && /^[0-9a-f-]{36}$/.test(id)) return part === 'plan' ? { view: 'plan', id } : { view: 'course', id };
  if (view === 'results') return { view: id === 'report' ? 'report' : 'results', query };
  if (view === 'refusals') return { view, query };
  if (view === 'caseload' || view === 'all' || view === 'due' || view === 'catalogue') return { view };
  return { view: 'new' };
}

const withQuery = (path: string, query = '') => (query ? `${path}?${query}` : path);

export function hrefOf(route: Route): string {
  if (route.view === 'course') return `#/referrals/${route.id}`;
  if (route.view === 'plan') return `#/referrals/${route.id}/plan`;
  if (route.view === 'results') return withQuery('#/results', route.query);
  if (route.view === 'report') return withQuery('#/results/report', route.query);
  if (route.view === 'refusals') return withQuery('#/refusals', route.query);
  return `#/${route.view}`;
}

export const route = signal<Route>(parseRoute(typeof location === 'undefined' ? '' : location.hash));

/** The list a course was opened from, for its "back" link. */
export const lastList = signal<Route>({ view: 'new' });

route.subscribe((current) => {
  if (current.view !== 'course' && current.view !== 'plan') lastList.value = current;
});

if (typeof window !== 'undefined') window.addEventListener('hashchange', () => (route.value = parseRoute(location.hash)));
