-- What the pilot's measures rest on.
-- A WHO-5 follow-up taken after its window closed (8 months after the baseline) is kept but counted apart.
alter table who5_responses add column late boolean not null default false;
