import type { ConsultationContext, Locale } from '@henvis/contracts';
import type { GetToken } from './client.js';
import type {
  OnConsentRecorded,
  OnConsentWithdrawn,
  OnError,
  OnReady,
  OnReferralQueued,
  OnReferralSent,
  OnStatusChanged,
  OnMessageReceived,
  OnWho5Recorded,
} from './events.js';

/**
 * Looks for the host: each maps to a CSS custom property of the widget (`--henvis-color-primary`, …), so the
 * widget looks native in the journal.
 */
export interface HenvisTheme {
  /** Buttons and focus ring. */
  colorPrimary?: string;
  /** Text on `colorPrimary`. */
  colorOnPrimary?: string;
  colorText?: string;
  colorBackground?: string;
  colorBorder?: string;
  /** Errors and missing inclusion criteria. */
  colorDanger?: string;
  fontFamily?: string;
  /** Base font size, e.g. `14px`. */
  fontSize?: string;
  /** Corner radius, e.g. `4px`. */
  radius?: string;
  /** Spacing: `compact` for dense journal screens. */
  density?: 'compact' | 'comfortable';
}

/**
 * What the widget shows:
 * - `launcher`: the "Social henvisning" button (knap) that opens the referral dialog;
 * - `status`: the patient's referrals and where each stands (status);
 * - `both`: the button and the status (the default);
 * - `consent`: the two consents of one referral (samtykker: journal data and well-being data), each with its exact
 *   text, state and history, to record, decline or withdraw; needs `referralId`;
 * - `who5`: the WHO-5 well-being questionnaire (Trivselsindeks) of one referral, baseline or follow-up; needs
 *   `referralId`. Only navigators and coordinators may store WHO-5 answers.
 */
export type HenvisView = 'launcher' | 'status' | 'both' | 'consent' | 'who5';

/** How the WHO-5 view (trivselsskema) is shown. */
export interface HenvisWho5Options {
  /**
   * Who holds the screen: `navigator` (default) sees the score and what it suggests right after saving; `citizen`
   * (borgeren) sees the statements and their own answers only, never the score or a button that shows it, and is
   * asked to hand the screen back; the navigator reads the result in a `navigator` view.
   */
  audience?: 'navigator' | 'citizen';
  /** One statement per screen with Next and Back, for a tablet held by the citizen (ét udsagn ad gangen). */
  onePerScreen?: boolean;
}

export interface HenvisMountOptions {
  /** Base URL of the Henvis API. */
  apiUrl: string;
  /** The consultation context (konsultationskontekst): patient, practice, practitioner. */
  context: ConsultationContext;
  /** Returns a token signed by the vendor's backend for this user and patient. */
  getToken: GetToken;
  view?: HenvisView;
  /**
   * The referral (henvisning) the `consent` and `who5` views work on; mounting those views without it throws.
   * Consents and WHO-5 answers belong to a referral, so they are recorded after it has been sent.
   */
  referralId?: string;
  /** Options of the `who5` view. */
  who5?: HenvisWho5Options;
  /** Danish first (`da`, the default), English second. */
  locale?: Locale;
  theme?: HenvisTheme;
  /**
   * The nonce of your page's Content-Security-Policy (`style-src 'nonce-…'`), for a policy without `'unsafe-inline'`
   * for styles: the widget sets it on the `<style>` elements of its shadow root (indlejrede typografier), which such
   * a policy refuses otherwise. The launch page (docs/sdk.md, "Opened from the journal") passes its own.
   */
  cspNonce?: string;
  onReady?: OnReady;
  onReferralSent?: OnReferralSent;
  onReferralQueued?: OnReferralQueued;
  onStatusChanged?: OnStatusChanged;
  onError?: OnError;
  /** A consent decision was recorded; file its `journalNote`. */
  onConsentRecorded?: OnConsentRecorded;
  /** A consent was withdrawn; file its `journalNote`. */
  onConsentWithdrawn?: OnConsentWithdrawn;
  /** WHO-5 answers were stored (no answers or scores in the payload). */
  onWho5Recorded?: OnWho5Recorded;
  /** The navigator wrote to the practice; file its `journalNote`. */
  onMessageReceived?: OnMessageReceived;
}

/** What `update` may change on a mounted widget. */
export type HenvisUpdate = Partial<Omit<HenvisMountOptions, 'apiUrl' | 'getToken'>>;

/** A mounted widget. Calls before it is ready, or after `destroy()`, warn in the console and do nothing. */
export interface HenvisHandle {
  /** Changes the context (another patient), language, theme or callbacks without remounting. */
  update(props: HenvisUpdate): void;
  /** Opens the referral dialog, as a click on the launcher does. */
  open(): void;
  /** Removes the widget from the page; `mount` on the handle's Henvis puts a new one in place. */
  unmount(): void;
  /**
   * Removes the widget and releases its timers and listeners for good. A referral still waiting to be delivered
   * is not sent: `onError` gets `delivery_cancelled` for it.
   */
  destroy(): void;
}

/** The widget's embed API: what `loadHenvis` resolves to, and what the Module Federation remote exposes. */
export interface Henvis {
  readonly version: string;
  /** Mounts the widget into an element (or a CSS selector of one). */
  mount(element: string | HTMLElement, options: HenvisMountOptions): HenvisHandle;
}
