import * as z from 'zod/mini';
import { roles, type Role as RoleName } from './roles.js';
import { AuthorisationId, CprNumber, EmailAddress, PhoneNumber, SorCode, Ydernummer, requiredText, text } from './identifiers.js';

export const Role = z.enum(roles);
export type Role = RoleName;

/** How the citizen can be reached (kontaktoplysninger). Phone or e-mail is an inclusion criterion. */
export const Contact = z.strictObject({
  /** Phone (telefon). */
  phone: z.optional(PhoneNumber),
  /** E-mail. */
  email: z.optional(EmailAddress),
  /** The citizen accepts SMS on the phone number. */
  sms: z.optional(z.boolean()),
  /** When the citizen prefers to be contacted (bedste tidspunkt), in their own words. */
  bestTime: z.optional(text(200)),
});
export type Contact = z.infer<typeof Contact>;

/** The citizen (borgeren) as the journal knows them. The birth date is derived from the CPR number. */
export const Patient = z.strictObject({
  /** CPR number (personnummer). */
  cpr: CprNumber,
  /** Full name (navn). */
  name: requiredText(200),
});
export type Patient = z.infer<typeof Patient>;

/** A GP practice (lægepraksis), named by ydernummer and/or SOR code. */
export const Practice = z.strictObject({
  /** Henvis' identifier of the practice: its ydernummer, or its SOR code where it has none. */
  id: requiredText(64),
  /** Practice name (praksisnavn). */
  name: requiredText(200),
  /** SOR code (SOR-kode). */
  sorCode: z.optional(SorCode),
  /** Ydernummer. */
  ydernummer: z.optional(Ydernummer),
});
export type Practice = z.infer<typeof Practice>;

/** A person acting in Henvis: the referring practitioner (henviser) or a navigator. */
export const Practitioner = z.strictObject({
  /** Stable subject identifier from the token issuer. */
  id: requiredText(200),
  /** Name (navn). */
  name: requiredText(200),
  /** Role (rolle). */
  role: Role,
  /** Authorisation ID (autorisations-ID) for authorised health professionals. */
  authorisationId: z.optional(AuthorisationId),
});
export type Practitioner = z.infer<typeof Practitioner>;

/** The consultation context (konsultationskontekst) a journal system hands to the widget. */
export const ConsultationContext = z.strictObject({
  patient: z.extend(Patient, { contact: z.optional(Contact) }),
  practice: Practice,
  practitioner: Practitioner,
});
export type ConsultationContext = z.infer<typeof ConsultationContext>;
