/**
 * The widget's styles, inside its shadow root: the host page's CSS cannot reach in, and these cannot leak out.
 * Hosts theme it through the custom properties (see HenvisTheme), which do cross the shadow boundary.
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
dialog { border: 1px solid var(--line); border-radius: var(--r); padding: 0; width: min(44rem, 96vw); max-height: 94vh; color: var(--fg); background: var(--bg); }
dialog::backdrop { background: rgb(0 0 0 / 0.35); }
form, .receipt { display: grid; gap: var(--gap); padding: calc(var(--gap) * 1.5); }
h2 { font-size: 1.25em; margin: 0; }
h3 { font-size: 1em; margin: 0; }
p { margin: 0; }
.notice { border-left: 4px solid var(--p); padding: 0.4em 0.75em; background: color-mix(in srgb, var(--p) 8%, var(--bg)); }
.context { display: grid; grid-template-columns: auto 1fr; gap: 0.15em 1em; margin: 0; }
.context dt { font-weight: 600; }
.context dd { margin: 0; }
fieldset { border: 1px solid var(--line); border-radius: var(--r); margin: 0; padding: var(--gap); display: grid; gap: 0.35em; }
legend { font-weight: 600; padding: 0 0.25em; }
.choices { display: flex; flex-wrap: wrap; gap: 0.35em 1em; }
label { display: inline-flex; gap: 0.4em; align-items: center; }
.field { display: grid; gap: 0.2em; align-content: start; }
input[type="text"], input[type="tel"], input[type="email"], textarea, select { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: var(--r); padding: 0.35em 0.5em; width: 100%; }
input[type="checkbox"], input[type="radio"] { width: 1.1em; height: 1.1em; accent-color: var(--p); }
textarea { min-height: 3.5em; resize: vertical; }
.row { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: var(--gap); }
.hint { font-size: 0.9em; }
.error { color: var(--danger); font-size: 0.9em; }
[aria-invalid="true"] { border-color: var(--danger); }
.flags { color: var(--danger); }
.actions { display: flex; justify-content: flex-end; gap: 0.5em; }
.status { display: grid; gap: 0.5em; margin-top: var(--gap); }
.status ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5em; }
.card { border: 1px solid var(--line); border-radius: var(--r); padding: 0.5em 0.75em; }
.pill { display: inline-block; border-radius: 999px; padding: 0 0.6em; border: 1px solid var(--p); color: var(--p); font-size: 0.9em; }
.events { margin: 0.35em 0 0; padding-left: 1.1em; font-size: 0.9em; }
`;
