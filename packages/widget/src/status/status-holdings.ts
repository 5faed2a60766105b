import type { ConsentRecord, Message, Referral, ReferralEvent } from '@henvis/contracts';

/** What the status list shows of each referral besides the referral itself. */
export type Part = 'events' | 'consents' | 'messages';
export const partNames: readonly Part[] = ['events', 'consents', 'messages'];
export interface PartItems {
  events: ReferralEvent[];
  consents: ConsentRecord[];
  messages: Message[];
}

export interface StatusView {
  state: 'loading' | 'ready' | 'error';
  referrals: Referral[];
  events: Record<string, ReferralEvent[]>;
  /** Each referral's consent decisions, newest first. */
  consents: Record<string, ConsentRecord[]>;
  /** Each referral's messages, oldest first. */
  messages: Record<string, Message[]>;
}

/** A value and the look it came from. */
interface Held<T> {
  value: T;
  look: number;
}

/**
 * What one status list holds: the referrals and their parts, each with the look (a number counting up) whose
 * answer it is, so that an earlier look answering late never overwrites what a later one brought.
 */
export interface StatusHoldings {
  referral(id: string): Referral | undefined;
  part<P extends Part>(part: P, id: string): PartItems[P] | undefined;
  holdReferral(referral: Referral, look: number): void;
  holdPart<P extends Part>(part: P, id: string, items: PartItems[P], look: number): void;
  /** After a look at the whole list: its referrals, and those that later looks brought in. */
  keepListed(listed: readonly Referral[], look: number): void;
  view(state: StatusView['state']): StatusView;
}

export function createHoldings(): StatusHoldings {
  let referrals = new Map<string, Held<Referral>>();
  const parts: { [P in Part]: Map<string, Held<PartItems[P]>> } = { events: new Map(), consents: new Map(), messages: new Map() };
  const hold = <T>(map: Map<string, Held<T>>, id: string, value: T, look: number) => {
    const held = map.get(id);
    if (!held || held.look <= look) map.set(id, { value, look });
  };
  return {
    referral: (id) => referrals.get(id)?.value,
    part: (part, id) => parts[part].get(id)?.value,
    holdReferral: (referral, look) => hold(referrals, referral.id, referral, look),
    holdPart: (part, id, items, look) => hold(parts[part] as Map<string, Held<PartItems[Part]>>, id, items, look),
    keepListed(listed, look) {
      const kept = new Map(listed.map((r) => [r.id, { value: r, look }]));
      for (const [id, held] of referrals) if (held.look > look) kept.set(id, held);
      referrals = kept;
    },
    view(state) {
      const list = [...referrals.values()].map((h) => h.value).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      const of = <P extends Part>(part: P) => {
        const record: Record<string, PartItems[P]> = {};
        for (const r of list) {
          const held = (parts[part] as Map<string, Held<PartItems[P]>>).get(r.id);
          if (held) record[r.id] = held.value;
        }
        return record;
      };
      return { state, referrals: list, events: of('events'), consents: of('consents'), messages: of('messages') };
    },
  };
}
