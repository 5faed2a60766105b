// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { csvField, toCsv } from '@henvis/contracts';
import type { HenvisClient } from '@henvis/sdk';
import { Inbox } from '../client-context.js';
import { csvFileName, tableCsv } from './results-csv.js';
import { exampleMeasures } from './results-fixture.js';
import { closingTable, monthlyTable, unmetNeedsTable } from './results-tables.js';
import { Results } from './results.js';

const BOM = '\uFEFF';
const period = exampleMeasures.period;

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('CSV of the results', () => {
  it('quotes a field with a comma, a quote or a line break, and doubles its quotes', () => {
    expect(csvField('Grenaa')).toBe('Grenaa');
    expect(csvField('< 5')).toBe('< 5');
    expect(csvField('Grenaa, midtby')).toBe('"Grenaa, midtby"');
    expect(csvField('"Fra måned"')).toBe('"""Fra måned"""');
    expect(csvField('to\nlinjer')).toBe('"to\nlinjer"');
    expect(csvField('to\r\nlinjer')).toBe('"to\r\nlinjer"');
    expect(csvField('')).toBe('');
  });

  it('keeps a field from being run as a spreadsheet formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+45 12')).toBe("'+45 12");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('– (skjult)')).toBe('– (skjult)');
  });

  it('writes a header row and CRLF lines after a UTF-8 byte order mark', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['1', '2, 3'],
      ]),
    ).toBe(`${BOM}a,b\r\n1,"2, 3"\r\n`);
  });

  it('writes a table as it is shown, "< 5" and "–" with their notes included', () => {
    expect(tableCsv(closingTable(exampleMeasures))).toBe(
      BOM +
        [
          'Årsag,Antal',
          'Målet er nået,12',
          'En del af et fællesskab,9',
          'Borgeren takkede nej,< 5',
          'Borgeren kunne ikke kontaktes,< 5',
          'Borgeren er flyttet,0',
          'Har brug for anden faglig hjælp,5',
          'Andet,0',
        ].join('\r\n') +
        '\r\n',
    );
    const lines = tableCsv(monthlyTable(exampleMeasures)).slice(1).split('\r\n');
    expect(lines[0]).toBe('Henvisningsmåned,Henvisninger,Henvisninger i alt,Tempo mod 700');
    expect(lines[1]).toBe('januar 2026,12,12,"29,2"');
    expect(lines[2]).toBe('februar 2026,< 5,– (skjult: ville afsløre et lille tal),"58,3"');
    expect(tableCsv(unmetNeedsTable(exampleMeasures)).split('\r\n')[2]).toBe('Fællesskab,"Grenaa, midtby",< 5');
  });

  it('names the file after the table and the period', () => {
    expect(csvFileName(closingTable(exampleMeasures), period)).toBe('henvis-closing-reasons-2026-01-2026-06.csv');
  });

  it('downloads every table of the page as CSV through a Blob URL', async () => {
    const client = { getMeasures: vi.fn<HenvisClient['getMeasures']>(async () => exampleMeasures) };
    render(
      <Inbox.Provider
        value={{
          client: client as Partial<HenvisClient> as HenvisClient,
          user: { sub: 'k1', name: 'Karen Koordinator', role: 'coordinator', org: { id: 'org-1', name: 'Norddjurs Kommune' } },
        }}
      >
        <Results query="" />
      </Inbox.Provider>,
    );
    await screen.findByRole('heading', { name: 'Nøgletal' });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:henvis-csv'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
      expect(this.href).toBe('blob:henvis-csv');
    });
    const buttons = screen.getAllByRole('button', { name: /^Hent CSV: / });
    expect(buttons).toHaveLength(8);
    for (const button of buttons) fireEvent.click(button);
    expect(names).toEqual(
      [
        'referrals-by-month',
        'referrals-by-practice',
        'linked-by-month',
        'who5',
        'closing-reasons',
        'rejection-reasons',
        'inclusion-flags',
        'unmet-needs',
      ].map((name) => `henvis-${name}-2026-01-2026-06.csv`),
    );
    expect(blobs[4]!.type).toBe('text/csv;charset=utf-8');
    // The byte order mark is three bytes of UTF-8, which a decoder takes as the sign of UTF-8 and drops.
    const bytes = new Uint8Array(await blobs[4]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe(tableCsv(closingTable(exampleMeasures)).slice(1));
    expect(screen.getByRole('button', { name: 'Hent CSV: Afsluttede forløb efter årsag (i alt 30)' })).toBeTruthy();
  });
});
