-- An alert's owner_id and branch_id are its record's owner and branch as they are NOW (D52), no longer as they
-- were when it was raised: every list, count and figure of alerts is scoped by the record as it is now, and reading
-- that through the opportunity and the customer of each alert made the bank's count join a million alerts to two
-- million opportunities. Triggers on the two records keep the copy current in the transaction that changes them,
-- whatever path changes an owner or a branch (a reassignment, a handover, a feed, a customer changing hands).
-- A trigger cannot see the alerts a running evaluation has written and not yet committed, so it first takes the
-- evaluation's advisory lock (AlertEvaluationStore.LOCK_KEY, "ALERTS" in ASCII) shared: a change of hands waits for a
-- running evaluation to commit, and an evaluation waits for the changes of hands in flight, so the alerts it writes
-- read their records' owners after them.

update alert a set owner_id = o.owner_id, branch_id = o.branch_id
from opportunity o
where o.id = a.opportunity_id
  and (a.owner_id is distinct from o.owner_id or a.branch_id <> o.branch_id);

update alert a set owner_id = c.owner_id, branch_id = c.branch_id
from customer c
where a.opportunity_id is null and c.id = a.customer_id
  and (a.owner_id is distinct from c.owner_id or a.branch_id <> c.branch_id);

create function alert_follows_opportunity() returns trigger
    language plpgsql as
$$
begin
    perform pg_advisory_xact_lock_shared(71795836343379);
    update alert set owner_id = new.owner_id, branch_id = new.branch_id where opportunity_id = new.id;
    return null;
end
$$;

create trigger alert_follows_opportunity
    after update of owner_id, branch_id on opportunity
    for each row
    when (new.owner_id is distinct from old.owner_id or new.branch_id is distinct from old.branch_id)
    execute function alert_follows_opportunity();

create function alert_follows_customer() returns trigger
    language plpgsql as
$$
begin
    perform pg_advisory_xact_lock_shared(71795836343379);
    update alert set owner_id = new.owner_id, branch_id = new.branch_id
    where customer_id = new.id and opportunity_id is null;
    return null;
end
$$;

create trigger alert_follows_customer
    after update of owner_id, branch_id on customer
    for each row
    when (new.owner_id is distinct from old.owner_id or new.branch_id is distinct from old.branch_id)
    execute function alert_follows_customer();

-- The figures count open alerts per branch (the dashboard, the head's page) and per owner (My day, the bell's
-- alerts) without touching the records.
create index alert_open_branch_idx on alert (branch_id, code) where status = 'OPEN';
create index alert_open_owner_idx on alert (owner_id) where status = 'OPEN';
