-- The offers catalogue of each navigator organisation (tilbudskatalog), in the HSDS shape of the contracts. Offers
-- are retired, never deleted: a course may link to them.
create table offers (
  id uuid primary key,
  navigator_org_id text not null,
  status text not null check (status in ('active', 'inactive', 'defunct')),
  content jsonb not null,
  updated_at timestamptz not null
);
create index offers_org on offers (navigator_org_id, status);
