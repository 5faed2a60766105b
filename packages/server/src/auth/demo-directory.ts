import type { NavigatorRole, Role } from '@henvis/contracts';

/**
 * Demo GP practices (fictitious). Henvis' practice id is the ydernummer. The GLN (lokationsnummer, with its GS1 check
 * digit) and phone are the practice's MedCom address with the SOR code (medcom/directory.ts).
 */
export const demoPractices = [
  {
    id: '045678',
    name: 'Lægehuset Grenaa',
    ydernummer: '045678',
    sorCode: '481471000016004',
    gln: '5790001910013',
    phone: '+45 86 30 00 01',
  },
  {
    id: '045679',
    name: 'Lægerne i Auning',
    ydernummer: '045679',
    sorCode: '481471000016005',
    gln: '5790001910020',
    phone: '+45 86 30 00 02',
  },
  {
    id: '013456',
    name: 'Lægehuset Østerbro',
    ydernummer: '013456',
    sorCode: '380491000016001',
    gln: '5790001910037',
    phone: '+45 35 30 00 03',
  },
];

/** Demo navigator organisations, the practices each serves and their MedCom address (fictitious). Østerbro is served by none. */
export const demoNavigatorOrgs: { id: string; name: string; serves: string[]; sorCode: string; gln: string; phone: string }[] = [
  {
    id: 'norddjurs-navigatorer',
    name: 'Norddjurs Kommune – Socialnavigatører',
    serves: ['045678', '045679'],
    sorCode: '563561000016007',
    gln: '5790001911010',
    phone: '+45 89 59 00 01',
  },
  {
    id: 'syddjurs-navigatorer',
    name: 'Syddjurs Kommune – Socialnavigatører',
    serves: [],
    sorCode: '563571000016003',
    gln: '5790001911027',
    phone: '+45 87 53 00 02',
  },
];

/** One demo user per role (fictitious people). */
export const demoUsers: Record<Role, { id: string; name: string; authorisationId?: string }> = {
  doctor: { id: 'demo-doctor', name: 'Mette Holm', authorisationId: '0C4F1' },
  nurse: { id: 'demo-nurse', name: 'Anders Lund', authorisationId: '1B7K2' },
  midwife: { id: 'demo-midwife', name: 'Ida Skov', authorisationId: '2D9M3' },
  practice_staff: { id: 'demo-staff', name: 'Lone Bak' },
  navigator: { id: 'demo-navigator', name: 'Sofie Kjær' },
  coordinator: { id: 'demo-coordinator', name: 'Jonas Berg' },
};

/** The demo's tenant administrator (fictitious), for `dev-token --role admin`. */
export const demoAdmin = { id: 'demo-admin', name: 'Birgit Dahl' };

/** A demo person of the development login (udviklings-login) of the navigators' inbox. */
export interface DemoNavigatorAccount {
  /** The login page's choice, e.g. `sofie`. */
  key: string;
  sub: string;
  name: string;
  role: NavigatorRole;
  org: { id: string; name: string };
}

function navigatorOrg(id: string): DemoNavigatorAccount['org'] {
  const org = demoNavigatorOrgs.find((o) => o.id === id);
  if (!org) throw new Error(`no demo navigator organisation ${id}`);
  return { id: org.id, name: org.name };
}

/** The people a developer can log in as at the development issuer's login page (fictitious people). */
export const demoNavigatorAccounts: DemoNavigatorAccount[] = [
  { key: 'sofie', sub: 'demo-navigator', name: 'Sofie Kjær', role: 'navigator', org: navigatorOrg('norddjurs-navigatorer') },
  { key: 'rasmus', sub: 'demo-navigator-2', name: 'Rasmus Friis', role: 'navigator', org: navigatorOrg('norddjurs-navigatorer') },
  { key: 'jonas', sub: 'demo-coordinator', name: 'Jonas Berg', role: 'coordinator', org: navigatorOrg('norddjurs-navigatorer') },
  { key: 'aske', sub: 'demo-syddjurs-navigator', name: 'Aske Holt', role: 'navigator', org: navigatorOrg('syddjurs-navigatorer') },
];
