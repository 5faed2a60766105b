/**
 * The widget's styles, inside its shadow root: the host page's CSS cannot reach in, and these cannot leak out.
 * Hosts theme it through the custom properties (see HenvisTheme), which do cross the shadow boundary. Only what the
 * launcher needs is here; each lazily loaded view brings its own styles (status-styles.ts, dialog-styles.ts, …).
 */
export const css = `
:host { all: initial; display: block; }
.henvis {
  --p: var(--henvis-color-primary, #0b5cad);
  --on-p: var(--henvis-color-on-primary, #ffffff);
  --fg: var(--henvis-color-text, #1b1f24);
  --bg: var(--henvis-color-background, #ffffff);
  --line: var(--henvis-color-border, #8a939e);
  --danger: var(--henvis-color-danger, #b00020);
  --r: var(--henvis-radius, 4px);
  --gap: 0.75rem;
  font-family: var(--henvis-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  font-size: var(--henvis-font-size, 14px);
  line-height: 1.4;
  color: var(--fg);
  background: var(--bg);
}
.henvis[data-density="compact"] { --gap: 0.4rem; }
* { box-sizing: border-box; }
:focus-visible { outline: 3px solid var(--p); outline-offset: 2px; }
button { font: inherit; cursor: pointer; border-radius: var(--r); padding: 0.4em 0.9em; border: 1px solid var(--p); background: var(--bg); color: var(--p); }
button.primary { background: var(--p); color: var(--on-p); }
button:disabled { opacity: 0.6; cursor: progress; }
.launcher { display: inline-flex; align-items: center; gap: 0.5em; }
.badge { font-size: 0.85em; color: var(--danger); }
h3 { font-size: 1em; margin: 0; }
p { margin: 0; }
.flags { color: var(--danger); }
`;
