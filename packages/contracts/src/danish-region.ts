/** Denmark's five regions (regioner), by their official names. */
export const danishRegions = [
  'Region Hovedstaden',
  'Region Sjælland',
  'Region Syddanmark',
  'Region Midtjylland',
  'Region Nordjylland',
] as const;
export type DanishRegion = (typeof danishRegions)[number];

const [H, S, SD, M, N] = danishRegions;

// Postal codes in the ranges below whose municipality lies in another region: Greve and Solrød (2670-2690),
// Frederikssund (4050 Skibby), Hedensted (7130-7171), Herning (7270, 7280), Struer (7790 Thyholm), Viborg (9632).
const exceptions: Record<string, DanishRegion> = {
  '2670': S,
  '2680': S,
  '2690': S,
  '4050': H,
  '7130': M,
  '7140': M,
  '7150': M,
  '7160': M,
  '7171': M,
  '7270': M,
  '7280': M,
  '7790': M,
  '9632': M,
};

const ranges: [first: number, last: number, region: DanishRegion][] = [
  [800, 3799, H], // København, Nordsjælland, Bornholm (3900-3999 are Greenland's)
  [4000, 4999, S],
  [5000, 6879, SD], // Fyn, Sønderjylland, Esbjerg, Varde
  [6880, 6999, M], // Ringkøbing-Skjern
  [7000, 7329, SD], // Fredericia, Vejle, Billund
  [7330, 7699, M],
  [7700, 7799, N], // Thisted
  [7800, 7899, M], // Skive
  [7900, 7999, N], // Morsø
  [8000, 8999, M],
  [9000, 9999, N],
];

/**
 * The region (HSDS `state_province`) of a Danish postal code's area, by the municipality it lies in; `undefined` for
 * a code that is not a Danish one. A postal code that straddles a region border is given the region of most of it.
 */
export function danishRegionOf(postalCode: string): DanishRegion | undefined {
  if (!/^\d{4}$/.test(postalCode)) return undefined;
  const exception = exceptions[postalCode];
  if (exception) return exception;
  const code = Number(postalCode);
  return ranges.find(([first, last]) => first <= code && code <= last)?.[2];
}
