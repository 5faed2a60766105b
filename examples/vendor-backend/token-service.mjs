// @ts-check
// A journal vendor's token service for Henvis. Copy this into your backend: it signs a token for the logged-in GP
// user, bound to the patient of the open consultation, with your own key. Give Henvis your public key (the JWKS
// below) in HENVIS_TRUSTED_ISSUERS; never the private key.
// Typed with JSDoc, checked by tsc (`// @ts-check`, examples/vendor-backend/tsconfig.json): TypeScript importers get
// these types from this file itself.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import jwt from 'jsonwebtoken';

const LIFETIME_SECONDS = 5 * 60; // Henvis accepts at most 15 minutes; the SDK asks again when one expires.
// A launch token is posted once, right after it is signed; Henvis accepts at most 60 seconds.
const LAUNCH_LIFETIME_SECONDS = 60;

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
 * The patient of the open consultation, as a launch carries them: the referral needs the name too.
 * @typedef {object} VendorPatient
 * @property {string} cpr CPR number (personnummer).
 * @property {string} name
 * @property {{ phone?: string, email?: string }} [contact] How the citizen can be reached, to prefill the referral.
 */

/**
 * How the launched Henvis page looks: `needPatientBanner: false` when your window shows the patient already,
 * your stylesheet (https) and the widget's theme (the keys of `HenvisTheme`), the language.
 * @typedef {object} LaunchOptions
 * @property {boolean} [needPatientBanner]
 * @property {string} [styleUrl]
 * @property {Record<string, string>} [theme]
 * @property {'da' | 'en'} [locale]
 * @property {string} [launchUrl] The Henvis launch URL, when not the one the service was created with.
 */

/**
 * @typedef {object} TokenService
 * @property {{ issuer: string, kind: 'journal_vendor', jwks: { keys: object[] } }} trustedIssuer The entry for the
 *   Henvis API's HENVIS_TRUSTED_ISSUERS.
 * @property {(user: VendorUser, practice: VendorPractice, patientCpr?: string) => string} sign Signs a 5-minute
 *   token for a GP user of one practice, optionally bound to the consultation's patient.
 * @property {(user: VendorUser, practice: VendorPractice, patient: VendorPatient, options?: LaunchOptions) => string}
 *   signLaunch Signs a single-use launch token (60 seconds, a fresh `jti`) that opens Henvis in a page of its own,
 *   for the Henvis launch URL (`launchUrl`, of the service or of the call); post it as the form field `launch` there.
 * @property {string | undefined} launchUrl The Henvis launch URL this service signs launch tokens for.
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
 * @param {{ issuer: string, audience: string, keyFile: string, keyId?: string, launchUrl?: string }} options
 *   `launchUrl` is the Henvis launch page, `<the Henvis API's public URL>/launch`, when you open Henvis with a launch.
 * @returns {TokenService}
 */
export function createTokenService({ issuer, audience, keyFile, keyId = 'vendor-key-1', launchUrl }) {
  const privateKey = loadOrCreateKey(keyFile);
  const jwk = { ...createPublicKey(privateKey).export({ format: 'jwk' }), kid: keyId, use: 'sig', alg: 'ES256' };

  /**
   * The one place this backend signs: the user, practice and patient as Henvis reads them, for one audience.
   * @param {VendorUser} user
   * @param {VendorPractice} practice
   * @param {Record<string, unknown>} extra The patient, and a launch's own claims.
   * @param {{ type: string, audience: string, lifetime: number }} kind
   */
  const signFor = (user, practice, extra, { type, audience: aud, lifetime }) =>
    jwt.sign(
      {
        sub: user.id,
        name: user.name,
        role: user.role,
        ...(user.authorisationId ? { authorisation_id: user.authorisationId } : {}),
        org: practice,
        ...extra,
      },
      privateKey,
      { algorithm: 'ES256', issuer, audience: aud, expiresIn: lifetime, keyid: keyId, header: { alg: 'ES256', typ: type } },
    );

  return {
    /** The entry for HENVIS_TRUSTED_ISSUERS. */
    trustedIssuer: { issuer, kind: 'journal_vendor', jwks: { keys: [jwk] } },
    launchUrl,
    sign(user, practice, patientCpr) {
      return signFor(user, practice, patientCpr ? { patient: { cpr: patientCpr } } : {}, {
        type: 'at+jwt',
        audience,
        lifetime: LIFETIME_SECONDS,
      });
    },
    signLaunch(user, practice, patient, options = {}) {
      const { needPatientBanner, styleUrl, theme, locale, launchUrl: to = launchUrl } = options;
      if (!to) throw new Error('createTokenService({ launchUrl }) names the Henvis launch URL a launch token is for');
      const launch = {
        patient: { cpr: patient.cpr, name: patient.name, ...(patient.contact ? { contact: patient.contact } : {}) },
        jti: randomUUID(), // Henvis takes each launch token once
        ...(needPatientBanner === undefined ? {} : { need_patient_banner: needPatientBanner }),
        ...(styleUrl ? { style_url: styleUrl } : {}),
        ...(theme ? { theme } : {}),
        ...(locale ? { locale } : {}),
      };
      return signFor(user, practice, launch, { type: 'launch+jwt', audience: to, lifetime: LAUNCH_LIFETIME_SECONDS });
    },
  };
}
