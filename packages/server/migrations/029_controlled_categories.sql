-- An offer's categories come from one controlled list: the HSDS taxonomy henvis-categories of the contracts
-- (category-taxonomy.ts), shared with the unmet needs. A category written as free text before is mapped onto the list
-- by its code or its Danish or English name, in any case; one the list has no word for moves to the offer's
-- categoryNote, after what the note said. Nothing is dropped. The names are the list's when this was written.
with terms (code, da, en) as (
  values
    ('community', 'fællesskab', 'community'),
    ('shared_meal', 'fællesspisning', 'shared meals'),
    ('physical_activity', 'fysisk aktivitet', 'physical activity'),
    ('walking', 'gåture', 'walks'),
    ('nature', 'natur', 'nature'),
    ('creative', 'kreative aktiviteter', 'creative activities'),
    ('choir', 'kor og sang', 'choir and singing'),
    ('learning', 'læring', 'learning'),
    ('volunteering', 'frivilligt arbejde', 'volunteering'),
    ('peer_support', 'ligesindede', 'peer support'),
    ('companion', 'følgeskab', 'companion service'),
    ('practical_help', 'praktisk hjælp', 'practical help'),
    ('men', 'for mænd', 'for men'),
    ('other', 'andet', 'other')
),
words as (
  select o.id, e.word, e.n,
    (select t.code from terms t where lower(btrim(e.word)) in (t.code, t.da, t.en) limit 1) as code
  from offers o, jsonb_array_elements_text(o.content -> 'categories') with ordinality as e (word, n)
  where jsonb_typeof(o.content -> 'categories') = 'array'
),
mapped as (
  select id,
    coalesce(
      (select jsonb_agg(c.code order by c.first) from (select code, min(n) as first from words x where x.id = w.id and code is not null group by code) c),
      '[]'::jsonb
    ) as categories,
    string_agg(case when code is null and btrim(word) <> '' then btrim(word) end, ', ' order by n) as note
  from words w
  group by id
)
update offers o
set content = jsonb_set(o.content, '{categories}', m.categories)
  || case when m.note is null then '{}'::jsonb
     else jsonb_build_object('categoryNote', concat_ws(', ', nullif(o.content ->> 'categoryNote', ''), m.note)) end
from mapped m
where m.id = o.id and (m.note is not null or m.categories <> o.content -> 'categories');
