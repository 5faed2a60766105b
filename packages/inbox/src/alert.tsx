/** A failure for people to read, announced by screen readers as it appears; nothing when there is none. */
export function Alert({ message, wide = false }: { message: string | undefined; wide?: boolean }) {
  if (!message) return null;
  return (
    <p role="alert" class={wide ? 'error wide' : 'error'}>
      {message}
    </p>
  );
}
