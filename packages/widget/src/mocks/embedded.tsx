import { useEffect, useRef } from 'preact/hooks';
import { waitFor, within } from 'storybook/test';
import type { HenvisMountOptions } from '@henvis/sdk';
import { mount } from '../mount.js';
import { MOCK_API, demoContext } from './handlers.js';

/** The widget as a journal mounts it, through the real embed API, against the mock API. */
export function Embedded(props: Partial<HenvisMountOptions>) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const handle = mount(ref.current, { apiUrl: MOCK_API, context: demoContext, getToken: () => 'story-token', ...props });
    return () => handle.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- mounted once, as a journal mounts it; a story's props stay
  }, []);
  return <div ref={ref} style={{ maxWidth: props.view === 'status' ? '24rem' : undefined }} />;
}

/**
 * Testing Library queries inside the widget's shadow root, once it is mounted. They run on the element the
 * widget renders into, not on the shadow root itself, which Testing Library cannot print when a query fails.
 */
export async function widget(canvasElement: HTMLElement) {
  const root = await waitFor(() => {
    const shadow = canvasElement.querySelector('[data-henvis]')?.shadowRoot;
    const element = [...(shadow?.children ?? [])].find((child): child is HTMLElement => child.tagName === 'DIV');
    if (!element) throw new Error('the widget is not mounted yet');
    return element;
  });
  return within(root);
}
