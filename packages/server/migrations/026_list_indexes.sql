-- The inbox's and the journal's lists at national size (1,000,000 referrals over 2,000 practices): a list is read as
-- a merge of short ordered index scans, one per practice (and status) it spans or per status of an owner, each
-- stopping after a page, so it costs its page times the practices it spans, not the table (listReferrals in
-- src/referrals/store.ts). What a list filters on sits in the index it scans, so the scan reads no row it does not
-- return. The ALTER TABLE rewrites `referrals` and the CREATE INDEXes read it, each holding off writes (the ALTER
-- reads too) while it runs: about a minute and a half on a table of 1,000,000 referrals; see docs/operations.md.

-- The form a name is searched in, on both sides of the comparison: lower case, accents off and the Danish letters as
-- a keyboard without them writes them (é -> e, ü -> u, ø -> o, å and aa -> a, æ -> ae, ß -> ss), hyphens as spaces,
-- runs of spaces as one. Upper-case letters are mapped here, not only by lower(), which leaves non-ASCII letters as
-- they are in a database of the C locale.
create function henvis_search_text(value text) returns text language sql immutable strict parallel safe
return btrim(regexp_replace(
  replace(replace(replace(replace(lower(translate(value,
    'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïðñòóôõöøùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľĿŀŁłŃńŅņŇňŌōŎŏŐőŒŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽž',
    'aaaaaaæceeeeiiiidnoooooouuuuyaaaaaaceeeeiiiidnoooooouuuuyyaaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjkkllllllllllnnnnnnooooooœrrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzz')),
    'æ', 'ae'), 'œ', 'oe'), 'ß', 'ss'), 'aa', 'a'),
  '[[:space:]-]+', ' ', 'g'));

-- The keys a name is found by: each run of three characters of its searched form, named with the practice
-- ('045678|jor', '045678|org', ...). A name holding a searched text holds all of that text's runs, so the keys of
-- the text select every name holding it (and a few more, which the LIKE that follows drops). With the practice in the
-- key, a key's list of referrals is one practice's: a search reads the hits in the caller's practices and nothing of
-- the rest of the country. pg_trgm was measured for this and not taken: its trigram lists are the whole country's,
-- so each practice searched read every list ('Søren Jørgensen': 963 pages, 15 ms per practice at 1,000,000), and
-- PGlite would need it loaded. The key names its practice unambiguously: the run is always the last 3 characters.
create function henvis_name_keys(practice text, name text) returns text[] language sql immutable strict parallel safe
return array(select practice || '|' || substr(name, i, 3) from generate_series(1, length(name) - 2) as i order by i);

-- The texts of a jsonb array (a referral's reasons); null for anything else.
create function henvis_jsonb_texts(value jsonb) returns text[] language sql immutable strict parallel safe
return case when jsonb_typeof(value) = 'array' then array(select jsonb_array_elements_text(value)) end;

-- What the lists filter on, kept by PostgreSQL from the row itself (no writer needs to know of them).
alter table referrals
  add column search_name text generated always as (henvis_search_text(content->'patient'->>'name')) stored,
  add column reasons text[] generated always as (henvis_jsonb_texts(content->'reasons')) stored,
  add column owner_id text generated always as (owner->>'id') stored,
  add column owner_org text generated always as (owner->>'orgId') stored;

-- A practice's referrals by time (the journal's list, a navigator's without a status, a name too short for keys),
-- and by status and time (the inbox's "new", "sent", ...), each with what the other filters read.
drop index referrals_practice_created;
create index referrals_practice_list on referrals (practice_id, created_at, id) include (status, owner_id, reasons, search_name);
create index referrals_practice_status_list on referrals (practice_id, status, created_at, id) include (owner_id, reasons);
-- A navigator's caseload (an owner is a navigator of an organisation), by status and time.
drop index referrals_owner_created;
create index referrals_owner_list on referrals (owner_org, owner_id, status, created_at, id) include (practice_id)
  where owner_id is not null;
-- The name search. A short pending list (64 kB, some twenty names) keeps a create's cost of it at ~0.07 ms, where
-- writing a name's thirty keys into the index at once cost ~0.25 ms, and each search reads that list too: ~0.05 ms.
create index referrals_name_keys on referrals using gin (henvis_name_keys(practice_id, search_name))
  with (fastupdate = on, gin_pending_list_limit = 64);

-- A list or a search is audited as one line (resource_type 'referral_list') whose detail names what it listed,
-- '<referral id>:<patient pseudonym>,...' (src/audit/referral-list.ts). "Who saw this citizen" finds those lines by
-- this index, beside the lines that name the citizen in patient_key (audit_log_patient).
create index audit_log_listed on audit_log using gin (string_to_array(translate(detail, ':', ','), ','))
  where resource_type = 'referral_list';
