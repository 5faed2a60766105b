-- The launch page (POST /launch): a launch token's jti is taken once, across every instance and restart, and kept
-- until the token could no longer verify (its exp plus the clock tolerance); then it is purged.
create table launch_jtis (
  issuer text not null,
  jti text not null,
  expires_at timestamptz not null,
  primary key (issuer, jti)
);
create index launch_jtis_expiry on launch_jtis (expires_at);

-- A launch session: the cookie holds a random id, the table only its SHA-256, so a copy of the table opens no
-- session. `launch` is the verified launch's context (practitioner, practice, patient) and page options, read by the
-- launched page and kept no longer than the session.
create table launch_sessions (
  id_hash text primary key,
  issuer text not null,
  launch jsonb not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index launch_sessions_expiry on launch_sessions (expires_at);
