/** The dialog's styles, in its own chunk and added to the shadow root with the dialog. */
export const dialogCss = `
dialog { border: 1px solid var(--line); border-radius: var(--r); padding: 0; width: min(44rem, 96vw); max-height: 94vh; color: var(--fg); background: var(--bg); }
dialog::backdrop { background: rgb(0 0 0 / 0.35); }
form, .receipt { display: grid; gap: var(--gap); padding: calc(var(--gap) * 1.5); }
h2 { font-size: 1.25em; margin: 0; }
.notice { border-left: 4px solid var(--p); padding: 0.4em 0.75em; background: color-mix(in srgb, var(--p) 8%, var(--bg)); }
.context { display: grid; grid-template-columns: auto 1fr; gap: 0.15em 1em; margin: 0; }
.context dt { font-weight: 600; }
.context dd { margin: 0; }
fieldset { border: 1px solid var(--line); border-radius: var(--r); margin: 0; padding: var(--gap); display: grid; gap: 0.35em; }
legend { font-weight: 600; padding: 0 0.25em; }
.consents { border: 1px solid var(--line); border-radius: var(--r); padding: var(--gap); }
.consents h3 { font-size: 1em; margin: 0 0 0.25em; }
.consents p { margin: 0; }
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
.actions { display: flex; justify-content: flex-end; gap: 0.5em; }
.footer { position: sticky; bottom: 0; margin: 0 calc(var(--gap) * -1.5) calc(var(--gap) * -1.5); padding: var(--gap) calc(var(--gap) * 1.5); display: grid; gap: 0.4em; background: var(--bg); border-top: 1px solid var(--line); }
.warning { border-left: 4px solid var(--danger); padding: 0.4em 0.75em; background: color-mix(in srgb, var(--danger) 7%, var(--bg)); }
.warning h3 { font-size: 1em; margin: 0 0 0.25em; }
.warning ul { margin: 0 0 0.25em; padding-left: 1.1em; }
`;
