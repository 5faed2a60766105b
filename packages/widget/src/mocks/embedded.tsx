import { useEffect, useRef } from 'preact/hooks';
import { waitFor, within } from 'storybook/test';
import type { HenvisMountOptions } from '@henvis/sdk';
import { mount } from '../mount.js';
import { MOCK_API, demoContext } from './handlers.js';

/** The widget as a journal mounts it, through the real embed API, against the mock API. */
export function Embedded(props: Partial<HenvisMountOptions>) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const handle = mount(ref.current!, { apiUrl: MOCK_API, context: demoContext, getToken: () => 'story-token', ...props });
    return () => handle.destroy();
  }, []);
  return <div ref={ref} style={{ maxWidth: props.view === 'status' ? '24rem' : undefined }} />;
}

/** Testing Library queries inside the widget's shadow root, once it is mounted. */
export async function widget(canvasElement: HTMLElement) {
  const shadow = await waitFor(() => {
    const root = canvasElement.querySelector('[data-henvis]')?.shadowRoot;
    if (!root) throw new Error('the widget is not mounted yet');
    return root;
  });
  return within(shadow as unknown as HTMLElement);
}
