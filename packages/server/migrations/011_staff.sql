-- The navigators and coordinators each organisation has seen sign in: whom a referral can be handed over to.
-- Filled from verified tokens (the organisation's identity provider is the directory), never typed in.
create table staff (
  org_id text not null,
  sub text not null,
  name text not null,
  role text not null,
  last_seen timestamptz not null,
  primary key (org_id, sub)
);
