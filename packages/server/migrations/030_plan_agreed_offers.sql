-- The plan's agreed offers are the course's offer links now, not a list of names of the plan's own. Every version of
-- a plan that listed offers by name keeps them in its note, after what the note said; the list leaves the plan.
update plans
set content = (content - 'agreedOffers')
  || case
    when jsonb_typeof(content -> 'agreedOffers') = 'array' and jsonb_array_length(content -> 'agreedOffers') > 0 then
      jsonb_build_object('note', concat_ws(E'\n\n', nullif(content ->> 'note', ''),
        'Aftalte tilbud (fra planen, før tilbuddene blev koblet fra kataloget): '
          || (select string_agg(e.name, '; ' order by e.n) from jsonb_array_elements_text(content -> 'agreedOffers') with ordinality as e (name, n))))
    else '{}'::jsonb
  end
where content ? 'agreedOffers';
