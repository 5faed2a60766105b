import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The launch page (launch/routes.ts): how a journal opens Henvis in a page of its own with a signed launch token. */
export interface LaunchConfig {
  /** Where the widget's files are served: the page loads `<widgetUrl>/script/henvis.js`. */
  widgetUrl: string;
  /**
   * Henvis' launch signing key (ES256, P-256): it signs the access tokens a launch session hands the page, and the
   * API trusts its public half as the issuer `<publicUrl>/launch`. Every instance behind one URL needs the same key.
   */
  signingKey: KeyObject;
  /** How long a launch session lasts, in seconds. */
  sessionSeconds: number;
}

export const DEFAULT_LAUNCH_SESSION_MINUTES = 60;
const DEV_WIDGET_URL = 'http://127.0.0.1:4001';

/**
 * Reads the launch page's settings: HENVIS_LAUNCH_WIDGET_URL (the widget's files; in development
 * http://127.0.0.1:4001, in production its presence turns the launch page on), HENVIS_LAUNCH_SIGNING_KEY (a P-256
 * private key in PEM, or `@file`; required in production, generated at each start in development) and
 * HENVIS_LAUNCH_SESSION_MINUTES (5-720, default 60). Production also needs an https HENVIS_PUBLIC_URL: the launch
 * URL a vendor signs for is `<HENVIS_PUBLIC_URL>/launch`. Errors name the variable; `fail` makes them ConfigErrors.
 */
export function parseLaunchConfig(
  env: NodeJS.ProcessEnv,
  mode: 'development' | 'production',
  publicUrl: string | undefined,
  fail: (message: string) => Error,
): LaunchConfig | undefined {
  const widgetSource = env.HENVIS_LAUNCH_WIDGET_URL?.trim() || (mode === 'development' ? DEV_WIDGET_URL : '');
  const keySource = env.HENVIS_LAUNCH_SIGNING_KEY?.trim();
  if (!widgetSource) {
    if (keySource) throw fail('HENVIS_LAUNCH_SIGNING_KEY is set but HENVIS_LAUNCH_WIDGET_URL is not: the launch page needs both');
    return undefined;
  }
  let widget: URL;
  try {
    widget = new URL(widgetSource);
  } catch {
    throw fail(`HENVIS_LAUNCH_WIDGET_URL: "${widgetSource}" is not a URL like https://widget.henvis.example`);
  }
  if (widget.search || widget.hash) throw fail('HENVIS_LAUNCH_WIDGET_URL: a URL without a query or fragment');
  if (widget.protocol !== 'https:' && !(mode === 'development' && widget.protocol === 'http:')) {
    throw fail('HENVIS_LAUNCH_WIDGET_URL must be https in production');
  }
  if (mode === 'production' && !publicUrl?.startsWith('https://')) {
    throw fail('the launch page needs HENVIS_PUBLIC_URL, https, in production: vendors sign launch tokens for <HENVIS_PUBLIC_URL>/launch');
  }

  let signingKey: KeyObject;
  if (keySource) {
    try {
      signingKey = createPrivateKey(keySource.startsWith('@') ? readFileSync(keySource.slice(1), 'utf8') : keySource);
    } catch (error) {
      throw fail(`HENVIS_LAUNCH_SIGNING_KEY must be a PEM private key (or @file): ${(error as Error).message}`);
    }
    if (signingKey.asymmetricKeyType !== 'ec' || signingKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw fail(
        'HENVIS_LAUNCH_SIGNING_KEY must be a P-256 key for ES256 (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256)',
      );
    }
  } else if (mode === 'development') {
    signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  } else {
    throw fail(
      'production mode needs HENVIS_LAUNCH_SIGNING_KEY with HENVIS_LAUNCH_WIDGET_URL: a P-256 private key in PEM (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256), or @file, the same on every instance',
    );
  }

  const minutesSource = env.HENVIS_LAUNCH_SESSION_MINUTES?.trim();
  const minutes = minutesSource ? Number(minutesSource) : DEFAULT_LAUNCH_SESSION_MINUTES;
  if (!Number.isInteger(minutes) || minutes < 5 || minutes > 720) {
    throw fail('HENVIS_LAUNCH_SESSION_MINUTES must be a whole number of minutes from 5 to 720');
  }
  return { widgetUrl: widget.href.replace(/\/$/, ''), signingKey, sessionSeconds: minutes * 60 };
}
