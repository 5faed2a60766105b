import type { Locale } from '@henvis/contracts';

const da = {
  product: 'Henvis · Indbakke',
  nav: {
    new: 'Nye henvisninger',
    caseload: 'Mine forløb',
    all: 'Alle henvisninger',
    due: 'Frister',
    catalogue: 'Tilbudskatalog',
    results: 'Resultater',
    refusals: 'Afviste adgangsforsøg',
  },
  navLabel: 'Indbakkens sider',
  role: { navigator: 'Socialnavigatør', coordinator: 'Koordinator' } as Record<string, string>,
  logout: 'Log ud',
  language: 'Sprog',
  loginTitle: 'Log ind i Henvis',
  loginLead: 'Indbakken til socialnavigatører og koordinatorer. Du logger ind med din organisations login.',
  loginButton: 'Log ind',
  loginFailed: 'Login lykkedes ikke. Prøv igen.',
  expiredTitle: 'Din session er udløbet',
  expiredLead: 'Log ind igen for at fortsætte. Du kommer tilbage til den side, du var på.',
  loginAgain: 'Log ind igen',
  loading: 'Henter…',
  retry: 'Prøv igen',
  viewFailed: 'Siden kunne ikke hentes. Tjek forbindelsen, og prøv igen.',
  coordinatorsOnly: 'Resultaterne er koordinatorens side. Spørg koordinatoren, hvis du har brug for tallene.',
  refusalsCoordinatorsOnly: 'De afviste adgangsforsøg er koordinatorens side.',
};

export type ShellTexts = typeof da;

const en: ShellTexts = {
  product: 'Henvis · Inbox',
  nav: {
    new: 'New referrals',
    caseload: 'My courses',
    all: 'All referrals',
    due: 'Deadlines',
    catalogue: 'Offers catalogue',
    results: 'Results',
    refusals: 'Refused access',
  },
  navLabel: "The inbox's pages",
  role: { navigator: 'Social navigator', coordinator: 'Coordinator' },
  logout: 'Log out',
  language: 'Language',
  loginTitle: 'Log in to Henvis',
  loginLead: "The inbox for social navigators and coordinators. You log in with your organisation's login.",
  loginButton: 'Log in',
  loginFailed: 'The login did not succeed. Please try again.',
  expiredTitle: 'Your session has expired',
  expiredLead: 'Log in again to go on. You come back to the page you were on.',
  loginAgain: 'Log in again',
  loading: 'Loading…',
  retry: 'Try again',
  viewFailed: 'The page could not be fetched. Check the connection and try again.',
  coordinatorsOnly: "The results are the coordinator's page. Ask the coordinator if you need the figures.",
  refusalsCoordinatorsOnly: "The refused access attempts are the coordinator's page.",
};

export const shellTexts: Record<Locale, ShellTexts> = { da, en };
