// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Measures } from '@henvis/contracts';
import { HenvisError, type HenvisClient } from '@henvis/sdk';
import { Inbox, type InboxContext } from '../client-context.js';
import { referralMonths } from './results-chart-data.js';
import { exampleMeasures } from './results-fixture.js';
import { countShown, shownText } from './results-format.js';
import { Results } from './results.js';
import { ResultsReport } from './results-report.js';

const user: InboxContext['user'] = {
  sub: 'k1',
  name: 'Karen Koordinator',
  role: 'coordinator',
  org: { id: 'org-1', name: 'Norddjurs Kommune' },
};

function setup(getMeasures: HenvisClient['getMeasures'] = async () => exampleMeasures, view: 'results' | 'report' = 'results', query = '') {
  const client = { getMeasures: vi.fn<HenvisClient['getMeasures']>(getMeasures) };
  render(
    <Inbox.Provider value={{ client: client as Partial<HenvisClient> as HenvisClient, user }}>
      {view === 'results' ? <Results query={query} /> : <ResultsReport query={query} />}
    </Inbox.Provider>,
  );
  return client;
}

/** Text as read: Intl puts no-break spaces in "57,1 %". */
const read = (element: Element | null) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** A key figure's label, value and detail, each as read. */
const keyFigure = (key: string) => [...(document.querySelector(`[data-key="${key}"]`)?.children ?? [])].map(read).join(' ');
// Testing Library's name computation does not take a figure's name from its figcaption (browsers do).
const figure = (caption: string | RegExp) => screen.getByText(caption, { selector: 'figcaption' }).closest('figure') as HTMLElement;
const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.children].map(read));

afterEach(cleanup);

describe('results', () => {
  it('is tested with measures the contract accepts', () => {
    expect(Measures.safeParse(exampleMeasures).success).toBe(true);
  });

  it('shows the key figures against the goals, and the small-cell rule', async () => {
    setup();
    expect(screen.getByRole('heading', { level: 1, name: 'Resultater' })).toBeTruthy();
    expect(screen.getByText('Henter resultaterne…')).toBeTruthy();
    await screen.findByRole('heading', { name: 'Nøgletal' });
    expect(keyFigure('referrals')).toBe('Henviste borgere 96 Mål: 700 på 2 år. Tempoet ved periodens slutning: 175.');
    expect(keyFigure('linked')).toBe(
      'Koblet til et tilbud inden for 3 måneder 57,1 % 20 af 35 borgere henvist for mindst 3 måneder siden. Mål: 50 %.',
    );
    expect(keyFigure('firstContact')).toBe('Første kontakt, median 26,5 timer 90. percentil (9 ud af 10 inden for): 70 timer.');
    expect(keyFigure('withinDeadline')).toContain('80 % 72 af 90 henvisninger');
    expect(keyFigure('who5Change')).toBe(
      'WHO-5, gennemsnitlig ændring +8,4 point Fra 20 parrede målinger. Forbedret 10 point eller mere: 45 %.',
    );
    expect(keyFigure('who5Completion')).toContain('80 % 20 af 25, hvis vindue er åbnet. For sent taget (tæller ikke med): < 5.');
    expect(keyFigure('contacts')).toBe(
      'Kontakter pr. afsluttet forløb, median 8 Kvartiler: 6–11. Sædvanligt 6-12; inden for: 73,3 %. Afsluttede forløb: 30.',
    );
    expect(screen.getByText(exampleMeasures.smallCellRule.da)).toBeTruthy();
    expect(screen.getByText('Periode: januar 2026 – juni 2026', { exact: false })).toBeTruthy();
  });

  it('shows hidden counts as "< 5", and withheld counts and shares as "–" with why', async () => {
    setup();
    await screen.findByRole('heading', { name: 'Nøgletal' });
    expect(keyFigure('attending')).toBe(
      'Deltager stadig efter 3 måneder – (skjult: færre end 5) < 5 af 12, der startede i et tilbud for mindst 3 måneder siden.',
    );
    const closing = screen.getByRole('table', { name: 'Afsluttede forløb efter årsag (i alt 30)' });
    expect(rowsOf(closing)).toEqual([
      ['Målet er nået', '12'],
      ['En del af et fællesskab', '9'],
      ['Borgeren takkede nej', '< 5'],
      ['Borgeren kunne ikke kontaktes', '< 5'],
      ['Borgeren er flyttet', '0'],
      ['Har brug for anden faglig hjælp', '5'],
      ['Andet', '0'],
    ]);
    const rejections = screen.getByRole('table', { name: 'Afviste henvisninger efter årsag (i alt 8)' });
    expect(rowsOf(rejections)[0]).toEqual(['Uden for målgruppen', '– (skjult: ville afsløre et lille tal)']);
    expect(rowsOf(rejections)[1]).toEqual(['Bor uden for kommunen', '< 5']);
    expect(rowsOf(screen.getByRole('table', { name: 'Inklusionskriterier, der ikke var opfyldt (af 14 henvisninger)' }))[0]).toEqual([
      'Under 18 år: kan henvises, men der indsamles ikke data',
      '< 5',
    ]);
    expect(rowsOf(screen.getByRole('table', { name: 'Udækkede behov efter kategori og område' }))).toEqual([
      ['Fysisk aktivitet', 'Allingåbro', '6'],
      ['Fællesskab', 'Grenaa, midtby', '< 5'],
    ]);
  });

  it('draws each chart in a figure with a caption, and shows its numbers as a table on the toggle', async () => {
    setup();
    await screen.findByRole('heading', { name: 'Nøgletal' });
    expect(screen.getAllByRole('figure')).toHaveLength(4);
    const monthly = figure('Henvisninger pr. måned mod tempoet til 700 på 2 år');
    // Bars only for the months with a count to show; February says "< 5", March (withheld) "–".
    const plotted = referralMonths(exampleMeasures).filter((row) => row.value !== null);
    await waitFor(() => expect(monthly.querySelectorAll('svg rect')).toHaveLength(plotted.length));
    const marks = [...monthly.querySelectorAll('svg text')].map(read);
    expect(marks).toEqual(expect.arrayContaining(['< 5', '–']));
    expect(
      within(monthly)
        .getAllByRole('img')
        .map((svg) => svg.getAttribute('aria-label')),
    ).toEqual([
      expect.stringContaining('Søjlediagram over henvisninger pr. måned'),
      expect.stringContaining('Linjediagram over henvisninger i alt'),
    ]);
    expect(within(monthly).getByText('Sådan er det beregnet')).toBeTruthy();
    expect(within(monthly).getByText(exampleMeasures.referrals.definition.da)).toBeTruthy();

    const toggle = within(monthly).getByRole('button', { name: 'Vis som tabel' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(within(monthly).queryByRole('table')).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const table = within(monthly).getByRole('table', { name: 'Henvisninger pr. måned mod tempoet til 700 på 2 år' });
    expect(within(table).getAllByRole('columnheader').map(read)).toEqual([
      'Henvisningsmåned',
      'Henvisninger',
      'Henvisninger i alt',
      'Tempo mod 700',
    ]);
    expect(within(table).getAllByRole('rowheader').map(read)[0]).toBe('januar 2026');
    expect(rowsOf(table).map((row) => row[1])).toEqual(referralMonths(exampleMeasures).map((row) => shownText(countShown(row.count))));
    expect(rowsOf(table).map((row) => row[1])).toEqual(['12', '< 5', '– (skjult: ville afsløre et lille tal)', '20', '25', '27']);
    expect(rowsOf(table)[1]![2]).toBe('– (skjult: ville afsløre et lille tal)');
    expect(rowsOf(table).map((row) => row[3])).toEqual(['29,2', '58,3', '87,5', '116,7', '145,8', '175']);
    fireEvent.click(toggle);
    expect(within(monthly).queryByRole('table')).toBeNull();
  });

  it('plots per practice, the linked share against 50 % and WHO-5 before and after, with the same numbers in their tables', async () => {
    setup();
    await screen.findByRole('heading', { name: 'Nøgletal' });
    const practices = figure('Henvisninger pr. praksis');
    await waitFor(() => expect(practices.querySelectorAll('svg rect')).toHaveLength(1));
    fireEvent.click(within(practices).getByRole('button', { name: 'Vis som tabel' }));
    expect(rowsOf(within(practices).getByRole('table'))).toEqual([
      ['Lægehuset Grenaa', '60'],
      ['Lægerne i Auning', '– (skjult: ville afsløre et lille tal)'],
      ['Allingåbro Lægehus', '< 5'],
    ]);

    const linked = figure(/Andel koblet til et tilbud inden for 3 måneder/);
    expect(linked.querySelectorAll('svg rect')).toHaveLength(3);
    fireEvent.click(within(linked).getByRole('button', { name: 'Vis som tabel' }));
    const linkedRows = rowsOf(within(linked).getByRole('table'));
    expect(linkedRows[0]).toEqual(['januar 2026', '6', '12', '50 %']);
    expect(linkedRows[1]).toEqual(['februar 2026', '< 5', '< 5', '– (skjult: færre end 5)']);
    expect(linkedRows[4]).toEqual(['maj 2026', '0', '0', '– (intet at beregne af endnu)']);

    const who5 = figure('WHO-5 før og efter: baseline mod opfølgning');
    expect(who5.querySelectorAll('svg rect')).toHaveLength(2 + 3);
    fireEvent.click(within(who5).getByRole('button', { name: 'Vis som tabel' }));
    expect(rowsOf(within(who5).getByRole('table'))).toEqual([
      ['Gennemsnit (0-100)', '44,2', '52,6'],
      ['Andel ≤ 50', '65 % (13 af 20)', '40 % (8 af 20)'],
      ['Andel ≤ 28', '25 % (5 af 20)', '– (skjult: færre end 5)'],
    ]);
  });

  it('reloads with the period and the practice chosen, and does not send a period that runs backwards', async () => {
    const client = setup();
    await screen.findByRole('heading', { name: 'Nøgletal' });
    expect(client.getMeasures).toHaveBeenCalledWith({}, expect.anything());
    const practice = screen.getByLabelText('Praksis');
    expect(within(practice).getAllByRole('option').map(read)).toEqual([
      'Alle praksisser',
      'Allingåbro Lægehus',
      'Lægehuset Grenaa',
      'Lægerne i Auning',
    ]);

    fireEvent.change(screen.getByLabelText('Fra måned'), { target: { value: '2026-02' } });
    await waitFor(() => expect(client.getMeasures).toHaveBeenLastCalledWith({ from: '2026-02' }, expect.anything()));
    fireEvent.change(screen.getByLabelText('Til måned'), { target: { value: '2026-05' } });
    await waitFor(() => expect(client.getMeasures).toHaveBeenLastCalledWith({ from: '2026-02', to: '2026-05' }, expect.anything()));
    // A load for one practice still lists every practice served, to choose another.
    fireEvent.change(screen.getByLabelText('Praksis'), { target: { value: '123456' } });
    await waitFor(() =>
      expect(client.getMeasures).toHaveBeenLastCalledWith({ from: '2026-02', to: '2026-05', practice: '123456' }, expect.anything()),
    );
    await screen.findByRole('heading', { name: 'Nøgletal' });
    expect(within(screen.getByLabelText('Praksis')).getAllByRole('option')).toHaveLength(4);
    expect(screen.getByRole('link', { name: 'Rapport til styregruppen (til udskrift)' }).getAttribute('href')).toBe(
      '#/results/report?from=2026-02&to=2026-05&practice=123456',
    );

    const calls = client.getMeasures.mock.calls.length;
    fireEvent.change(screen.getByLabelText('Fra måned'), { target: { value: '2026-09' } });
    expect(screen.getByRole('alert').textContent).toBe('"Fra måned" skal ligge før eller i "til måned".');
    expect(screen.getByLabelText('Fra måned').getAttribute('aria-invalid')).toBe('true');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(client.getMeasures.mock.calls.length).toBe(calls);
  });

  it('starts from the filter in its address', async () => {
    const client = setup(undefined, 'results', 'from=2026-03&practice=234567');
    await screen.findByRole('heading', { name: 'Nøgletal' });
    expect(client.getMeasures).toHaveBeenCalledWith({ from: '2026-03', practice: '234567' }, expect.anything());
    expect(screen.getByLabelText<HTMLInputElement>('Fra måned').value).toBe('2026-03');
  });

  it('says when the measures could not be fetched, and tries again', async () => {
    const client = setup(async () => Promise.reject(new HenvisError('role_not_allowed', { status: 403 })));
    expect((await screen.findByRole('alert')).textContent).not.toBe('');
    client.getMeasures.mockResolvedValue(exampleMeasures);
    fireEvent.click(screen.getByRole('button', { name: 'Prøv igen' }));
    expect(await screen.findByRole('heading', { name: 'Nøgletal' })).toBeTruthy();
    expect(client.getMeasures).toHaveBeenCalledTimes(2);
  });
});

describe('the steering group report', () => {
  it('states the period, the key figures against the goals, their definitions and the small-cell rule, and prints', async () => {
    const client = setup(undefined, 'report', 'from=2026-01&to=2026-06');
    expect(screen.getByRole('heading', { level: 1, name: 'Resultatrapport til styregruppen' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Status mod målene' });
    expect(client.getMeasures).toHaveBeenCalledWith({ from: '2026-01', to: '2026-06' }, expect.anything());
    expect(screen.getByText('Periode: januar 2026 – juni 2026')).toBeTruthy();
    expect(screen.getByText('Udarbejdet af Norddjurs Kommune')).toBeTruthy();
    expect(within(table).getAllByRole('columnheader').map(read)).toEqual(['Nøgletal', 'Resultat', 'Mål']);
    const row = (key: string) => [...(table.querySelector(`[data-key="${key}"]`)?.children ?? [])].map(read);
    expect(row('referrals')).toEqual(['Henviste borgere', '96Mål: 700 på 2 år. Tempoet ved periodens slutning: 175.', '700 på 24 måneder']);
    expect(row('linked')[2]).toBe('50 %');
    expect(row('withinDeadline')[2]).toBe('Inden for 2 arbejdsdage');
    expect(row('contacts')[2]).toBe('Sædvanligt 6-12');
    expect(row('attending')[1]).toContain('– (skjult: færre end 5)');
    expect(screen.getByRole('heading', { name: 'Definitioner' })).toBeTruthy();
    for (const key of ['referrals', 'linked', 'firstContact', 'contacts', 'who5'] as const)
      expect(screen.getByText(exampleMeasures[key].definition.da)).toBeTruthy();
    expect(screen.getByText(exampleMeasures.smallCellRule.da)).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Henvis – Resultatrapport til styregruppen 2026-01–2026-06'));
    expect(screen.getByRole('link', { name: '← Tilbage til resultaterne' }).getAttribute('href')).toBe('#/results?from=2026-01&to=2026-06');

    const print = vi.fn();
    Object.defineProperty(window, 'print', { value: print, configurable: true });
    fireEvent.click(screen.getByRole('button', { name: 'Udskriv eller gem som PDF' }));
    expect(print).toHaveBeenCalledOnce();
  });
});
