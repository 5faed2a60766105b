import { useEffect, type MutableRef } from 'preact/hooks';

/** A key typed into a field (or a key the browser or the system gets with a modifier) is never the list's. */
const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The lists' keyboard shortcuts, said on screen beside them: `j` the next referral, `k` the previous (each moves the
 * focus to the referral's link, so Enter opens it and a screen reader reads it), `/` the search field. The rows are
 * the links in the first cell of the body's rows under `container`.
 */
export function useListKeys(container: MutableRef<HTMLElement | null>) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const root = container.current;
      if (!root) return;
      if (event.key === '/') {
        const search = root.querySelector<HTMLInputElement>('input[type="search"]');
        if (!search) return;
        event.preventDefault();
        search.focus();
        return;
      }
      if (event.key !== 'j' && event.key !== 'k') return;
      const links = [...root.querySelectorAll<HTMLAnchorElement>('tbody > tr > th > a')];
      if (links.length === 0) return;
      const row = document.activeElement?.closest('tr');
      const at = links.findIndex((link) => link.closest('tr') === row);
      const next =
        at === -1 ? (event.key === 'j' ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, at + (event.key === 'j' ? 1 : -1)));
      const link = links[next];
      if (!link) return;
      event.preventDefault();
      link.focus();
      // happy-dom has no scrollIntoView.
      if ('scrollIntoView' in link) link.scrollIntoView({ block: 'nearest' });
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [container]);
}
