import type { Locale, RefusalOutcome } from '@henvis/contracts';

const da = {
  title: 'Afviste adgangsforsøg',
  lead: 'De forsøg, Henvis har afvist: uden gyldigt login, med en rolle, der ikke må, på henvisninger, der ikke findes eller ikke er jeres, og forespørgsler, der fejlede. Fra revisionsloggen, for din organisation, de praksisser, den betjener, og forsøg uden gyldigt login. Ingen oplysninger om borgere.',
  period: {
    label: 'Vælg periode',
    from: 'Fra dag',
    to: 'Til dag',
    hint: (days: number) => `Højst ${days} dage. Tom: de seneste 7 dage.`,
    backwards: '"Fra dag" skal ligge før eller på "til dag".',
    tooLong: (days: number) => `Vælg højst ${days} dage ad gangen.`,
  },
  loading: 'Henter de afviste forsøg…',
  retry: 'Prøv igen',
  shown: (from: string, to: string, at: string) => `Periode: ${from} – ${to} · hentet ${at}`,
  bursts: {
    title: (n: number) => (n === 1 ? 'Advarsel: 1 byge af afviste forsøg' : `Advarsel: ${n} byger af afviste forsøg`),
    lead: (moreThan: number, minutes: number) =>
      `Mere end ${moreThan} afviste forsøg fra samme aktør eller samme adresse inden for ${minutes} minutter. Det kan være et forsøg på at bryde ind eller et system, der er sat forkert op: se efter, hvem og hvad det er.`,
    none: (moreThan: number, minutes: number) =>
      `Ingen byger i perioden (mere end ${moreThan} afviste forsøg fra samme aktør eller adresse inden for ${minutes} minutter).`,
    count: (n: string) => `${n} afviste`,
    fromActor: 'fra aktøren',
    fromAddress: 'fra adressen',
    inOrganisation: (org: string) => `i ${org}`,
  },
  table: {
    caption: (total: string) => `${total} afviste forsøg pr. dag, aktør, organisation, adresse og årsag`,
    day: (day: string, n: string) => `${day}: ${n} afviste`,
    actor: 'Aktør',
    organisation: 'Organisation',
    address: 'Adresse',
    outcome: 'Udfald',
    reason: 'Årsag',
    count: 'Antal',
    when: 'Tidsrum',
    inBurst: 'byge',
    noToken: 'Intet gyldigt login',
    none: '–',
  },
  empty: 'Ingen afviste forsøg i perioden.',
  truncated: (shown: string, total: string) =>
    `Kun de ${shown} største grupper vises; alle ${total} afviste forsøg er talt med ovenfor. Vælg en kortere periode for at se resten.`,
  outcomes: {
    refused: 'Afvist',
    denied: 'Nægtet',
    failed: 'Fejlet',
  } satisfies Record<RefusalOutcome, string>,
  roles: {
    doctor: 'læge',
    nurse: 'sygeplejerske',
    midwife: 'jordemoder',
    practice_staff: 'praksispersonale',
    navigator: 'socialnavigatør',
    coordinator: 'koordinator',
  } as Record<string, string>,
  reasons: {
    owned_by_another_organisation: 'Borgeren er taget af en anden organisation.',
  } as Record<string, string>,
};

export type RefusalsTexts = typeof da;

const en: RefusalsTexts = {
  title: 'Refused access',
  lead: 'The attempts Henvis refused: without a valid login, by a role that may not, on referrals that do not exist or are not yours, and requests that failed. From the audit log, for your organisation, the practices it serves, and attempts without a valid login. Nothing about citizens.',
  period: {
    label: 'Choose a period',
    from: 'From day',
    to: 'To day',
    hint: (days: number) => `At most ${days} days. Empty: the last 7 days.`,
    backwards: '"From day" must be before or on "to day".',
    tooLong: (days: number) => `Choose at most ${days} days at once.`,
  },
  loading: 'Loading the refused attempts…',
  retry: 'Try again',
  shown: (from: string, to: string, at: string) => `Period: ${from} – ${to} · fetched ${at}`,
  bursts: {
    title: (n: number) => (n === 1 ? 'Warning: 1 burst of refused attempts' : `Warning: ${n} bursts of refused attempts`),
    lead: (moreThan: number, minutes: number) =>
      `More than ${moreThan} refused attempts from one actor or one address within ${minutes} minutes. It may be an attempt to break in or a system set up wrongly: find out who and what it is.`,
    none: (moreThan: number, minutes: number) =>
      `No bursts in the period (more than ${moreThan} refused attempts from one actor or address within ${minutes} minutes).`,
    count: (n: string) => `${n} refused`,
    fromActor: 'from the actor',
    fromAddress: 'from the address',
    inOrganisation: (org: string) => `in ${org}`,
  },
  table: {
    caption: (total: string) => `${total} refused attempts by day, actor, organisation, address and reason`,
    day: (day: string, n: string) => `${day}: ${n} refused`,
    actor: 'Actor',
    organisation: 'Organisation',
    address: 'Address',
    outcome: 'Outcome',
    reason: 'Reason',
    count: 'Count',
    when: 'Time span',
    inBurst: 'burst',
    noToken: 'No valid login',
    none: '–',
  },
  empty: 'No refused attempts in the period.',
  truncated: (shown: string, total: string) =>
    `Only the ${shown} largest groups are shown; all ${total} refused attempts are counted above. Choose a shorter period to see the rest.`,
  outcomes: { refused: 'Refused', denied: 'Denied', failed: 'Failed' },
  roles: {
    doctor: 'doctor',
    nurse: 'nurse',
    midwife: 'midwife',
    practice_staff: 'practice staff',
    navigator: 'social navigator',
    coordinator: 'coordinator',
  },
  reasons: {
    owned_by_another_organisation: 'The citizen has been taken by another organisation.',
  },
};

export const refusalsTexts: Record<Locale, RefusalsTexts> = { da, en };
