import type { AdminRole, Role, TokenClaims } from '@henvis/contracts';
import type { IssuerKind } from './trusted-issuer.js';

/** The authenticated caller of a request, from a verified token. */
export interface Principal {
  issuer: string;
  issuerKind: IssuerKind;
  sub: string;
  name: string;
  role: Role;
  authorisationId?: string;
  org: TokenClaims['org'];
  /** The consultation's patient (normalised CPR), when the token is bound to one. */
  patientCpr?: string;
  /** When the token expires: a live stream ends then, and the client reconnects with a fresh token. */
  expiresAt: Date;
}

/** The caller as recorded on what they did (an event, a message, a contact): who, in which role and organisation. */
export const actorOf = (p: Principal) => ({ id: p.sub, name: p.name, role: p.role, orgId: p.org.id });

/** The caller as a person (who informed about a consent, who recorded WHO-5 answers). */
export const personOf = (p: Principal) => ({ id: p.sub, name: p.name, role: p.role });

/**
 * The caller of a tenant administration request (/v1/admin), from a verified admin token; or the operator of a
 * `henvis-server admin` command. Never a principal of the referral work: it has no scope of referrals.
 */
export interface AdminPrincipal {
  issuer: string;
  issuerKind: IssuerKind | 'command_line';
  sub: string;
  name: string;
  role: AdminRole;
  org: { id: string; name: string };
  expiresAt: Date;
}
