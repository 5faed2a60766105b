-- The control of refused access reads the refused, denied and failed lines of a period (GET /v1/audit/refusals):
-- a few among every read and write, so a partial index on their time alone. The query repeats this predicate.
create index audit_log_refusals on audit_log (at) where outcome in ('refused', 'denied', 'failed');
