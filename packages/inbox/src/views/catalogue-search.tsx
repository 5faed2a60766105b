import { useState } from 'preact/hooks';
import { categoriesByName, categoryLabels, type OfferQuery, type Weekday } from '@henvis/contracts';
import { locale, textsOf } from '../locale.js';
import { catalogueTexts } from './catalogue-texts.js';
import { weekdays } from './offer-draft.js';

const t = textsOf(catalogueTexts);

interface Criteria {
  q: string;
  category: '' | NonNullable<OfferQuery['category']>;
  area: string;
  weekday: '' | Weekday;
  time: string;
  includeRetired: boolean;
}
const noCriteria: Criteria = { q: '', category: '', area: '', weekday: '', time: '', includeRetired: false };

function queryOf(c: Criteria): Partial<OfferQuery> {
  const query: Partial<OfferQuery> = {};
  for (const key of ['q', 'area', 'time'] as const) if (c[key].trim()) query[key] = c[key].trim();
  if (c.category) query.category = c.category;
  if (c.weekday) query.weekday = c.weekday;
  if (c.includeRetired) query.includeRetired = 'true';
  return query;
}

/**
 * The search of the offers catalogue, wherever it is searched (the catalogue, a citizen's course): free text, a
 * category of the one list, area, weekday and time. `idPrefix` keeps its fields' ids apart from another form's;
 * `retired` offers the coordinators' "retired too".
 */
export function OfferSearch({
  idPrefix,
  titleId,
  retired = false,
  onSearch,
}: {
  idPrefix: string;
  /** The heading that names the search (the form is a search landmark labelled by it). */
  titleId: string;
  retired?: boolean;
  onSearch: (query: Partial<OfferQuery>) => void;
}) {
  const [criteria, setCriteria] = useState(noCriteria);
  const set = <K extends keyof Criteria>(key: K, value: Criteria[K]) => setCriteria((c) => ({ ...c, [key]: value }));
  const id = (field: string) => `${idPrefix}-${field}`;
  const s = t.value.search;
  const l = locale.value;
  return (
    <form
      class="search"
      role="search"
      aria-labelledby={titleId}
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(queryOf(criteria));
      }}
    >
      <div class="field">
        <label for={id('q')}>{s.q}</label>
        <input id={id('q')} type="search" maxLength={100} value={criteria.q} onInput={(e) => set('q', e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={id('category')}>{s.category}</label>
        <select
          id={id('category')}
          value={criteria.category}
          onChange={(e) => set('category', e.currentTarget.value as Criteria['category'])}
        >
          <option value="">{s.allCategories}</option>
          {categoriesByName(l).map((c) => (
            <option key={c} value={c}>
              {categoryLabels[l][c]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={id('area')}>{s.area}</label>
        <input id={id('area')} maxLength={100} value={criteria.area} onInput={(e) => set('area', e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={id('weekday')}>{s.weekday}</label>
        <select id={id('weekday')} value={criteria.weekday} onChange={(e) => set('weekday', e.currentTarget.value as Criteria['weekday'])}>
          <option value="">{s.anyWeekday}</option>
          {weekdays.map((d) => (
            <option key={d} value={d}>
              {t.value.weekdays[d]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={id('time')}>{s.time}</label>
        <input id={id('time')} type="time" value={criteria.time} onInput={(e) => set('time', e.currentTarget.value)} />
      </div>
      {retired && (
        <label class="check">
          <input type="checkbox" checked={criteria.includeRetired} onChange={(e) => set('includeRetired', e.currentTarget.checked)} />
          {s.includeRetired}
        </label>
      )}
      <div class="actions">
        <button type="submit" class="primary">
          {s.submit}
        </button>
        <button
          type="button"
          onClick={() => {
            setCriteria(noCriteria);
            onSearch({});
          }}
        >
          {s.reset}
        </button>
      </div>
    </form>
  );
}
