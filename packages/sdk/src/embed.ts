import type { ConsultationContext, Locale } from '@henvis/contracts';
import type { GetToken } from './client.js';
import type { OnError, OnReady, OnReferralQueued, OnReferralSent, OnStatusChanged } from './events.js';

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

/** What the widget shows: the launcher button (knap), the patient's referral status (status), or both. */
export type HenvisView = 'launcher' | 'status' | 'both';

export interface HenvisMountOptions {
  /** Base URL of the Henvis API. */
  apiUrl: string;
  /** The consultation context (konsultationskontekst): patient, practice, practitioner. */
  context: ConsultationContext;
  /** Returns a token signed by the vendor's backend for this user and patient. */
  getToken: GetToken;
  view?: HenvisView;
  /** Danish first (`da`, the default), English second. */
  locale?: Locale;
  theme?: HenvisTheme;
  onReady?: OnReady;
  onReferralSent?: OnReferralSent;
  onReferralQueued?: OnReferralQueued;
  onStatusChanged?: OnStatusChanged;
  onError?: OnError;
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
  /** Removes the widget and releases its timers and listeners for good. */
  destroy(): void;
}

/** The widget's embed API: what `loadHenvis` resolves to, and what the Module Federation remote exposes. */
export interface Henvis {
  readonly version: string;
  /** Mounts the widget into an element (or a CSS selector of one). */
  mount(element: string | HTMLElement, options: HenvisMountOptions): HenvisHandle;
}
