import type { ComponentChildren } from 'preact';

/** Says what could not be fetched and offers to try again, the same way in every view. */
export function RetryAlert({ children, retryLabel, onRetry }: { children: ComponentChildren; retryLabel: string; onRetry: () => void }) {
  return (
    <p role="alert">
      {children}{' '}
      <button type="button" onClick={onRetry}>
        {retryLabel}
      </button>
    </p>
  );
}
