-- The dashboards' read model (V36, D54) without hot rows, and the open pipeline by owner for target attainment.
--
-- 1. Writers no longer wait for each other on a sum row. V36's triggers added every write to one row per key (a
--    branch and day, an author and day, a due date and branch): all follow-ups of a branch on one day updated the same
--    rows and held them until commit, so a branch's RMs took turns, and two follow-ups that completed earlier next
--    actions (their due dates' rows) and added new ones locked those rows in different orders and deadlocked (8 RMs of
--    one sub-branch logging follow-ups: 27 of 313 answered with an error). Now each transaction adds to rows of its
--    own: every sum table has a `slot`, 0 for the settled sums and the writing transaction's id for what it added, so
--    a transaction's writes to one key still merge into one row and no two transactions ever write the same row.
--    rollup_compact() folds the committed slots into slot 0 (the job `rollup-compact`, every few seconds: one
--    statement a table, so a reader sees either the rows before or after it, with the same sums). Readers already
--    sum every row of a key; nothing changes for them.
-- 2. rollup_open_pipeline: open opportunities by owner, branch, stage and product (n, Σ amount), what a won-amount
--    target's pipeline coverage weighs by stage probability, read in a few rows per target instead of every open
--    opportunity of the RM or the subtree (the whole-bank page's 1,000 RM targets read ~600k opportunities, 4.6 s).

create function rollup_slot() returns bigint
    language sql volatile as
$$ select txid_current() $$;

alter table rollup_branch_day add column slot bigint not null default 0;
alter table rollup_branch_day drop constraint rollup_branch_day_key;
alter table rollup_branch_day add constraint rollup_branch_day_key unique nulls not distinct (dim, day, branch_id, k, slot);
create index rollup_branch_day_slot_idx on rollup_branch_day (slot) where slot <> 0;

alter table rollup_owner_day add column slot bigint not null default 0;
alter table rollup_owner_day drop constraint rollup_owner_day_key;
alter table rollup_owner_day add constraint rollup_owner_day_key
    unique nulls not distinct (dim, day, owner_id, branch_id, slot);
create index rollup_owner_day_slot_idx on rollup_owner_day (slot) where slot <> 0;

alter table rollup_follow_up_branch add column slot bigint not null default 0;
alter table rollup_follow_up_branch drop constraint rollup_follow_up_branch_pkey;
alter table rollup_follow_up_branch add primary key (day, branch_id, slot);
create index rollup_follow_up_branch_slot_idx on rollup_follow_up_branch (slot) where slot <> 0;

alter table rollup_follow_up_author add column slot bigint not null default 0;
alter table rollup_follow_up_author drop constraint rollup_follow_up_author_pkey;
alter table rollup_follow_up_author add primary key (day, created_by, branch_id, slot);
create index rollup_follow_up_author_slot_idx on rollup_follow_up_author (slot) where slot <> 0;

alter table rollup_action_branch add column slot bigint not null default 0;
alter table rollup_action_branch drop constraint rollup_action_branch_pkey;
alter table rollup_action_branch add primary key (due, branch_id, slot);
create index rollup_action_branch_slot_idx on rollup_action_branch (slot) where slot <> 0;

alter table rollup_touch_branch add column slot bigint not null default 0;
alter table rollup_touch_branch drop constraint rollup_touch_branch_pkey;
alter table rollup_touch_branch add primary key (day, branch_id, slot);
create index rollup_touch_branch_slot_idx on rollup_touch_branch (slot) where slot <> 0;

create table rollup_open_pipeline (
    owner_id      bigint,
    branch_id     bigint       not null,
    stage         varchar(16)  not null,
    product_code  varchar(32)  not null,
    slot          bigint       not null default 0,
    n             bigint       not null default 0,
    amount        numeric      not null default 0,
    constraint rollup_open_pipeline_key unique nulls not distinct (owner_id, branch_id, stage, product_code, slot)
);
create index rollup_open_pipeline_branch_idx on rollup_open_pipeline (branch_id);
create index rollup_open_pipeline_slot_idx on rollup_open_pipeline (slot) where slot <> 0;

-- V36's functions again, each upsert keyed by the writing transaction's slot.

create or replace function rollup_touch(opportunity_id bigint) returns void
    language plpgsql as
$$
declare
    was      rollup_open_touch;
    o        opportunity;
    touched  timestamptz;
begin
    select * into o from opportunity x where x.id = rollup_touch.opportunity_id for no key update;
    select * into was from rollup_open_touch t where t.opportunity_id = rollup_touch.opportunity_id;
    if o.id is not null and o.status = 'OPEN' then
        touched := greatest(o.created_at, (select max(f.occurred_at) from follow_up f
                                           where f.opportunity_id = rollup_touch.opportunity_id));
    end if;
    if (was.branch_id, was.touched_at) is not distinct from (o.branch_id, touched) then
        return;
    end if;
    if touched is null then
        delete from rollup_open_touch t where t.opportunity_id = rollup_touch.opportunity_id;
    else
        insert into rollup_open_touch as t (opportunity_id, branch_id, touched_at) values (o.id, o.branch_id, touched)
        on conflict on constraint rollup_open_touch_pkey
            do update set branch_id = excluded.branch_id, touched_at = excluded.touched_at;
    end if;
    insert into rollup_touch_branch as r (day, branch_id, slot, n)
    select v.day, v.branch_id, rollup_slot(), sum(v.n)
    from (values (rollup_day(was.touched_at), was.branch_id, -1), (rollup_day(touched), o.branch_id, 1))
         v(day, branch_id, n)
    where v.day is not null
    group by 1, 2
    having sum(v.n) <> 0
    order by 1, 2
    on conflict (day, branch_id, slot) do update set n = r.n + excluded.n;
end
$$;

create or replace function rollup_opportunity_move(a opportunity, b opportunity) returns void
    language plpgsql as
$$
declare
    s bigint := rollup_slot();
begin
    insert into rollup_branch_day as r (dim, day, branch_id, k, slot, n, won, lost, amount, secs)
    select x.dim, x.day, (v.o).branch_id, x.k, s, sum(x.n * v.sign), sum(x.won * v.sign), sum(x.lost * v.sign),
           sum(x.amount * v.sign), sum(x.secs * v.sign)
    from (values (a, -1), (b, 1)) v(o, sign)
    cross join lateral rollup_branch_rows(v.o) x
    where (v.o).id is not null
    group by 1, 2, 3, 4
    having sum(x.n * v.sign) <> 0 or sum(x.won * v.sign) <> 0 or sum(x.lost * v.sign) <> 0
        or sum(x.amount * v.sign) <> 0 or sum(x.secs * v.sign) <> 0
    order by 1, 2, 3, 4
    on conflict (dim, day, branch_id, k, slot) do update
        set n = r.n + excluded.n, won = r.won + excluded.won, lost = r.lost + excluded.lost,
            amount = r.amount + excluded.amount, secs = r.secs + excluded.secs;

    insert into rollup_owner_day as r (dim, day, owner_id, branch_id, slot, n, won, lost, amount)
    select x.dim, x.day, (v.o).owner_id, (v.o).branch_id, s, sum(x.n * v.sign), sum(x.won * v.sign),
           sum(x.lost * v.sign), sum(x.amount * v.sign)
    from (values (a, -1), (b, 1)) v(o, sign)
    cross join lateral rollup_owner_rows(v.o) x
    where (v.o).id is not null
    group by 1, 2, 3, 4
    having sum(x.n * v.sign) <> 0 or sum(x.won * v.sign) <> 0 or sum(x.lost * v.sign) <> 0
        or sum(x.amount * v.sign) <> 0
    order by 1, 2, 3, 4
    on conflict (dim, day, owner_id, branch_id, slot) do update
        set n = r.n + excluded.n, won = r.won + excluded.won, lost = r.lost + excluded.lost,
            amount = r.amount + excluded.amount;

    insert into rollup_open_pipeline as r (owner_id, branch_id, stage, product_code, slot, n, amount)
    select (v.o).owner_id, (v.o).branch_id, (v.o).stage, (v.o).product_code, s, sum(v.sign),
           sum((v.o).amount * v.sign)
    from (values (a, -1), (b, 1)) v(o, sign)
    where (v.o).id is not null and (v.o).status = 'OPEN'
    group by 1, 2, 3, 4
    having sum(v.sign) <> 0 or sum((v.o).amount * v.sign) <> 0
    order by 1, 2, 3, 4
    on conflict (owner_id, branch_id, stage, product_code, slot) do update
        set n = r.n + excluded.n, amount = r.amount + excluded.amount;

    -- The opportunity's pending next actions follow its branch and count only while it is open.
    if a.id is not null and b.id is not null
       and (a.branch_id is distinct from b.branch_id or (a.status = 'OPEN') is distinct from (b.status = 'OPEN')) then
        insert into rollup_action_branch as r (due, branch_id, slot, n)
        select f.next_action_date, v.branch_id, s, sum(v.sign)
        from (values (a.branch_id, a.status, -1), (b.branch_id, b.status, 1)) v(branch_id, status, sign)
        join follow_up f on f.opportunity_id = b.id
        where v.status = 'OPEN' and f.next_action_date is not null and not f.next_action_done
        group by 1, 2
        having sum(v.sign) <> 0
        order by 1, 2
        on conflict (due, branch_id, slot) do update set n = r.n + excluded.n;
    end if;
end
$$;

create or replace function rollup_opportunity() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'INSERT' then
        perform rollup_opportunity_move(null, new);
        perform rollup_touch(new.id);
        return null;
    elsif tg_op = 'UPDATE' then
        perform rollup_opportunity_move(old, new);
        if (old.status, old.branch_id, old.created_at) is distinct from (new.status, new.branch_id, new.created_at)
        then
            perform rollup_touch(new.id);
        end if;
        return null;
    end if;
    -- Before a delete, while its follow-ups (deleted by the cascade) are still there: their pending actions go too.
    perform rollup_opportunity_move(old, null);
    if old.status = 'OPEN' then
        insert into rollup_action_branch as r (due, branch_id, slot, n)
        select f.next_action_date, old.branch_id, rollup_slot(), -count(*)
        from follow_up f
        where f.opportunity_id = old.id and f.next_action_date is not null and not f.next_action_done
        group by 1
        order by 1
        on conflict (due, branch_id, slot) do update set n = r.n + excluded.n;
    end if;
    delete from rollup_reach where opportunity_id = old.id;
    insert into rollup_touch_branch as r (day, branch_id, slot, n)
    select rollup_day(t.touched_at), t.branch_id, rollup_slot(), -1
    from rollup_open_touch t
    where t.opportunity_id = old.id
    on conflict (day, branch_id, slot) do update set n = r.n + excluded.n;
    delete from rollup_open_touch where opportunity_id = old.id;
    return old;
end
$$;

create or replace function rollup_history() returns trigger
    language plpgsql as
$$
declare
    reached integer := array_position(array['IDENTIFIED','CONTACTED','QUALIFIED','PROPOSAL','NEGOTIATION','WON'],
                                      new.to_value::text);
    before  integer;
    o       opportunity;
    old_rank integer;
    new_rank integer;
begin
    if reached is null then
        return null;
    end if;
    select r.rank into before from rollup_reach r where r.opportunity_id = new.opportunity_id;
    if before >= reached then
        return null;
    end if;
    select * into o from opportunity where id = new.opportunity_id;
    old_rank := rollup_rank(o);
    insert into rollup_reach as r (opportunity_id, rank) values (new.opportunity_id, reached)
    on conflict (opportunity_id) do update set rank = greatest(r.rank, excluded.rank);
    new_rank := rollup_rank(o);
    if old_rank <> new_rank then
        insert into rollup_branch_day as r (dim, day, branch_id, k, slot, n)
        values ('R', rollup_day(o.created_at), o.branch_id, least(old_rank, new_rank)::varchar, rollup_slot(),
                case when old_rank < new_rank then -1 else 1 end),
               ('R', rollup_day(o.created_at), o.branch_id, greatest(old_rank, new_rank)::varchar, rollup_slot(),
                case when old_rank < new_rank then 1 else -1 end)
        on conflict (dim, day, branch_id, k, slot) do update set n = r.n + excluded.n;
    end if;
    return null;
end
$$;

create or replace function rollup_follow_up() returns trigger
    language plpgsql as
$$
declare
    s bigint := rollup_slot();
begin
    perform 1 from opportunity x where x.id in (old.opportunity_id, new.opportunity_id) order by x.id
        for no key update;
    insert into rollup_follow_up_branch as r (day, branch_id, slot, n, visits)
    select rollup_day(v.occurred_at), c.branch_id, s, sum(v.sign), sum(v.sign * (v.type = 'VISIT')::integer)
    from (values (old.customer_id, old.occurred_at, old.type, -1), (new.customer_id, new.occurred_at, new.type, 1))
         v(customer_id, occurred_at, type, sign)
    join customer c on c.id = v.customer_id
    group by 1, 2
    having sum(v.sign) <> 0 or sum(v.sign * (v.type = 'VISIT')::integer) <> 0
    order by 1, 2
    on conflict (day, branch_id, slot) do update set n = r.n + excluded.n, visits = r.visits + excluded.visits;

    insert into rollup_follow_up_author as r (day, created_by, branch_id, slot, n, visits)
    select rollup_day(v.occurred_at), v.created_by, c.branch_id, s, sum(v.sign),
           sum(v.sign * (v.type = 'VISIT')::integer)
    from (values (old.customer_id, old.created_by, old.occurred_at, old.type, -1),
                 (new.customer_id, new.created_by, new.occurred_at, new.type, 1))
         v(customer_id, created_by, occurred_at, type, sign)
    join customer c on c.id = v.customer_id
    group by 1, 2, 3
    having sum(v.sign) <> 0 or sum(v.sign * (v.type = 'VISIT')::integer) <> 0
    order by 1, 2, 3
    on conflict (day, created_by, branch_id, slot) do update
        set n = r.n + excluded.n, visits = r.visits + excluded.visits;

    if old.next_action_date is not null and not old.next_action_done
       or new.next_action_date is not null and not new.next_action_done then
        -- Whose branch (FROM_ACTION): the opportunity's, else the customer's; pending while the opportunity is open.
        -- A follow-up deleted with its opportunity finds none: the opportunity's delete took its action away.
        insert into rollup_action_branch as r (due, branch_id, slot, n)
        select v.due, case when fo.id is null then c.branch_id else fo.branch_id end, s, sum(v.sign)
        from (values (old.customer_id, old.opportunity_id, old.next_action_date, old.next_action_done, -1),
                     (new.customer_id, new.opportunity_id, new.next_action_date, new.next_action_done, 1))
             v(customer_id, opportunity_id, due, done, sign)
        join customer c on c.id = v.customer_id
        left join opportunity fo on fo.id = v.opportunity_id
        where v.due is not null and not v.done and (v.opportunity_id is null or fo.status = 'OPEN')
        group by 1, 2
        having sum(v.sign) <> 0
        order by 1, 2
        on conflict (due, branch_id, slot) do update set n = r.n + excluded.n;
    end if;
    -- The last touch of its opportunity, and of the one it left (a follow-up deleted with its opportunity finds none).
    if new.opportunity_id is not null
       and (tg_op = 'INSERT'
            or (old.opportunity_id, old.occurred_at) is distinct from (new.opportunity_id, new.occurred_at)) then
        perform rollup_touch(new.opportunity_id);
    end if;
    if old.opportunity_id is not null and old.opportunity_id is distinct from new.opportunity_id then
        perform rollup_touch(old.opportunity_id);
    end if;
    return null;
end
$$;

create or replace function rollup_customer() returns trigger
    language plpgsql as
$$
declare
    s bigint := rollup_slot();
begin
    insert into rollup_follow_up_branch as r (day, branch_id, slot, n, visits)
    select rollup_day(f.occurred_at), v.branch_id, s, sum(v.sign), sum(v.sign * (f.type = 'VISIT')::integer)
    from (values (old.branch_id, -1), (new.branch_id, 1)) v(branch_id, sign)
    join follow_up f on f.customer_id = new.id
    group by 1, 2
    order by 1, 2
    on conflict (day, branch_id, slot) do update set n = r.n + excluded.n, visits = r.visits + excluded.visits;

    insert into rollup_follow_up_author as r (day, created_by, branch_id, slot, n, visits)
    select rollup_day(f.occurred_at), f.created_by, v.branch_id, s, sum(v.sign),
           sum(v.sign * (f.type = 'VISIT')::integer)
    from (values (old.branch_id, -1), (new.branch_id, 1)) v(branch_id, sign)
    join follow_up f on f.customer_id = new.id
    group by 1, 2, 3
    order by 1, 2, 3
    on conflict (day, created_by, branch_id, slot) do update
        set n = r.n + excluded.n, visits = r.visits + excluded.visits;

    insert into rollup_action_branch as r (due, branch_id, slot, n)
    select f.next_action_date, v.branch_id, s, sum(v.sign)
    from (values (old.branch_id, -1), (new.branch_id, 1)) v(branch_id, sign)
    join follow_up f on f.customer_id = new.id
    where f.opportunity_id is null and f.next_action_date is not null and not f.next_action_done
    group by 1, 2
    order by 1, 2
    on conflict (due, branch_id, slot) do update set n = r.n + excluded.n;
    return null;
end
$$;

-- Folds every committed transaction's slot into slot 0, one statement a table (rows of transactions still running
-- are not visible to it and stay for the next time). One fold at a time (a transaction-level advisory lock): two
-- would delete the same rows in whatever order their plans read them. Returns the rows folded.
create function rollup_compact() returns bigint
    language plpgsql as
$$
declare
    folded  bigint := 0;
    counted bigint;
begin
    perform pg_advisory_xact_lock(hashtext('rollup_compact'));
    with d as (delete from rollup_branch_day where slot <> 0 returning *)
    insert into rollup_branch_day as r (dim, day, branch_id, k, slot, n, won, lost, amount, secs)
    select dim, day, branch_id, k, 0, sum(n), sum(won), sum(lost), sum(amount), sum(secs) from d
    group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (dim, day, branch_id, k, slot) do update
        set n = r.n + excluded.n, won = r.won + excluded.won, lost = r.lost + excluded.lost,
            amount = r.amount + excluded.amount, secs = r.secs + excluded.secs;
    get diagnostics counted = row_count;
    folded := folded + counted;

    with d as (delete from rollup_owner_day where slot <> 0 returning *)
    insert into rollup_owner_day as r (dim, day, owner_id, branch_id, slot, n, won, lost, amount)
    select dim, day, owner_id, branch_id, 0, sum(n), sum(won), sum(lost), sum(amount) from d
    group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (dim, day, owner_id, branch_id, slot) do update
        set n = r.n + excluded.n, won = r.won + excluded.won, lost = r.lost + excluded.lost,
            amount = r.amount + excluded.amount;
    get diagnostics counted = row_count;
    folded := folded + counted;

    with d as (delete from rollup_open_pipeline where slot <> 0 returning *)
    insert into rollup_open_pipeline as r (owner_id, branch_id, stage, product_code, slot, n, amount)
    select owner_id, branch_id, stage, product_code, 0, sum(n), sum(amount) from d
    group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (owner_id, branch_id, stage, product_code, slot) do update
        set n = r.n + excluded.n, amount = r.amount + excluded.amount;
    get diagnostics counted = row_count;
    folded := folded + counted;

    with d as (delete from rollup_follow_up_branch where slot <> 0 returning *)
    insert into rollup_follow_up_branch as r (day, branch_id, slot, n, visits)
    select day, branch_id, 0, sum(n), sum(visits) from d
    group by 1, 2 order by 1, 2
    on conflict (day, branch_id, slot) do update set n = r.n + excluded.n, visits = r.visits + excluded.visits;
    get diagnostics counted = row_count;
    folded := folded + counted;

    with d as (delete from rollup_follow_up_author where slot <> 0 returning *)
    insert into rollup_follow_up_author as r (day, created_by, branch_id, slot, n, visits)
    select day, created_by, branch_id, 0, sum(n), sum(visits) from d
    group by 1, 2, 3 order by 1, 2, 3
    on conflict (day, created_by, branch_id, slot) do update
        set n = r.n + excluded.n, visits = r.visits + excluded.visits;
    get diagnostics counted = row_count;
    folded := folded + counted;

    with d as (delete from rollup_action_branch where slot <> 0 returning *)
    insert into rollup_action_branch as r (due, branch_id, slot, n)
    select due, branch_id, 0, sum(n) from d
    group by 1, 2 order by 1, 2
    on conflict (due, branch_id, slot) do update set n = r.n + excluded.n;
    get diagnostics counted = row_count;
    folded := folded + counted;

    with d as (delete from rollup_touch_branch where slot <> 0 returning *)
    insert into rollup_touch_branch as r (day, branch_id, slot, n)
    select day, branch_id, 0, sum(n) from d
    group by 1, 2 order by 1, 2
    on conflict (day, branch_id, slot) do update set n = r.n + excluded.n;
    get diagnostics counted = row_count;
    return folded + counted;
end
$$;

-- rollup_open_pipeline from the rows (the backfill below, and rollup_rebuild()).
create function rollup_rebuild_open_pipeline() returns void
    language plpgsql as
$$
begin
    truncate rollup_open_pipeline;
    insert into rollup_open_pipeline (owner_id, branch_id, stage, product_code, n, amount)
    select owner_id, branch_id, stage, product_code, count(*), sum(amount)
    from opportunity
    where status = 'OPEN'
    group by 1, 2, 3, 4;
end
$$;

-- rollup_rebuild() (bench/generate.sh after a load with the rollup_* triggers off, and repairs) rebuilds the new
-- table too: V36's body keeps its work under another name, and the function of that name now does both.
alter function rollup_rebuild() rename to rollup_rebuild_dashboard;

create function rollup_rebuild() returns void
    language plpgsql as
$$
begin
    perform rollup_rebuild_dashboard();
    perform rollup_rebuild_open_pipeline();
end
$$;

select rollup_rebuild_open_pipeline();

analyze rollup_open_pipeline;
