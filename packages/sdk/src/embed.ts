import type { ConsultationContext, Locale, Practitioner } from '@henvis/contracts';
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
  OnMessageSent,
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

/** The consultation (konsultationskontekst) the widget works in: the patient and the practice. */
export interface HenvisContext extends Omit<ConsultationContext, 'practitioner'> {
  /**
   * @deprecated Ignored. Who refers is whoever the token names: the dialog shows the token's `name`, as the API
   * stores it on the referral, so a page can never show one name while the referral gets another.
   */
  practitioner?: Practitioner;
}

/**
 * Catching up (indhentning): the widget hands the journal every change since the last one it filed for this
 * practice and patient, so nothing that happened while the journal was closed is missing from the patient record.
 */
export interface HenvisCatchUp {
  /**
   * The `meta.position` of the last note your journal filed for this practice and patient, as you stored it with the
   * notes; `null` when it has filed none (the first time): the patient's whole history in Henvis is handed over
   * once. On mount, the widget hands over, in order, through the same callbacks as live changes (`onReferralSent`,
   * `onStatusChanged`, `onMessageReceived`, `onMessageSent`, `onConsentRecorded`, `onConsentWithdrawn`), every change
   * after it, then the live ones. File by `meta.noteId`, once each.
   */
  after: string | null;
}

export interface HenvisMountOptions {
  /** Base URL of the Henvis API. */
  apiUrl: string;
  /** The consultation context (konsultationskontekst): the patient and the practice. */
  context: HenvisContext;
  /**
   * Returns a token signed by the vendor's backend for this user and patient. The widget keeps the token until
   * shortly before it expires and asks again with `{ refresh: true }` when the API turns it away, and widgets asking
   * at once share one call (`cacheToken`); a new patient (`update({ context })`) gets a new token.
   */
  getToken: GetToken;
  /** What the widget shows; `both` (the button and the status) when not given. */
  view?: HenvisView;
  /**
   * Hand over what happened while the journal was closed (see `HenvisCatchUp`). Without it, a widget showing the status
   * hands over the changes made while it is mounted only. Runs in the widgets that show the status (`status`, `both`);
   * give the same to each on the page, and a new one with `update({ context, catchUp })` for another patient.
   */
  catchUp?: HenvisCatchUp;
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
  /** The practice wrote to the navigator (the GP's reply, from this desk or another); file its `journalNote`. */
  onMessageSent?: OnMessageSent;
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
