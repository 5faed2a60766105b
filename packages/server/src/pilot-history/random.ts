/**
 * A small seeded pseudo-random generator (mulberry32) with the draws the pilot history needs: the same seed gives
 * the same history on every machine, so every demo shows the same figures.
 */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  chance(p: number): boolean;
  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number;
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** One of the values, each as likely as its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T;
  /** A normally distributed number (Box-Muller). */
  normal(mean: number, sd: number): number;
  /** A version 4 UUID drawn from this generator. */
  uuid(): string;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const hex = (n: number, digits: number) => Math.floor(n).toString(16).padStart(digits, '0');

export function seededRandom(seed: number): Random {
  const next = mulberry32(seed);
  const random: Random = {
    next,
    chance: (p) => next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    weighted<T>(choices: readonly (readonly [T, number])[]): T {
      const total = choices.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [value, weight] of choices) {
        r -= weight;
        if (r < 0) return value;
      }
      const last = choices.at(-1);
      if (!last) throw new Error('weighted pick from no choices');
      return last[0];
    },
    normal(mean, sd) {
      const u = 1 - next();
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    uuid() {
      const r = () => next() * 0x10000;
      const variant = (8 + Math.floor(next() * 4)).toString(16);
      return `${hex(r(), 4)}${hex(r(), 4)}-${hex(r(), 4)}-4${hex(next() * 0x1000, 3)}-${variant}${hex(next() * 0x1000, 3)}-${hex(r(), 4)}${hex(r(), 4)}${hex(r(), 4)}`;
    },
  };
  return random;
}

/** The generator of item `n` of a history seeded with `seed`: each item draws from its own stream. */
export const streamOf = (seed: number, n: number): Random => seededRandom((seed ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0);
