import * as z from 'zod/mini';
import { ConsultationContext, Contact } from './context.js';
import { CprNumber, Instant, requiredText } from './identifiers.js';
import type { ProblemCode } from './error-codes.js';
import { TokenClaims } from './token.js';

/** The JOSE `typ` of a launch token (opstartstoken): never an access token's `at+jwt`, so neither passes for the other. */
export const LAUNCH_TOKEN_TYPE = 'launch+jwt';
/** A launch token lives at most 60 seconds (`exp - iat`): it is posted once, right after it is signed. */
export const MAX_LAUNCH_TOKEN_LIFETIME_SECONDS = 60;
/** Signature algorithms of a launch token. */
export const LAUNCH_TOKEN_ALGORITHMS = ['ES256'] as const;
/** The form field of `POST /launch` that holds the launch token. */
export const LAUNCH_FORM_FIELD = 'launch';
/** Where the launch page is served, below the API's public URL: `https://api.henvis.example/launch`. */
export const LAUNCH_PATH = '/launch';

const cssLength = z.string().check(z.regex(/^\d{1,3}(\.\d{1,3})?(px|rem|em)$/, { error: 'invalid_css_length' }));
const cssColour = z.string().check(z.regex(/^#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/, { error: 'invalid_colour' }));

/**
 * The vendor's look for the launched page (udseende): the same keys as the widget's `HenvisTheme`, each a plain
 * colour (`#rrggbb`), length (`14px`) or font list, so that nothing but a value reaches the page's styles.
 */
export const LaunchTheme = z.strictObject({
  colorPrimary: z.optional(cssColour),
  colorOnPrimary: z.optional(cssColour),
  colorText: z.optional(cssColour),
  colorBackground: z.optional(cssColour),
  colorBorder: z.optional(cssColour),
  colorDanger: z.optional(cssColour),
  fontFamily: z.optional(z.string().check(z.regex(/^[A-Za-z0-9 ,"'-]{1,200}$/, { error: 'invalid_font_family' }))),
  fontSize: z.optional(cssLength),
  radius: z.optional(cssLength),
  density: z.optional(z.enum(['compact', 'comfortable'])),
});
export type LaunchTheme = z.infer<typeof LaunchTheme>;

/**
 * Claims of a launch token: what a journal vendor's backend signs to open Henvis in a page of its own (like a SMART
 * on FHIR EHR launch). The practitioner, practice and patient are the claims of an access token (`TokenClaims`),
 * here with the patient's name, which the referral needs; `jti` makes it single-use, and the options shape the page.
 */
export const LaunchClaims = z.extend(TokenClaims, {
  /** A fresh id per launch token: Henvis takes each once. */
  jti: requiredText(200),
  /** The patient of the consultation (patientkontekst): a launch is always for one. */
  patient: z.object({ cpr: CprNumber, name: requiredText(200), contact: z.optional(Contact) }),
  /** `false` when the journal shows the patient already: the page leaves its patient banner out. */
  need_patient_banner: z.optional(z.boolean()),
  /** A stylesheet of the vendor's (https) for the page around the widget; it may set the `--henvis-*` properties. */
  style_url: z.optional(z.url({ protocol: /^https?$/, error: 'invalid_url' })),
  /** Colours, font and density for the widget, as `HenvisTheme`. */
  theme: z.optional(LaunchTheme),
  /** The page's language: Danish (`da`, the default) or English. */
  locale: z.optional(z.enum(['da', 'en'])),
});
export type LaunchClaims = z.infer<typeof LaunchClaims>;

/**
 * What the launched page reads from `GET /launch/context` with its session cookie: the consultation context for the
 * widget and the page's options. Never in a URL.
 */
export const LaunchContext = z.strictObject({
  context: ConsultationContext,
  /** Show the patient banner (name and CPR number) above the widget. */
  needPatientBanner: z.boolean(),
  theme: z.optional(LaunchTheme),
  locale: z.enum(['da', 'en']),
  /** The API the widget calls: the launch page's own origin. */
  apiUrl: z.string(),
  /** When the launch session ends; the page then asks the GP to open Henvis from the journal again. */
  expiresAt: Instant,
});
export type LaunchContext = z.infer<typeof LaunchContext>;

/** `POST /launch/token`: an access token for the session's practitioner and patient, signed by Henvis' launch key. */
export const LaunchAccessToken = z.strictObject({ token: z.string(), expiresAt: Instant });
export type LaunchAccessToken = z.infer<typeof LaunchAccessToken>;

/** The codes only the launch pages answer with; the /v1 API never does, so its OpenAPI document leaves them out. */
export const launchProblemCodes = [
  'launch_token_missing',
  'launch_token_too_long',
  'launch_token_replayed',
  'launch_session_missing',
  'launch_cross_origin',
] as const satisfies readonly ProblemCode[];
