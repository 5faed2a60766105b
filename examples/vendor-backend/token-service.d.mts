import type { KeyObject } from 'node:crypto';

export interface VendorUser {
  id: string;
  name: string;
  role: 'doctor' | 'nurse' | 'midwife' | 'practice_staff';
  authorisationId?: string;
}

export interface VendorPractice {
  id: string;
  name: string;
  ydernummer?: string;
  sorCode?: string;
}

export interface TokenService {
  /** The entry for the Henvis API's HENVIS_TRUSTED_ISSUERS. */
  trustedIssuer: { issuer: string; kind: 'journal_vendor'; jwks: { keys: object[] } };
  /** Signs a 5-minute token for a GP user of one practice, optionally bound to the consultation's patient. */
  sign(user: VendorUser, practice: VendorPractice, patientCpr?: string): string;
}

export function loadOrCreateKey(keyFile: string): KeyObject;
export function createTokenService(options: { issuer: string; audience: string; keyFile: string; keyId?: string }): TokenService;
