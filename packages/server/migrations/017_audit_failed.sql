-- A request the server failed (5xx) is audited too, as 'failed': neither allowed nor refused.
alter table audit_log drop constraint audit_log_outcome_check;
alter table audit_log add constraint audit_log_outcome_check check (outcome in ('ok', 'denied', 'refused', 'failed'));
