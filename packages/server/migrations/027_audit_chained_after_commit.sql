-- Audit lines are written unchained, in the transaction of their work, and the chainer (audit/chain.ts) gives them
-- their positions and hashes within a moment of their commit. Appending to the chain in every transaction held its
-- head until commit: every audited request in the installation waited on one row. The chainer finds the lines it
-- has still to chain here.
create index audit_log_unchained on audit_log (id) where seq is null;
