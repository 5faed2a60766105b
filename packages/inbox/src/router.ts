import { signal } from '@preact/signals';

/** The inbox's pages, by hash route: the address of a view can be bookmarked and shared inside the team. */
export type Route =
  { view: 'new' } | { view: 'caseload' } | { view: 'all' } | { view: 'course'; id: string } | { view: 'due' } | { view: 'catalogue' };

export function parseRoute(hash: string): Route {
  const [, view = '', id] = hash.replace(/^#/, '').split('/');
  if (view === 'referrals' && id && /^[0-9a-f-]{36}$/.test(id)) return { view: 'course', id };
  if (view === 'caseload' || view === 'all' || view === 'due' || view === 'catalogue') return { view };
  return { view: 'new' };
}

export const hrefOf = (route: Route) => (route.view === 'course' ? `#/referrals/${route.id}` : `#/${route.view}`);

export const route = signal<Route>(parseRoute(typeof location === 'undefined' ? '' : location.hash));

/** The list a course was opened from, for its "back" link. */
export const lastList = signal<Route>({ view: 'new' });

route.subscribe((current) => {
  if (current.view !== 'course') lastList.value = current;
});

if (typeof window !== 'undefined') window.addEventListener('hashchange', () => (route.value = parseRoute(location.hash)));
