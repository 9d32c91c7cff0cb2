-- Two of the read model's functions that every follow-up runs do less, with the same result (D79).
--
-- rollup_touch(): reads the four columns of the opportunity it needs (it read the whole row, score breakdown
-- included, into a record), and moves the touched-day counts only when the touch moved to another day or branch (a
-- follow-up logged on the day of the last touch, most of them, changed nothing there: its -1 and +1 cancelled).
--
-- rollup_open_action_follow_up(): puts a follow-up's row back only when its action is pending. A follow-up whose
-- next action was just marked done (logging a follow-up completes the ones it supersedes) had its row taken away and
-- then looked up again, to find nothing to put.

create or replace function rollup_touch(opportunity_id bigint) returns void
    language plpgsql as
$$
declare
    was        rollup_open_touch;
    o_id       bigint;
    o_status   varchar;
    o_created  timestamptz;
    o_branch   bigint;
    touched    timestamptz;
begin
    select x.id, x.status, x.created_at, x.branch_id into o_id, o_status, o_created, o_branch
    from opportunity x where x.id = rollup_touch.opportunity_id for no key update;
    select * into was from rollup_open_touch t where t.opportunity_id = rollup_touch.opportunity_id;
    if o_id is not null and o_status = 'OPEN' then
        touched := greatest(o_created, (select max(f.occurred_at) from follow_up f
                                        where f.opportunity_id = rollup_touch.opportunity_id));
    end if;
    if (was.branch_id, was.touched_at) is not distinct from (o_branch, touched) then
        return;
    end if;
    if touched is null then
        delete from rollup_open_touch t where t.opportunity_id = rollup_touch.opportunity_id;
    else
        insert into rollup_open_touch as t (opportunity_id, branch_id, touched_at) values (o_id, o_branch, touched)
        on conflict on constraint rollup_open_touch_pkey
            do update set branch_id = excluded.branch_id, touched_at = excluded.touched_at;
    end if;
    if (rollup_day(was.touched_at), was.branch_id) is not distinct from (rollup_day(touched), o_branch) then
        return;
    end if;
    insert into rollup_touch_branch as r (day, branch_id, slot, n)
    select v.day, v.branch_id, rollup_slot(), sum(v.n)
    from (values (rollup_day(was.touched_at), was.branch_id, -1), (rollup_day(touched), o_branch, 1))
         v(day, branch_id, n)
    where v.day is not null
    group by 1, 2
    having sum(v.n) <> 0
    order by 1, 2
    on conflict (day, branch_id, slot) do update set n = r.n + excluded.n;
end
$$;

create or replace function rollup_open_action_follow_up() returns trigger
    language plpgsql as
$$
begin
    perform 1 from opportunity x where x.id in (old.opportunity_id, new.opportunity_id) order by x.id
        for no key update;
    if tg_op <> 'INSERT' then
        delete from rollup_open_action where follow_up_id = old.id;
    end if;
    if tg_op <> 'DELETE' and new.opportunity_id is not null and new.next_action_date is not null
       and not new.next_action_done then
        perform rollup_open_action_put(new.opportunity_id, new.id);
    end if;
    return null;
end
$$;
