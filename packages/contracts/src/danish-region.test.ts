import { describe, expect, it } from 'vitest';
import { danishRegionOf } from './danish-region.js';

describe('the region of a Danish postal code (HSDS state_province)', () => {
  it('follows the municipality, also where a range crosses a region border', () => {
    const regions = Object.fromEntries(
      [
        '8500',
        '8963',
        '2100',
        '3700',
        '2670',
        '4050',
        '4000',
        '5000',
        '6700',
        '6900',
        '7100',
        '7130',
        '7330',
        '7700',
        '7790',
        '7800',
        '7900',
        '9000',
        '9632',
      ].map((code) => [code, danishRegionOf(code)]),
    );
    expect(regions).toEqual({
      '8500': 'Region Midtjylland', // Grenaa, Norddjurs
      '8963': 'Region Midtjylland', // Auning
      '2100': 'Region Hovedstaden',
      '3700': 'Region Hovedstaden', // Rønne, Bornholm
      '2670': 'Region Sjælland', // Greve
      '4050': 'Region Hovedstaden', // Skibby, Frederikssund
      '4000': 'Region Sjælland',
      '5000': 'Region Syddanmark',
      '6700': 'Region Syddanmark',
      '6900': 'Region Midtjylland', // Skjern
      '7100': 'Region Syddanmark', // Vejle
      '7130': 'Region Midtjylland', // Juelsminde, Hedensted
      '7330': 'Region Midtjylland', // Brande
      '7700': 'Region Nordjylland', // Thisted
      '7790': 'Region Midtjylland', // Thyholm, Struer
      '7800': 'Region Midtjylland', // Skive
      '7900': 'Region Nordjylland', // Nykøbing Mors
      '9000': 'Region Nordjylland',
      '9632': 'Region Midtjylland', // Møldrup, Viborg
    });
  });

  it('has none for a code that is not a Danish one', () => {
    expect(['3900', '0100', '850', '85000', 'abcd'].map(danishRegionOf)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
