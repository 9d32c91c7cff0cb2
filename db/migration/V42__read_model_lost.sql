-- The loss analysis joins the dashboards' read model (issue 18 §1, D64). It was the last figure of the branch and
-- bank pages read from the opportunity rows themselves: every opportunity lost in the period, with its product and
-- owner (at 5× the data, 10M opportunities, its statement took 2.5 s, the longest of the whole-bank page). Now lost
-- opportunities are summed by bank day of closing, branch, owner, product and lost reason (n, Σ amount): the page
-- reads narrow rows in day order, and the product's category and the owner's name are joined at read time, so an
-- edited product or a renamed user needs no re-keying. Kept exact by a row trigger of its own on opportunity (fires
-- only when a lost opportunity's counted columns change, or an opportunity becomes or stops being lost), slotted as
-- V37's tables (no two transactions write the same row) and folded by rollup_compact().

create table rollup_lost_day (
    day           date         not null,
    branch_id     bigint       not null,
    owner_id      bigint,
    product_code  varchar(32)  not null,
    lost_reason   varchar(32),
    slot          bigint       not null default 0,
    n             bigint       not null default 0,
    amount        numeric      not null default 0,
    constraint rollup_lost_day_key unique nulls not distinct (day, branch_id, owner_id, product_code, lost_reason, slot)
);
create index rollup_lost_day_slot_idx on rollup_lost_day (slot) where slot <> 0;

-- What an opportunity lost (PipelineRules.LOST_IN_PERIOD: status LOST, counted on the bank day it closed) adds, moved
-- from its old row to its new one: one grouped upsert, keys whose sums do not change skipped.
create function rollup_lost() returns trigger
    language plpgsql as
$$
begin
    insert into rollup_lost_day as r (day, branch_id, owner_id, product_code, lost_reason, slot, n, amount)
    select rollup_day(v.closed_at), v.branch_id, v.owner_id, v.product_code, v.lost_reason, rollup_slot(),
           sum(v.sign), sum(v.amount * v.sign)
    from (values (old.status, old.closed_at, old.branch_id, old.owner_id, old.product_code, old.lost_reason,
                  old.amount, -1),
                 (new.status, new.closed_at, new.branch_id, new.owner_id, new.product_code, new.lost_reason,
                  new.amount, 1))
         v(status, closed_at, branch_id, owner_id, product_code, lost_reason, amount, sign)
    where v.status = 'LOST' and v.closed_at is not null
    group by 1, 2, 3, 4, 5
    having sum(v.sign) <> 0 or sum(v.amount * v.sign) <> 0
    order by 1, 2, 3, 4, 5
    on conflict (day, branch_id, owner_id, product_code, lost_reason, slot) do update
        set n = r.n + excluded.n, amount = r.amount + excluded.amount;
    return null;
end
$$;

create trigger rollup_lost_insert after insert on opportunity
    for each row when (new.status = 'LOST')
    execute function rollup_lost();
create trigger rollup_lost_update after update on opportunity
    for each row
    when ((old.status = 'LOST' or new.status = 'LOST')
          and (old.status, old.closed_at, old.branch_id, old.owner_id, old.product_code, old.lost_reason, old.amount)
              is distinct from
              (new.status, new.closed_at, new.branch_id, new.owner_id, new.product_code, new.lost_reason, new.amount))
    execute function rollup_lost();
create trigger rollup_lost_delete after delete on opportunity
    for each row when (old.status = 'LOST')
    execute function rollup_lost();

-- The table from the rows (the backfill below, and rollup_rebuild()).
create function rollup_rebuild_lost() returns void
    language plpgsql as
$$
begin
    truncate rollup_lost_day;
    insert into rollup_lost_day (day, branch_id, owner_id, product_code, lost_reason, n, amount)
    select rollup_day(closed_at), branch_id, owner_id, product_code, lost_reason, count(*), sum(amount)
    from opportunity
    where status = 'LOST' and closed_at is not null
    group by 1, 2, 3, 4, 5
    order by 1, 2, 3, 4, 5;
end
$$;

create or replace function rollup_rebuild() returns void
    language plpgsql as
$$
begin
    perform rollup_rebuild_dashboard();
    perform rollup_rebuild_open_pipeline();
    perform rollup_rebuild_customers_and_referrals();
    perform rollup_rebuild_lost();
end
$$;

-- The fold of V38 (V37's tables and V38's) keeps its work under another name; rollup_compact() folds this table too,
-- under the same advisory lock.
alter function rollup_compact() rename to rollup_compact_to_v38;

create function rollup_compact() returns bigint
    language plpgsql as
$$
declare
    folded  bigint;
    counted bigint;
begin
    perform pg_advisory_xact_lock(hashtext('rollup_compact'));
    folded := rollup_compact_to_v38();

    with d as (delete from rollup_lost_day where slot <> 0 returning *)
    insert into rollup_lost_day as r (day, branch_id, owner_id, product_code, lost_reason, slot, n, amount)
    select day, branch_id, owner_id, product_code, lost_reason, 0, sum(n), sum(amount) from d
    group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
    on conflict (day, branch_id, owner_id, product_code, lost_reason, slot) do update
        set n = r.n + excluded.n, amount = r.amount + excluded.amount;
    get diagnostics counted = row_count;
    return folded + counted;
end
$$;

select rollup_rebuild_lost();

analyze rollup_lost_day;
