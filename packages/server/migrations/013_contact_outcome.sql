-- What came of a contact: only one that reached the citizen is a first contact, so a call nobody answered no
-- longer stops the first-contact clock. The contacts logged before were counted as reached, and stay so; from
-- now on each contact says its outcome, so the default goes once they have it.
alter table contact_log add column outcome text not null default 'reached'
  check (outcome in ('reached', 'not_reached', 'left_message'));
alter table contact_log alter column outcome drop default;
