/**
 * The consent panel's styles, in its chunk and added to the shadow root with it. Controls are at least 44 px high:
 * the panel is used on a tablet at the navigator conversation as well as at the GP's desk.
 */
export const consentCss = `
.consents { display: grid; gap: var(--gap); margin-top: var(--gap); }
.consents .notice { border-left: 4px solid var(--p); padding: 0.4em 0.75em; background: color-mix(in srgb, var(--p) 8%, var(--bg)); }
.consent { border: 1px solid var(--line); border-radius: var(--r); padding: var(--gap); display: grid; gap: var(--gap); }
.consent h4 { font-size: 1.1em; margin: 0; }
.consent h5 { font-size: 1em; margin: 0.6em 0 0.1em; }
.consent-text { border-left: 3px solid var(--line); padding: 0.25em 0.75em; }
.consent-text .title { font-weight: 600; }
.consent-text-folded summary { cursor: pointer; padding: 0.7em 0; font-weight: 600; color: var(--p); }
.consent-text-folded[open] summary { margin-bottom: 0.5em; }
.consent-text .version { font-size: 0.85em; margin-top: 0.5em; }
.state { display: flex; flex-wrap: wrap; gap: 0.25em 0.75em; align-items: center; }
.state:focus { outline: none; }
.state-pill { display: inline-block; border-radius: 999px; padding: 0.1em 0.7em; border: 1px solid var(--line); font-weight: 600; }
.state-pill[data-state="given"] { border-color: var(--p); color: var(--p); }
.state-pill[data-state="declined"], .state-pill[data-state="withdrawn"], .state-pill[data-state="expired"] { border-color: var(--danger); color: var(--danger); }
.consent fieldset { border: 1px solid var(--line); border-radius: var(--r); margin: 0; padding: 0.5em var(--gap); display: grid; gap: 0.25em; }
.consent legend { font-weight: 600; padding: 0 0.25em; }
.choice { display: flex; gap: 0.6em; align-items: center; min-height: 44px; cursor: pointer; }
.choice input { width: 1.3em; height: 1.3em; margin: 0; accent-color: var(--p); flex: none; }
.confirm { font-weight: 600; }
.consent-actions { display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; }
.consent button { min-height: 44px; min-width: 44px; }
.hint { font-size: 0.9em; }
.error { color: var(--danger); }
.saved { color: var(--p); font-weight: 600; }
.history ol { margin: 0.25em 0 0; padding-left: 1.2em; font-size: 0.9em; display: grid; gap: 0.2em; }
`;
