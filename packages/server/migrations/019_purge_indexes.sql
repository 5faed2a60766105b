-- The purge (src/purge) deletes ended courses a batch of referrals at a time; the delete cascades to every table
-- holding a referral id and checks every foreign key into the rows it removes. Without these indexes each of
-- those lookups reads its whole table, once per referral, message and consent deleted.
create index outbox_events_referral on outbox_events (referral_id);
create index unmet_needs_referral on unmet_needs (referral_id);
create index disclosures_referral on disclosures (referral_id);
create index disclosures_consent on disclosures (consent_id);
create index messages_in_reply_to on messages (in_reply_to) where in_reply_to is not null;
-- The delivery log names an event by its outbox position only.
create index webhook_deliveries_seq on webhook_deliveries (seq);
