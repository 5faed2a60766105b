import type { ProblemCode } from '@henvis/contracts';
import { escapeHtml } from '../auth/dev-login-pages.js';

interface Explanation {
  da: { title: string; text: string };
  en: { title: string; text: string };
}

const openAgain = { da: 'Åbn Henvis igen fra journalen.', en: 'Open Henvis from the journal again.' };

const unverified: Explanation = {
  da: { title: 'Opstarten kunne ikke bekræftes', text: 'Journalens opstart af Henvis var ikke underskrevet, så Henvis kan stole på den.' },
  en: { title: 'The launch could not be verified', text: "The journal's launch of Henvis was not signed in a way Henvis trusts." },
};

/** What the GP reads when a launch is refused: what happened, in plain words, and what to do. No personal data. */
const explanations: Partial<Record<ProblemCode, Explanation>> = {
  launch_token_missing: {
    da: { title: 'Henvis blev ikke åbnet', text: 'Journalen sendte ikke den opstart, Henvis skal bruge.' },
    en: { title: 'Henvis was not opened', text: 'The journal did not send the launch Henvis needs.' },
  },
  launch_token_replayed: {
    da: {
      title: 'Opstarten er allerede brugt',
      text: 'Hver opstart fra journalen virker kun én gang, og denne er brugt, måske fordi siden blev genindlæst eller sendt igen.',
    },
    en: {
      title: 'This launch has been used already',
      text: 'Each launch from the journal works once, and this one has been used, perhaps because the page was reloaded or sent again.',
    },
  },
  token_expired: {
    da: { title: 'Opstarten er udløbet', text: 'Opstarten fra journalen gælder kun et minut, og den nåede ikke frem i tide.' },
    en: { title: 'The launch has expired', text: 'A launch from the journal is valid for one minute, and this one arrived too late.' },
  },
  launch_token_too_long: {
    da: {
      title: 'Opstarten gælder for længe',
      text: 'Journalen lavede en opstart, der gælder i mere end 60 sekunder; det tillader Henvis ikke.',
    },
    en: {
      title: 'The launch is valid for too long',
      text: 'The journal made a launch valid for more than 60 seconds, which Henvis does not allow.',
    },
  },
  token_audience_invalid: {
    da: { title: 'Opstarten var til en anden adresse', text: 'Journalen lavede opstarten til en anden Henvis-adresse end denne.' },
    en: {
      title: 'The launch was meant for another address',
      text: 'The journal made the launch for another Henvis address than this one.',
    },
  },
  token_invalid: unverified,
  token_issuer_untrusted: unverified,
  token_claims_invalid: {
    da: {
      title: 'Opstarten manglede oplysninger',
      text: 'Journalens opstart manglede behandler, praksis eller patient, eller de var ugyldige.',
    },
    en: {
      title: 'The launch lacked information',
      text: "The journal's launch lacked the practitioner, practice or patient, or they were invalid.",
    },
  },
  launch_session_missing: {
    da: { title: 'Henvis er lukket', text: 'Der er ingen åben Henvis fra journalen i denne browser, eller den er udløbet.' },
    en: { title: 'Henvis is closed', text: 'There is no Henvis opened from the journal in this browser, or it has expired.' },
  },
  method_not_allowed: {
    da: {
      title: 'Henvis åbnes fra journalen',
      text: 'Denne adresse bruges af journalen, når den åbner Henvis; den kan ikke åbnes direkte.',
    },
    en: {
      title: 'Henvis opens from the journal',
      text: 'The journal uses this address when it opens Henvis; it cannot be opened directly.',
    },
  },
  payload_too_large: {
    da: { title: 'Opstarten kunne ikke læses', text: 'Journalen sendte mere, end en opstart af Henvis kan indeholde.' },
    en: { title: 'The launch could not be read', text: 'The journal sent more than a launch of Henvis can hold.' },
  },
  unsupported_media_type: {
    da: {
      title: 'Opstarten kunne ikke læses',
      text: 'Journalen sendte opstarten i et format, Henvis ikke læser (den skal være en formular).',
    },
    en: {
      title: 'The launch could not be read',
      text: 'The journal sent the launch in a format Henvis does not read (it must be a form).',
    },
  },
};

const fallback: Explanation = {
  da: { title: 'Henvis kunne ikke åbnes', text: 'Der skete en fejl, da journalen åbnede Henvis.' },
  en: { title: 'Henvis could not be opened', text: 'Something went wrong when the journal opened Henvis.' },
};

/** The policy of the pages without the widget: their own stylesheet, nothing else. */
export const PAGE_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const head = (title: string, extra = '') => `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} – Henvis</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/launch/assets/launch.css">
${extra}</head>`;

/** The page of a refused launch (or of a session that has ended): Danish, then English, and the error code. */
export function refusalPage(code: ProblemCode): string {
  const { da, en } = explanations[code] ?? fallback;
  return `${head(da.title)}
<body class="refusal">
<main aria-labelledby="title">
<p class="brand">Henvis · Social henvisning</p>
<h1 id="title">${escapeHtml(da.title)}</h1>
<p>${escapeHtml(da.text)} <strong>${openAgain.da}</strong></p>
<section lang="en" aria-label="English">
<h2>${escapeHtml(en.title)}</h2>
<p>${escapeHtml(en.text)} <strong>${openAgain.en}</strong></p>
</section>
<p class="code">Fejlkode <span lang="en">(error code)</span>: <code id="error-code">${escapeHtml(code)}</code></p>
</main>
</body>
</html>`;
}

/**
 * The launched page: no personal data in it, nor in its address. Its script (launch-page/launch.js) reads the context
 * with the session cookie and mounts the widget's script build full page: the "Social henvisning" button with its
 * dialog, and the status list with each referral's consents and messages. The vendor's stylesheet, when the launch
 * names one, comes after Henvis' own. `nonce` is the policy's, for the widget's styles (their text is in its script).
 */
export function appPage({ widgetScript, styleUrl, nonce }: { widgetScript: string; styleUrl?: string; nonce: string }): string {
  const vendorStyle = styleUrl ? `<link rel="stylesheet" href="${escapeHtml(styleUrl)}">\n` : '';
  return `${head(
    'Social henvisning',
    `${vendorStyle}<script src="${escapeHtml(widgetScript)}" defer></script>
<script src="/launch/assets/launch.js" defer nonce="${escapeHtml(nonce)}"></script>
`,
  )}
<body class="launched">
<header class="launch-bar">
<strong class="brand">Henvis</strong><span>Social henvisning</span><span id="launch-practice" class="practice"></span>
</header>
<section id="patient-banner" class="patient-banner" aria-label="Patient" hidden></section>
<main class="launch-main">
<p id="launch-notice" class="notice" role="alert" hidden></p>
<h1 id="launch-title" class="visually-hidden">Social henvisning</h1>
<div id="henvis-widget"></div>
</main>
</body>
</html>`;
}
