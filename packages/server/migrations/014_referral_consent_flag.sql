-- A consent exists once: as a consent record, with the text shown, its version and its hash. The referral's own
-- consent flags (a select in the GP's dialog) could contradict those records and are gone from the contract;
-- here they go from what is stored, and from the answers kept for replays of a create.
update referrals set content = content - 'consent' where content ? 'consent';
update idempotency_keys set response_body = response_body - 'consent' where response_body ? 'consent';
