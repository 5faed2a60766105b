import type { NavigatorRole, Role } from '@henvis/contracts';

/** Demo GP practices (fictitious). Henvis' practice id is the ydernummer. */
export const demoPractices = [
  { id: '045678', name: 'Lægehuset Grenaa', ydernummer: '045678', sorCode: '481471000016004' },
  { id: '045679', name: 'Lægerne i Auning', ydernummer: '045679', sorCode: '481471000016005' },
  { id: '013456', name: 'Lægehuset Østerbro', ydernummer: '013456', sorCode: '380491000016001' },
];

/** Demo navigator organisations and the practices each serves. Østerbro is served by none. */
export const demoNavigatorOrgs: { id: string; name: string; serves: string[] }[] = [
  { id: 'norddjurs-navigatorer', name: 'Norddjurs Kommune – Fællesskabsnavigatører', serves: ['045678', '045679'] },
  { id: 'syddjurs-navigatorer', name: 'Syddjurs Kommune – Fællesskabsnavigatører', serves: [] },
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
