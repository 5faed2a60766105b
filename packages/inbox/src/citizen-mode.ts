import { signal } from '@preact/signals';

const KEY = 'henvis-inbox-citizen-mode';

/** The course whose WHO-5 the citizen answers on this tab, and the navigator who handed the screen over. */
export interface CitizenMode {
  referralId: string;
  /** The navigator's `sub`: only they get the screen back, and another login on this tab never lands in it. */
  handedOverBy: string;
}

function stored(): CitizenMode | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<CitizenMode> | null;
    return typeof value?.referralId === 'string' && typeof value.handedOverBy === 'string'
      ? { referralId: value.referralId, handedOverBy: value.handedOverBy }
      : null;
  } catch {
    return null;
  }
}

/**
 * Citizen mode (borgertilstand): while it is on, the tab shows the citizen the WHO-5 statements and nothing else of
 * the inbox, whatever the address says. It is kept in the tab's sessionStorage, so a reload, the browser's back
 * button or a typed address stays in it; only the navigator's hand-back (`endCitizenMode`) ends it.
 */
export const citizenMode = signal<CitizenMode | null>(typeof sessionStorage === 'undefined' ? null : stored());

export function startCitizenMode(mode: CitizenMode): void {
  sessionStorage.setItem(KEY, JSON.stringify(mode));
  citizenMode.value = mode;
}

export function endCitizenMode(): void {
  sessionStorage.removeItem(KEY);
  citizenMode.value = null;
}
