-- The audit log becomes tamper-evident. Each row gets its position in the chain (seq, in commit order) and
-- hash = SHA-256 of the previous row's hash and the row's canonical JSON, computed by the application from the
-- values it stores (src/audit/chain.ts). The head of the chain is one row, locked `for update` by every
-- transaction that writes audit lines, so positions follow commit order however many requests write at once.
alter table audit_log add column seq bigint unique;
alter table audit_log add column hash text;

create table audit_chain_head (
  singleton boolean primary key default true check (singleton),
  seq bigint not null,
  hash text not null
);
insert into audit_chain_head (seq, hash) values (0, repeat('0', 64));

-- Signed statements "the chain had this hash at this position at this time", written every N rows or hour
-- (src/audit/checkpoints.ts) and published outside the database too (the server's log, a file).
create table audit_checkpoints (
  seq bigint primary key,
  hash text not null,
  at timestamptz not null,
  key_id text not null,
  signature text not null
);

-- Append only. The one update allowed gives a row written before this migration its place in the chain
-- (at start-up, src/audit/chain.ts); once chained, a row can be neither changed nor removed. The hash is the real
-- evidence (a superuser can drop a trigger); this stops the quiet edit by a mistaken script.
create function audit_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and tg_table_name = 'audit_log' and old.seq is null and new.seq is not null then
    return new;
  end if;
  raise exception '% is append-only: % refused', tg_table_name, lower(tg_op) using errcode = '42501';
end
$$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_append_only();
create trigger audit_checkpoints_append_only before update or delete on audit_checkpoints
  for each row execute function audit_append_only();
create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
  for each statement execute function audit_append_only();
