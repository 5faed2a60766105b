/** The status list's styles, in its chunk and added to the shadow root with it. */
export const statusCss = `
.status { display: grid; gap: 0.5em; margin-top: var(--gap); }
.status ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5em; }
.card { border: 1px solid var(--line); border-radius: var(--r); padding: 0.5em 0.75em; }
.pill { display: inline-block; border-radius: 999px; padding: 0 0.6em; border: 1px solid var(--p); color: var(--p); font-size: 0.9em; }
.events { list-style: none; margin: 0.35em 0 0; padding: 0 0 0 0.9em; border-left: 2px solid var(--line); font-size: 0.9em; display: grid; gap: 0.1em; }
.events time { font-variant-numeric: tabular-nums; }
.consents { margin: 0.35em 0 0; font-size: 0.9em; }
.summary { margin: 0.35em 0 0; }
.messages { margin-top: 0.5em; display: grid; gap: 0.3em; }
.messages h4 { font-size: 0.95em; margin: 0; }
.messages ol { margin: 0; padding-left: 1.1em; font-size: 0.9em; display: grid; gap: 0.2em; }
.messages form { display: grid; gap: 0.3em; }
.messages textarea { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: var(--r); padding: 0.35em 0.5em; min-height: 3em; width: 100%; }
.messages button { justify-self: start; }
.error { color: var(--danger); font-size: 0.9em; }
button.link { display: block; margin-top: 0.4em; padding: 0.2em 0.7em; font-size: 0.9em; }
`;
