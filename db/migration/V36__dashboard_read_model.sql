-- Dashboards from a read model (issue 18 §1, D54): exact sums per branch (and, for the per-RM board, per owner) and
-- bank day, kept current by triggers in the transaction of every write, so the branch and bank dashboards read
-- thousands of rows instead of millions and a write is counted the moment it commits (and visible to its writer's
-- own next request). Every trigger does one grouped upsert per table it touches (old contribution subtracted, new one
-- added, keys whose sums do not change skipped) and reads nothing but primary keys; the customer's move to another
-- branch and an opportunity's move or close also re-key that record's own follow-ups, and an opportunity's last touch
-- reads its latest follow-up (an index range each).
--
-- Days are bank days (Asia/Shanghai, ClockConfig.BANK_ZONE), so a period [from, to] is `day between from and to`,
-- exactly the instants [start, end) the plain SQL compares with. Rows whose sums fall back to zero stay (harmless:
-- readers ask for non-zero sums where a row's presence matters).

-- The furthest stage (PipelineRules.RANKS, 1 … 6) an opportunity's STAGE and REOPENED history moved it to.
create table rollup_reach (
    opportunity_id bigint  primary key,
    rank           integer not null
);

-- Per branch and bank day. dim / k:
--   S source:       n created that day; won, lost, amount (won amount), secs (Σ creation → won) closed that day
--   P product code: the same, without secs
--   R reached rank: n created that day that reached at most this rank (the funnel's cohort)
--   O stage:        day null; n open now, amount their amount
--   Q product code: day null; n open now, amount their amount
create table rollup_branch_day (
    dim        char(1)       not null,
    day        date,
    branch_id  bigint        not null,
    k          varchar(32)   not null,
    n          bigint        not null default 0,
    won        bigint        not null default 0,
    lost       bigint        not null default 0,
    amount     numeric       not null default 0,
    secs       numeric       not null default 0,
    constraint rollup_branch_day_key unique nulls not distinct (dim, day, branch_id, k)
);

-- Per owner (null: unassigned), branch and bank day, for the board of RMs. dim:
--   T  won, lost, amount (won amount) closed that day
--   O  day null; n open now, amount their amount
create table rollup_owner_day (
    dim        char(1)  not null,
    day        date,
    owner_id   bigint,
    branch_id  bigint   not null,
    n          bigint   not null default 0,
    won        bigint   not null default 0,
    lost       bigint   not null default 0,
    amount     numeric  not null default 0,
    constraint rollup_owner_day_key unique nulls not distinct (dim, day, owner_id, branch_id)
);

-- Follow-ups (and of them visits) by the branch of their customer and the day they occurred; and by their author too.
create table rollup_follow_up_branch (
    day        date    not null,
    branch_id  bigint  not null,
    n          bigint  not null default 0,
    visits     bigint  not null default 0,
    primary key (day, branch_id)
);

create table rollup_follow_up_author (
    day         date    not null,
    created_by  bigint  not null,
    branch_id   bigint  not null,
    n           bigint  not null default 0,
    visits      bigint  not null default 0,
    primary key (day, created_by, branch_id)
);

-- Pending next actions (PipelineRules.ACTION_PENDING) by whose branch they are now (FROM_ACTION) and due date:
-- overdue today = the rows due before today.
create table rollup_action_branch (
    due        date    not null,
    branch_id  bigint  not null,
    n          bigint  not null default 0,
    primary key (due, branch_id)
);

-- Stalled (PipelineRules.STALLED: open, created before a moment and no follow-up since) is "last touched before the
-- moment", where an open opportunity's last touch is the later of its creation and its latest follow-up. Kept per
-- open opportunity, and counted by branch and bank day of the touch: the stalled count is the days before the
-- moment's day plus the few touches of that day before the moment.
create table rollup_open_touch (
    opportunity_id  bigint       primary key,
    branch_id       bigint       not null,
    touched_at      timestamptz  not null
);
create index rollup_open_touch_at_idx on rollup_open_touch (touched_at);

create table rollup_touch_branch (
    day        date    not null,
    branch_id  bigint  not null,
    n          bigint  not null default 0,
    primary key (day, branch_id)
);

-- The bank-wide lists of overdue actions read the pending ones by due date.
create index follow_up_pending_due_idx on follow_up (next_action_date)
    where next_action_date is not null and not next_action_done;

create function rollup_day(t timestamptz) returns date
    language sql immutable parallel safe as
$$ select (t at time zone 'Asia/Shanghai')::date $$;

create function rollup_rank(o opportunity) returns integer
    language sql stable as
$$
select greatest(coalesce(array_position(array['IDENTIFIED','CONTACTED','QUALIFIED','PROPOSAL','NEGOTIATION','WON'],
                                        o.stage::text), 0),
                coalesce((select r.rank from rollup_reach r where r.opportunity_id = o.id), 0),
                1)
$$;

-- What one opportunity adds to rollup_branch_day.
create function rollup_branch_rows(o opportunity)
    returns table (dim char(1), day date, k varchar, n integer, won integer, lost integer, amount numeric,
                   secs numeric)
    language sql stable as
$$
select 'S'::char(1), rollup_day(o.created_at), o.source::varchar, 1, 0, 0, 0::numeric, 0::numeric
union all
select 'P', rollup_day(o.created_at), o.product_code::varchar, 1, 0, 0, 0, 0
union all
select 'R', rollup_day(o.created_at), rollup_rank(o)::varchar, 1, 0, 0, 0, 0
union all
select 'S', rollup_day(o.closed_at), o.source, 0, (o.status = 'WON')::integer, (o.status = 'LOST')::integer,
       case when o.status = 'WON' then coalesce(o.won_amount, 0) else 0 end,
       case when o.status = 'WON' then extract(epoch from (o.closed_at - o.created_at)) else 0 end
where o.status in ('WON', 'LOST') and o.closed_at is not null
union all
select 'P', rollup_day(o.closed_at), o.product_code, 0, (o.status = 'WON')::integer, (o.status = 'LOST')::integer,
       case when o.status = 'WON' then coalesce(o.won_amount, 0) else 0 end, 0
where o.status in ('WON', 'LOST') and o.closed_at is not null
union all
select 'O', null, o.stage, 1, 0, 0, o.amount, 0 where o.status = 'OPEN'
union all
select 'Q', null, o.product_code, 1, 0, 0, o.amount, 0 where o.status = 'OPEN'
$$;

-- What one opportunity adds to rollup_owner_day.
create function rollup_owner_rows(o opportunity)
    returns table (dim char(1), day date, n integer, won integer, lost integer, amount numeric)
    language sql stable as
$$
select 'T'::char(1), rollup_day(o.closed_at), 0, (o.status = 'WON')::integer, (o.status = 'LOST')::integer,
       case when o.status = 'WON' then coalesce(o.won_amount, 0) else 0 end
where o.status in ('WON', 'LOST') and o.closed_at is not null
union all
select 'O', null, 1, 0, 0, o.amount where o.status = 'OPEN'
$$;

-- Sets an opportunity's last touch from what it is now (gone or closed: none), moving its count between days. It
-- reads a state, not a difference, so it first locks the opportunity (NO KEY UPDATE: not against the foreign-key
-- checks of follow-ups being written): two transactions touching one opportunity take turns, and the second's
-- statements see the first's follow-ups once it has committed. Called with the opportunity locked already by the
-- opportunity's own triggers and by rollup_follow_up.
create function rollup_touch(opportunity_id bigint) returns void
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
    insert into rollup_touch_branch as r (day, branch_id, n)
    select v.day, v.branch_id, sum(v.n)
    from (values (rollup_day(was.touched_at), was.branch_id, -1), (rollup_day(touched), o.branch_id, 1))
         v(day, branch_id, n)
    where v.day is not null
    group by 1, 2
    having sum(v.n) <> 0
    order by 1, 2
    on conflict (day, branch_id) do update set n = r.n + excluded.n;
end
$$;

-- Moves the sums from opportunity a (null: none, an insert) to b (null: none, a delete): one upsert a table.
create function rollup_opportunity_move(a opportunity, b opportunity) returns void
    language plpgsql as
$$
begin
    insert into rollup_branch_day as r (dim, day, branch_id, k, n, won, lost, amount, secs)
    select x.dim, x.day, (v.o).branch_id, x.k, sum(x.n * v.sign), sum(x.won * v.sign), sum(x.lost * v.sign),
           sum(x.amount * v.sign), sum(x.secs * v.sign)
    from (values (a, -1), (b, 1)) v(o, sign)
    cross join lateral rollup_branch_rows(v.o) x
    where (v.o).id is not null
    group by 1, 2, 3, 4
    having sum(x.n * v.sign) <> 0 or sum(x.won * v.sign) <> 0 or sum(x.lost * v.sign) <> 0
        or sum(x.amount * v.sign) <> 0 or sum(x.secs * v.sign) <> 0
    order by 1, 2, 3, 4
    on conflict (dim, day, branch_id, k) do update
        set n = r.n + excluded.n, won = r.won + excluded.won, lost = r.lost + excluded.lost,
            amount = r.amount + excluded.amount, secs = r.secs + excluded.secs;

    insert into rollup_owner_day as r (dim, day, owner_id, branch_id, n, won, lost, amount)
    select x.dim, x.day, (v.o).owner_id, (v.o).branch_id, sum(x.n * v.sign), sum(x.won * v.sign), sum(x.lost * v.sign),
           sum(x.amount * v.sign)
    from (values (a, -1), (b, 1)) v(o, sign)
    cross join lateral rollup_owner_rows(v.o) x
    where (v.o).id is not null
    group by 1, 2, 3, 4
    having sum(x.n * v.sign) <> 0 or sum(x.won * v.sign) <> 0 or sum(x.lost * v.sign) <> 0
        or sum(x.amount * v.sign) <> 0
    order by 1, 2, 3, 4
    on conflict (dim, day, owner_id, branch_id) do update
        set n = r.n + excluded.n, won = r.won + excluded.won, lost = r.lost + excluded.lost,
            amount = r.amount + excluded.amount;

    -- The opportunity's pending next actions follow its branch and count only while it is open.
    if a.id is not null and b.id is not null
       and (a.branch_id is distinct from b.branch_id or (a.status = 'OPEN') is distinct from (b.status = 'OPEN')) then
        insert into rollup_action_branch as r (due, branch_id, n)
        select f.next_action_date, v.branch_id, sum(v.sign)
        from (values (a.branch_id, a.status, -1), (b.branch_id, b.status, 1)) v(branch_id, status, sign)
        join follow_up f on f.opportunity_id = b.id
        where v.status = 'OPEN' and f.next_action_date is not null and not f.next_action_done
        group by 1, 2
        having sum(v.sign) <> 0
        order by 1, 2
        on conflict (due, branch_id) do update set n = r.n + excluded.n;
    end if;
end
$$;

create function rollup_opportunity() returns trigger
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
        insert into rollup_action_branch as r (due, branch_id, n)
        select f.next_action_date, old.branch_id, -count(*)
        from follow_up f
        where f.opportunity_id = old.id and f.next_action_date is not null and not f.next_action_done
        group by 1
        order by 1
        on conflict (due, branch_id) do update set n = r.n + excluded.n;
    end if;
    delete from rollup_reach where opportunity_id = old.id;
    update rollup_touch_branch set n = n - 1
    where (day, branch_id) = (select rollup_day(t.touched_at), t.branch_id from rollup_open_touch t
                              where t.opportunity_id = old.id);
    delete from rollup_open_touch where opportunity_id = old.id;
    return old;
end
$$;

create trigger rollup_opportunity_insert after insert on opportunity
    for each row execute function rollup_opportunity();
create trigger rollup_opportunity_update after update on opportunity
    for each row
    when ((old.branch_id, old.owner_id, old.status, old.stage, old.source, old.product_code, old.amount,
           old.won_amount, old.created_at, old.closed_at)
          is distinct from
          (new.branch_id, new.owner_id, new.status, new.stage, new.source, new.product_code, new.amount,
           new.won_amount, new.created_at, new.closed_at))
    execute function rollup_opportunity();
create trigger rollup_opportunity_delete before delete on opportunity
    for each row execute function rollup_opportunity();

-- A STAGE or REOPENED history row may raise the furthest stage reached, moving the opportunity in the funnel.
create function rollup_history() returns trigger
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
        insert into rollup_branch_day as r (dim, day, branch_id, k, n)
        values ('R', rollup_day(o.created_at), o.branch_id, least(old_rank, new_rank)::varchar,
                case when old_rank < new_rank then -1 else 1 end),
               ('R', rollup_day(o.created_at), o.branch_id, greatest(old_rank, new_rank)::varchar,
                case when old_rank < new_rank then 1 else -1 end)
        on conflict (dim, day, branch_id, k) do update set n = r.n + excluded.n;
    end if;
    return null;
end
$$;

create trigger rollup_history after insert on opportunity_history
    for each row when (new.event in ('STAGE', 'REOPENED'))
    execute function rollup_history();

-- A follow-up's counts (by its customer's branch, its author and day), its pending next action and its opportunity's
-- last touch. The opportunity (old and new) is locked first, before any sum row: a close or reopen of it in another
-- transaction and this follow-up then take turns, so neither counts the pending action by a status the other is
-- changing, and rollup_touch reads the latest follow-ups (a lock taken after the sum rows could deadlock with that
-- close, which re-keys pending actions).
create function rollup_follow_up() returns trigger
    language plpgsql as
$$
begin
    perform 1 from opportunity x where x.id in (old.opportunity_id, new.opportunity_id) order by x.id
        for no key update;
    insert into rollup_follow_up_branch as r (day, branch_id, n, visits)
    select rollup_day(v.occurred_at), c.branch_id, sum(v.sign), sum(v.sign * (v.type = 'VISIT')::integer)
    from (values (old.customer_id, old.occurred_at, old.type, -1), (new.customer_id, new.occurred_at, new.type, 1))
         v(customer_id, occurred_at, type, sign)
    join customer c on c.id = v.customer_id
    group by 1, 2
    having sum(v.sign) <> 0 or sum(v.sign * (v.type = 'VISIT')::integer) <> 0
    order by 1, 2
    on conflict (day, branch_id) do update set n = r.n + excluded.n, visits = r.visits + excluded.visits;

    insert into rollup_follow_up_author as r (day, created_by, branch_id, n, visits)
    select rollup_day(v.occurred_at), v.created_by, c.branch_id, sum(v.sign),
           sum(v.sign * (v.type = 'VISIT')::integer)
    from (values (old.customer_id, old.created_by, old.occurred_at, old.type, -1),
                 (new.customer_id, new.created_by, new.occurred_at, new.type, 1))
         v(customer_id, created_by, occurred_at, type, sign)
    join customer c on c.id = v.customer_id
    group by 1, 2, 3
    having sum(v.sign) <> 0 or sum(v.sign * (v.type = 'VISIT')::integer) <> 0
    order by 1, 2, 3
    on conflict (day, created_by, branch_id) do update
        set n = r.n + excluded.n, visits = r.visits + excluded.visits;

    if old.next_action_date is not null and not old.next_action_done
       or new.next_action_date is not null and not new.next_action_done then
        -- Whose branch (FROM_ACTION): the opportunity's, else the customer's; pending while the opportunity is open.
        -- A follow-up deleted with its opportunity finds none: the opportunity's delete took its action away.
        insert into rollup_action_branch as r (due, branch_id, n)
        select v.due, case when fo.id is null then c.branch_id else fo.branch_id end, sum(v.sign)
        from (values (old.customer_id, old.opportunity_id, old.next_action_date, old.next_action_done, -1),
                     (new.customer_id, new.opportunity_id, new.next_action_date, new.next_action_done, 1))
             v(customer_id, opportunity_id, due, done, sign)
        join customer c on c.id = v.customer_id
        left join opportunity fo on fo.id = v.opportunity_id
        where v.due is not null and not v.done and (v.opportunity_id is null or fo.status = 'OPEN')
        group by 1, 2
        having sum(v.sign) <> 0
        order by 1, 2
        on conflict (due, branch_id) do update set n = r.n + excluded.n;
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

create trigger rollup_follow_up_insert after insert or delete on follow_up
    for each row execute function rollup_follow_up();
create trigger rollup_follow_up_update after update on follow_up
    for each row
    when ((old.customer_id, old.opportunity_id, old.created_by, old.occurred_at, old.type, old.next_action_date,
           old.next_action_done)
          is distinct from
          (new.customer_id, new.opportunity_id, new.created_by, new.occurred_at, new.type, new.next_action_date,
           new.next_action_done))
    execute function rollup_follow_up();

-- A customer moved to another branch takes its follow-ups' counts and its own pending actions along.
create function rollup_customer() returns trigger
    language plpgsql as
$$
begin
    insert into rollup_follow_up_branch as r (day, branch_id, n, visits)
    select rollup_day(f.occurred_at), v.branch_id, sum(v.sign), sum(v.sign * (f.type = 'VISIT')::integer)
    from (values (old.branch_id, -1), (new.branch_id, 1)) v(branch_id, sign)
    join follow_up f on f.customer_id = new.id
    group by 1, 2
    order by 1, 2
    on conflict (day, branch_id) do update set n = r.n + excluded.n, visits = r.visits + excluded.visits;

    insert into rollup_follow_up_author as r (day, created_by, branch_id, n, visits)
    select rollup_day(f.occurred_at), f.created_by, v.branch_id, sum(v.sign),
           sum(v.sign * (f.type = 'VISIT')::integer)
    from (values (old.branch_id, -1), (new.branch_id, 1)) v(branch_id, sign)
    join follow_up f on f.customer_id = new.id
    group by 1, 2, 3
    order by 1, 2, 3
    on conflict (day, created_by, branch_id) do update
        set n = r.n + excluded.n, visits = r.visits + excluded.visits;

    insert into rollup_action_branch as r (due, branch_id, n)
    select f.next_action_date, v.branch_id, sum(v.sign)
    from (values (old.branch_id, -1), (new.branch_id, 1)) v(branch_id, sign)
    join follow_up f on f.customer_id = new.id
    where f.opportunity_id is null and f.next_action_date is not null and not f.next_action_done
    group by 1, 2
    order by 1, 2
    on conflict (due, branch_id) do update set n = r.n + excluded.n;
    return null;
end
$$;

create trigger rollup_customer after update of branch_id on customer
    for each row when (old.branch_id is distinct from new.branch_id)
    execute function rollup_customer();

-- Fills the read model from the rows there are: this migration's backfill, and again after a bulk load that ran with
-- the rollup triggers disabled (bench/generate.sh). It empties the read model first and locks its tables until
-- commit: run it with writes stopped.
create function rollup_rebuild() returns void
    language plpgsql as
$$
begin
    truncate rollup_reach, rollup_branch_day, rollup_owner_day, rollup_follow_up_branch, rollup_follow_up_author,
        rollup_action_branch, rollup_open_touch, rollup_touch_branch;

    insert into rollup_reach (opportunity_id, rank)
    select opportunity_id,
           max(array_position(array['IDENTIFIED','CONTACTED','QUALIFIED','PROPOSAL','NEGOTIATION','WON'],
                              to_value::text))
    from opportunity_history
    where event in ('STAGE', 'REOPENED')
    group by opportunity_id
    having max(array_position(array['IDENTIFIED','CONTACTED','QUALIFIED','PROPOSAL','NEGOTIATION','WON'],
                              to_value::text)) is not null;

    insert into rollup_branch_day (dim, day, branch_id, k, n, won, lost, amount, secs)
    select x.dim, x.day, o.branch_id, x.k, sum(x.n), sum(x.won), sum(x.lost), sum(x.amount), sum(x.secs)
    from opportunity o cross join lateral rollup_branch_rows(o) x
    group by 1, 2, 3, 4;

    insert into rollup_owner_day (dim, day, owner_id, branch_id, n, won, lost, amount)
    select x.dim, x.day, o.owner_id, o.branch_id, sum(x.n), sum(x.won), sum(x.lost), sum(x.amount)
    from opportunity o cross join lateral rollup_owner_rows(o) x
    group by 1, 2, 3, 4;

    insert into rollup_open_touch (opportunity_id, branch_id, touched_at)
    select o.id, o.branch_id,
           greatest(o.created_at, (select max(f.occurred_at) from follow_up f where f.opportunity_id = o.id))
    from opportunity o
    where o.status = 'OPEN';

    insert into rollup_touch_branch (day, branch_id, n)
    select rollup_day(touched_at), branch_id, count(*) from rollup_open_touch group by 1, 2;

    insert into rollup_follow_up_author (day, created_by, branch_id, n, visits)
    select rollup_day(f.occurred_at), f.created_by, c.branch_id, count(*), count(*) filter (where f.type = 'VISIT')
    from follow_up f join customer c on c.id = f.customer_id
    group by 1, 2, 3;

    insert into rollup_follow_up_branch (day, branch_id, n, visits)
    select day, branch_id, sum(n), sum(visits) from rollup_follow_up_author group by 1, 2;

    insert into rollup_action_branch (due, branch_id, n)
    select f.next_action_date, case when fo.id is null then c.branch_id else fo.branch_id end, count(*)
    from follow_up f join customer c on c.id = f.customer_id
    left join opportunity fo on fo.id = f.opportunity_id
    where f.next_action_date is not null and not f.next_action_done and (fo.id is null or fo.status = 'OPEN')
    group by 1, 2;
end
$$;

select rollup_rebuild();

analyze rollup_reach;
analyze rollup_branch_day;
analyze rollup_owner_day;
analyze rollup_follow_up_branch;
analyze rollup_follow_up_author;
analyze rollup_action_branch;
analyze rollup_open_touch;
analyze rollup_touch_branch;
