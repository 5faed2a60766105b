// The roles apart from their schema (`Role` in context.ts), so a rule that turns on the role loads no zod.

/** Roles in a GP practice that may refer (læge, sygeplejerske, jordemoder, andet praksispersonale). */
export const practiceRoles = ['doctor', 'nurse', 'midwife', 'practice_staff'] as const;
/** Roles on the receiving side: social navigator (socialnavigatør, brobygger) and project coordinator. */
export const navigatorRoles = ['navigator', 'coordinator'] as const;
/** Every role a Henvis user can have in the referral work. */
export const roles = [...practiceRoles, ...navigatorRoles] as const;
/**
 * The tenant administrator (administrator): keeps the navigator organisations, the practices they serve and the
 * vendors' webhooks. A role of its own, apart from `roles`: it is never an actor on a referral, and an admin token
 * is taken by /v1/admin only (see AdminTokenClaims).
 */
export const adminRoles = ['admin'] as const;

export type PracticeRole = (typeof practiceRoles)[number];
export type NavigatorRole = (typeof navigatorRoles)[number];
export type Role = (typeof roles)[number];
export type AdminRole = (typeof adminRoles)[number];

export function isPracticeRole(role: Role): role is PracticeRole {
  return (practiceRoles as readonly string[]).includes(role);
}
