import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../config.js';

const pem = (key: ReturnType<typeof generateKeyPairSync>['privateKey']) => key.export({ format: 'pem', type: 'pkcs8' }).toString();
const launchKey = pem(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const production = {
  HENVIS_MODE: 'production',
  HENVIS_AUDIT_SIGNING_KEY: pem(generateKeyPairSync('ed25519').privateKey),
  HENVIS_TRUSTED_ISSUERS: JSON.stringify([
    { issuer: 'https://vendor.example', kind: 'journal_vendor', jwks: { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1' }] } },
  ]),
  HENVIS_PSEUDONYM_KEY: 'a-production-secret-of-at-least-32-chars',
  DATABASE_URL: 'postgres://henvis@db/henvis',
};
const launching = {
  ...production,
  HENVIS_PUBLIC_URL: 'https://api.henvis.example',
  HENVIS_LAUNCH_WIDGET_URL: 'https://widget.henvis.example/',
  HENVIS_LAUNCH_SIGNING_KEY: launchKey,
};

describe('the launch configuration', () => {
  it('is on in development, with the demo widget and a key generated at each start', () => {
    const one = configFromEnv({}).launch;
    const two = configFromEnv({}).launch;
    expect(one).toMatchObject({ widgetUrl: 'http://127.0.0.1:4001', sessionSeconds: 3600 });
    expect(one?.signingKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(one?.signingKey.equals(two!.signingKey)).toBe(false);
    expect(configFromEnv({ HENVIS_LAUNCH_WIDGET_URL: 'http://127.0.0.1:5001', HENVIS_LAUNCH_SESSION_MINUTES: '15' }).launch).toMatchObject({
      widgetUrl: 'http://127.0.0.1:5001',
      sessionSeconds: 900,
    });
  });

  it('is off in production unless the widget URL is given, and then takes the configured key', () => {
    expect(configFromEnv(production).launch).toBeUndefined();
    const launch = configFromEnv(launching).launch;
    expect(launch?.widgetUrl).toBe('https://widget.henvis.example');
    const dir = mkdtempSync(join(tmpdir(), 'henvis-launch-'));
    writeFileSync(join(dir, 'launch.pem'), launchKey);
    const fromFile = configFromEnv({ ...launching, HENVIS_LAUNCH_SIGNING_KEY: `@${join(dir, 'launch.pem')}` }).launch;
    expect(fromFile?.signingKey.equals(launch!.signingKey)).toBe(true);
  });

  it.each([
    ['no launch signing key', { HENVIS_LAUNCH_SIGNING_KEY: undefined }, /production mode needs HENVIS_LAUNCH_SIGNING_KEY/],
    ['no public URL', { HENVIS_PUBLIC_URL: undefined }, /HENVIS_PUBLIC_URL, https/],
    ['an http public URL', { HENVIS_PUBLIC_URL: 'http://api.henvis.example' }, /HENVIS_PUBLIC_URL, https/],
    ['an http widget URL', { HENVIS_LAUNCH_WIDGET_URL: 'http://widget.henvis.example' }, /HENVIS_LAUNCH_WIDGET_URL must be https/],
    ['a widget URL that is no URL', { HENVIS_LAUNCH_WIDGET_URL: 'widget' }, /HENVIS_LAUNCH_WIDGET_URL: "widget" is not a URL/],
    ['a widget URL with a query', { HENVIS_LAUNCH_WIDGET_URL: 'https://widget.example/?v=1' }, /HENVIS_LAUNCH_WIDGET_URL: a URL without/],
    ['a key that is not PEM', { HENVIS_LAUNCH_SIGNING_KEY: 'secret' }, /HENVIS_LAUNCH_SIGNING_KEY must be a PEM private key/],
    ['an Ed25519 key', { HENVIS_LAUNCH_SIGNING_KEY: pem(generateKeyPairSync('ed25519').privateKey) }, /P-256 key for ES256/],
    ['a P-384 key', { HENVIS_LAUNCH_SIGNING_KEY: pem(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey) }, /P-256/],
    [
      'a session of two minutes',
      { HENVIS_LAUNCH_SESSION_MINUTES: '2' },
      /HENVIS_LAUNCH_SESSION_MINUTES must be a whole number of minutes from 5 to 720/,
    ],
    ['a session of a day', { HENVIS_LAUNCH_SESSION_MINUTES: '1440' }, /HENVIS_LAUNCH_SESSION_MINUTES/],
    [
      'a key without a widget URL',
      { HENVIS_LAUNCH_WIDGET_URL: undefined },
      /HENVIS_LAUNCH_SIGNING_KEY is set but HENVIS_LAUNCH_WIDGET_URL is not/,
    ],
  ])('refuses production with %s, naming the variable', (_what, change, message) => {
    expect(() => configFromEnv({ ...launching, ...change })).toThrow(message);
  });
});
