// @vitest-environment happy-dom
import { signal } from '@preact/signals';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { useLazyComponent } from './lazy.js';

const Loaded = () => <p>loaded</p>;

function Harness({ wanted, load, onFailed }: { wanted: () => boolean; load: () => Promise<typeof Loaded>; onFailed: () => void }) {
  const { Component, failed, retry } = useLazyComponent(wanted, load, onFailed);
  if (Component) return <Component />;
  return failed ? <button onClick={retry}>retry</button> : <p>waiting</p>;
}

describe('useLazyComponent', () => {
  it('loads nothing until wanted, then loads once', async () => {
    const wanted = signal(false);
    const load = vi.fn(async () => Loaded);
    render(<Harness wanted={() => wanted.value} load={load} onFailed={() => {}} />);
    expect(load).not.toHaveBeenCalled();
    wanted.value = true;
    await screen.findByText('loaded');
    wanted.value = false;
    wanted.value = true;
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('reports a chunk that cannot be loaded and loads it on retry', async () => {
    const load = vi.fn<() => Promise<typeof Loaded>>().mockRejectedValueOnce(new Error('ChunkLoadError')).mockResolvedValue(Loaded);
    const onFailed = vi.fn();
    render(<Harness wanted={() => true} load={load} onFailed={onFailed} />);
    fireEvent.click(await screen.findByRole('button', { name: 'retry' }));
    await screen.findByText('loaded');
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
    expect(onFailed).toHaveBeenCalledTimes(1);
  });
});
