-- The dashboards' read model (D54, D57) takes in the last figures the whole-bank page still read from the rows
-- (issue 18 §1): the tier pyramid and company sizes (every customer of the selection: 0.7 s for the bank) and the
-- referral channels (every referral with its opportunity: 0.6–0.9 s).
--
-- 1. rollup_customer_structure: customers by branch, type, tier and company size (n, Σ AUM, Σ annual contribution).
--    Kept by statement-level triggers with transition tables: a feed or a tier migration that updates a million
--    customers in one statement adds one grouped upsert, not a million; a single customer's edit a one-row group.
--    Keys whose sums do not change (an edit of a phone number) write nothing.
-- 2. rollup_referral_day: referrals by their branch, channel and bank day, dim
--      R  referred that day (referral.created_at)
--      C  its opportunity created that day
--      W  its opportunity won that day (closed_at), L lost that day
--    kept by the referral's own row triggers and by an opportunity's change of status, creation or closing time
--    (each re-counts the referrals that point to it). An opportunity with referrals cannot be deleted (the foreign
--    key has no action), so its delete needs no trigger here.
-- Both tables have the slot of V37 (0 settled, else the writing transaction's), folded by rollup_compact().
-- 3. The first overdue actions of a page (due date, then id) read V36's index of pending actions, which had the due
--    date only: to order by id within a date the scan read and sorted the whole first date (20,000 actions at bank
--    size, 0.7 s for the bank's first ten; 1.4 s for a sub-branch's, whose filter ran over all of them). With the id
--    in the index the scan stops at the tenth.

drop index follow_up_pending_due_idx;
create index follow_up_pending_due_idx on follow_up (next_action_date, id)
    where next_action_date is not null and not next_action_done;

create table rollup_customer_structure (
    branch_id     bigint       not null,
    type          varchar(16)  not null,
    tier          varchar(16)  not null,
    company_size  varchar(16),
    slot          bigint       not null default 0,
    n             bigint       not null default 0,
    aum           numeric      not null default 0,
    contribution  numeric      not null default 0,
    constraint rollup_customer_structure_key unique nulls not distinct (branch_id, type, tier, company_size, slot)
);
create index rollup_customer_structure_slot_idx on rollup_customer_structure (slot) where slot <> 0;

create table rollup_referral_day (
    dim        char(1)      not null,
    day        date         not null,
    branch_id  bigint       not null,
    channel    varchar(16)  not null,
    slot       bigint       not null default 0,
    n          bigint       not null default 0,
    constraint rollup_referral_day_key unique (dim, day, branch_id, channel, slot)
);
create index rollup_referral_day_slot_idx on rollup_referral_day (slot) where slot <> 0;

-- One trigger function for the three statement triggers (a trigger with transition tables has one event); the rows
-- it adds up are the statement's new rows (+1) and old rows (−1), as far as the event has them.
create function rollup_customer_structure() returns trigger
    language plpgsql as
$$
declare
    cols    text := 'branch_id, type, tier, company_size, aum, annual_contribution';
    changed text := case tg_op
        when 'INSERT' then format('select %s, 1 as sign from rollup_new', cols)
        when 'DELETE' then format('select %s, -1 as sign from rollup_old', cols)
        else format('select %1$s, 1 as sign from rollup_new union all select %1$s, -1 from rollup_old', cols) end;
begin
    execute format($q$
        insert into rollup_customer_structure as r (branch_id, type, tier, company_size, slot, n, aum, contribution)
        select c.branch_id, c.type, c.tier, c.company_size, rollup_slot(), sum(c.sign), sum(c.sign * c.aum),
               sum(c.sign * c.annual_contribution)
        from (%s) c
        group by 1, 2, 3, 4
        having sum(c.sign) <> 0 or sum(c.sign * c.aum) <> 0 or sum(c.sign * c.annual_contribution) <> 0
        order by 1, 2, 3, 4
        on conflict (branch_id, type, tier, company_size, slot) do update
            set n = r.n + excluded.n, aum = r.aum + excluded.aum, contribution = r.contribution + excluded.contribution
        $q$, changed);
    return null;
end
$$;

create trigger rollup_customer_structure_insert after insert on customer
    referencing new table as rollup_new
    for each statement execute function rollup_customer_structure();
create trigger rollup_customer_structure_update after update on customer
    referencing old table as rollup_old new table as rollup_new
    for each statement execute function rollup_customer_structure();
create trigger rollup_customer_structure_delete after delete on customer
    referencing old table as rollup_old
    for each statement execute function rollup_customer_structure();

-- What one referral counts: made at referred_at, and its opportunity as it is (created_at null: none). Scalars, not
-- the two rows: PostgreSQL 15 cannot plan the inlined function over a whole row from the outer side of a left join.
create function rollup_referral_rows(referred_at timestamptz, created_at timestamptz, status varchar,
                                     closed_at timestamptz) returns table (dim char(1), day date)
    language sql immutable as
$$
select 'R', rollup_day(referred_at)
union all
select 'C', rollup_day(created_at) where created_at is not null
union all
select case status when 'WON' then 'W' else 'L' end, rollup_day(closed_at)
where status in ('WON', 'LOST') and closed_at is not null
$$;

create function rollup_referral() returns trigger
    language plpgsql as
$$
begin
    insert into rollup_referral_day as t (dim, day, branch_id, channel, slot, n)
    select x.dim, x.day, (v.r).branch_id, (v.r).channel, rollup_slot(), sum(v.sign)
    from (values (old, -1), (new, 1)) v(r, sign)
    left join opportunity o on o.id = (v.r).opportunity_id
    cross join lateral rollup_referral_rows((v.r).created_at, o.created_at, o.status, o.closed_at) x
    where (v.r).id is not null
    group by 1, 2, 3, 4
    having sum(v.sign) <> 0
    order by 1, 2, 3, 4
    on conflict (dim, day, branch_id, channel, slot) do update set n = t.n + excluded.n;
    return null;
end
$$;

create trigger rollup_referral_insert after insert or delete on referral
    for each row execute function rollup_referral();
create trigger rollup_referral_update after update on referral
    for each row
    when ((old.branch_id, old.channel, old.created_at, old.opportunity_id)
          is distinct from (new.branch_id, new.channel, new.created_at, new.opportunity_id))
    execute function rollup_referral();

create function rollup_referral_opportunity() returns trigger
    language plpgsql as
$$
begin
    insert into rollup_referral_day as t (dim, day, branch_id, channel, slot, n)
    select x.dim, x.day, r.branch_id, r.channel, rollup_slot(), sum(v.sign)
    from referral r
    cross join (values (old, -1), (new, 1)) v(o, sign)
    cross join lateral rollup_referral_rows(r.created_at, (v.o).created_at, (v.o).status, (v.o).closed_at) x
    where r.opportunity_id = new.id and x.dim <> 'R'
    group by 1, 2, 3, 4
    having sum(v.sign) <> 0
    order by 1, 2, 3, 4
    on conflict (dim, day, branch_id, channel, slot) do update set n = t.n + excluded.n;
    return null;
end
$$;

create trigger rollup_referral_opportunity after update on opportunity
    for each row
    when ((old.status, old.created_at, old.closed_at) is distinct from (new.status, new.created_at, new.closed_at))
    execute function rollup_referral_opportunity();

-- The two tables from the rows (the backfill below, and rollup_rebuild()).
create function rollup_rebuild_customers_and_referrals() returns void
    language plpgsql as
$$
begin
    truncate rollup_customer_structure, rollup_referral_day;
    insert into rollup_customer_structure (branch_id, type, tier, company_size, n, aum, contribution)
    select branch_id, type, tier, company_size, count(*), sum(aum), sum(annual_contribution)
    from customer
    group by 1, 2, 3, 4;
    insert into rollup_referral_day (dim, day, branch_id, channel, n)
    select x.dim, x.day, r.branch_id, r.channel, count(*)
    from referral r
    left join opportunity o on o.id = r.opportunity_id
    cross join lateral rollup_referral_rows(r.created_at, o.created_at, o.status, o.closed_at) x
    group by 1, 2, 3, 4;
end
$$;

create or replace function rollup_rebuild() returns void
    language plpgsql as
$$
begin
    perform rollup_rebuild_dashboard();
    perform rollup_rebuild_open_pipeline();
    perform rollup_rebuild_customers_and_referrals();
end
$$;

-- The fold of V37 keeps its work under another name; rollup_compact() now folds the two new tables too, under the
-- same lock (a session may take an advisory lock it holds again).
alter function rollup_compact() rename to rollup_compact_pipeline;

create function rollup_compact() returns bigint
    language plpgsql as
$$
declare
    folded  bigint;
    counted bigint;
begin
    perform pg_advisory_xact_lock(hashtext('rollup_compact'));
    folded := rollup_compact_pipeline();

    with d as (delete from rollup_customer_structure where slot <> 0 returning *)
    insert into rollup_customer_structure as r (branch_id, type, tier, company_size, slot, n, aum, contribution)
    select branch_id, type, tier, company_size, 0, sum(n), sum(aum), sum(contribution) from d
    group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (branch_id, type, tier, company_size, slot) do update
        set n = r.n + excluded.n, aum = r.aum + excluded.aum, contribution = r.contribution + excluded.contribution;
    get diagnostics counted = row_count;
    folded := folded + counted;

    with d as (delete from rollup_referral_day where slot <> 0 returning *)
    insert into rollup_referral_day as r (dim, day, branch_id, channel, slot, n)
    select dim, day, branch_id, channel, 0, sum(n) from d
    group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (dim, day, branch_id, channel, slot) do update set n = r.n + excluded.n;
    get diagnostics counted = row_count;
    return folded + counted;
end
$$;

select rollup_rebuild_customers_and_referrals();

analyze rollup_customer_structure;
analyze rollup_referral_day;
