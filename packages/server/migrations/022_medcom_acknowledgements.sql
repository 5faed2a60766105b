-- MedCom Acknowledgements (kvitteringer) of the CareCommunication messages a referral's dialogue is exported as. One
-- row per Acknowledgement, by its own MessageHeader id, so that one received twice (a retransmission) is recorded
-- once. The messages themselves are not stored: their ids are made from the referral and its parts (medcom/ids.ts),
-- so `message_header_id` is checked against the export of the referral when the Acknowledgement comes in.
create table medcom_acknowledgements (
  id text primary key check (length(id) between 1 and 64),
  referral_id uuid not null references referrals (id) on delete cascade,
  message_header_id uuid not null,
  -- What the acknowledged message carried: the referral, a message, or the course's end, by its id.
  part text not null check (part in ('referral', 'message', 'closing')),
  part_id uuid not null,
  code text not null check (code in ('ok', 'transient-error', 'fatal-error')),
  issues jsonb not null,
  sent_at timestamptz,
  sender_sor text not null,
  sender_name text,
  received_at timestamptz not null,
  recorded_by jsonb not null
);
create index medcom_acknowledgements_referral on medcom_acknowledgements (referral_id, received_at, id);
