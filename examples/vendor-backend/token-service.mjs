// @ts-check
// A journal vendor's token service for Henvis. Copy this into your backend: it signs a token for the logged-in GP
// user, bound to the patient of the open consultation, with your own key. Give Henvis your public key (the JWKS
// below) in HENVIS_TRUSTED_ISSUERS; never the private key.
// Typed with JSDoc, checked by tsc (`// @ts-check`, examples/vendor-backend/tsconfig.json): TypeScript importers get
// these types from this file itself.
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import jwt from 'jsonwebtoken';

const LIFETIME_SECONDS = 5 * 60; // Henvis accepts at most 15 minutes; the SDK asks again when one expires.

/**
 * A GP user of the journal system, as your login session knows them.
 * @typedef {object} VendorUser
 * @property {string} id
 * @property {string} name
 * @property {'doctor' | 'nurse' | 'midwife' | 'practice_staff'} role
 * @property {string} [authorisationId] The GP's authorisation id (autorisations-id).
 */

/**
 * The GP's practice (lægepraksis).
 * @typedef {object} VendorPractice
 * @property {string} id
 * @property {string} name
 * @property {string} [ydernummer]
 * @property {string} [sorCode]
 */

/**
 * @typedef {object} TokenService
 * @property {{ issuer: string, kind: 'journal_vendor', jwks: { keys: object[] } }} trustedIssuer The entry for the
 *   Henvis API's HENVIS_TRUSTED_ISSUERS.
 * @property {(user: VendorUser, practice: VendorPractice, patientCpr?: string) => string} sign Signs a 5-minute
 *   token for a GP user of one practice, optionally bound to the consultation's patient.
 */

/**
 * Loads the vendor's signing key from `keyFile`, creating it on first use.
 * @param {string} keyFile
 * @returns {import('node:crypto').KeyObject}
 */
export function loadOrCreateKey(keyFile) {
  if (!existsSync(keyFile)) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  return createPrivateKey(readFileSync(keyFile, 'utf8'));
}

/**
 * @param {{ issuer: string, audience: string, keyFile: string, keyId?: string }} options
 * @returns {TokenService}
 */
export function createTokenService({ issuer, audience, keyFile, keyId = 'vendor-key-1' }) {
  const privateKey = loadOrCreateKey(keyFile);
  const jwk = { ...createPublicKey(privateKey).export({ format: 'jwk' }), kid: keyId, use: 'sig', alg: 'ES256' };
  return {
    /** The entry for HENVIS_TRUSTED_ISSUERS. */
    trustedIssuer: { issuer, kind: 'journal_vendor', jwks: { keys: [jwk] } },
    sign(user, practice, patientCpr) {
      return jwt.sign(
        {
          sub: user.id,
          name: user.name,
          role: user.role,
          ...(user.authorisationId ? { authorisation_id: user.authorisationId } : {}),
          org: practice,
          ...(patientCpr ? { patient: { cpr: patientCpr } } : {}),
        },
        privateKey,
        { algorithm: 'ES256', issuer, audience, expiresIn: LIFETIME_SECONDS, keyid: keyId, header: { alg: 'ES256', typ: 'at+jwt' } },
      );
    },
  };
}
