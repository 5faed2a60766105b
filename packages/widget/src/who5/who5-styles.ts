/**
 * The WHO-5 form's styles, in its chunk and added to the shadow root with it. Every answer is a whole-box target
 * of at least 44 px, and one statement per screen makes them larger still, for a tablet in the citizen's hands. The
 * six steps sit in one row where there is room, else in two rows of three (read as a scale), else in one column.
 */
export const who5Css = `
.who5 { display: grid; gap: var(--gap); margin-top: var(--gap); container-type: inline-size; }
.who5 form, .who5-saved { display: grid; gap: var(--gap); }
.who5 .measure { font-weight: 600; }
.who5 .hint { font-size: 0.9em; }
.who5 .warning { border-left: 4px solid var(--danger); padding: 0.4em 0.75em; background: color-mix(in srgb, var(--danger) 6%, var(--bg)); }
.follow-up { display: flex; flex-wrap: wrap; gap: 0.25em 0.75em; align-items: center; }
.follow-up .pill { display: inline-block; border-radius: 999px; padding: 0 0.6em; border: 1px solid var(--p); color: var(--p); font-size: 0.9em; }
.follow-up .pill[data-state="overdue"] { border-color: var(--danger); color: var(--danger); }
.who5-item { border: 1px solid var(--line); border-radius: var(--r); margin: 0; padding: 0.5em var(--gap) var(--gap); }
.who5-item[aria-invalid="true"] { border-color: var(--danger); border-width: 2px; }
.who5-item legend { font-weight: 600; padding: 0 0.25em; }
.steps { display: grid; grid-template-columns: repeat(6, 1fr); gap: 0.4em; margin-top: 0.35em; }
@container (max-width: 640px) { .steps { grid-template-columns: repeat(3, 1fr); } }
@container (max-width: 360px) { .steps { grid-template-columns: 1fr; } }
.step { display: flex; align-items: center; gap: 0.5em; min-height: 44px; padding: 0.35em 0.6em; border: 1px solid var(--line); border-radius: var(--r); cursor: pointer; }
.step input { width: 1.3em; height: 1.3em; margin: 0; flex: none; accent-color: var(--p); }
.step:has(input:checked) { border-color: var(--p); background: color-mix(in srgb, var(--p) 10%, var(--bg)); font-weight: 600; }
.step:has(input:focus-visible) { outline: 3px solid var(--p); outline-offset: 2px; }
.step input:focus-visible { outline: none; }
.one-per-screen .who5-item legend { font-size: 1.25em; }
.who5.one-per-screen .steps { grid-template-columns: 1fr; }
.one-per-screen .step { min-height: 56px; font-size: 1.1em; }
.progress { font-weight: 600; }
.who5-actions { display: flex; flex-wrap: wrap; gap: 0.5em; justify-content: flex-end; }
.who5 button { min-height: 44px; min-width: 44px; }
.who5 .error { color: var(--danger); }
.who5 .saved { color: var(--p); font-weight: 600; }
.who5-result { border: 1px solid var(--line); border-radius: var(--r); padding: var(--gap); display: grid; gap: 0.5em; }
.who5-saved:focus { outline: none; }
.who5-result h4 { margin: 0; font-size: 1.05em; }
.who5-result dl { display: grid; grid-template-columns: auto 1fr; gap: 0.15em 1em; margin: 0; }
.who5-result dt { font-weight: 600; }
.who5-result dd { margin: 0; }
.who5-result:not([data-band="no_indication"]) .band { font-weight: 600; }
.flag { display: block; margin-top: 0.25em; color: var(--danger); }
`;
