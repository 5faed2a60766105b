// The results' own chunk (Observable Plot and the dashboard), imported by the inbox only when a coordinator
// opens "Resultater" (lazy-results.tsx).
export { Results } from './results.js';
export { ResultsReport } from './results-report.js';
