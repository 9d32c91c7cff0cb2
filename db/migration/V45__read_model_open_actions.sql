-- The pending next actions on open opportunities, one row each, with the opportunity's owner and branch now (D76):
-- My day reads a head's and an RM's actions due up to today from here by index, and only the hundred it shows from
-- follow_up, opportunity and customer. Before, a head's My day probed every open opportunity of the subtree for its
-- pending actions and read the follow-up of each that was due (random pages of the two largest tables: 0.4 s at 2M
-- opportunities, 5 s at 5x for a sub-branch). Kept in the writing transaction like the rest of the read model (D54);
-- one row per action, so no slots and nothing to fold. Actions on a customer alone are not here: My day reads them
-- by the customer's owner or branch, as before.

create table rollup_open_action (
    follow_up_id   bigint primary key,
    opportunity_id bigint not null,
    owner_id       bigint,
    branch_id      bigint not null,
    due            date   not null
);
-- Index-only reads of a subtree's or an RM's actions due up to a day, and the opportunity's own when it moves.
create index rollup_open_action_branch_idx on rollup_open_action (branch_id, due, follow_up_id);
create index rollup_open_action_owner_idx on rollup_open_action (owner_id, due, follow_up_id);
create index rollup_open_action_opportunity_idx on rollup_open_action (opportunity_id);

-- The rows of open opportunity opp_id's pending actions, with its owner and branch now: every one of them, or only
-- follow-up fu_id's (null: all). A row already there is replaced, so that a repaired or partly loaded table heals
-- rather than refuses the write. Read through follow_up_pending_opportunity_due_idx: an opportunity's few pending
-- actions.
create function rollup_open_action_put(opp_id bigint, fu_id bigint) returns void
    language plpgsql as
$$
begin
    insert into rollup_open_action as r (follow_up_id, opportunity_id, owner_id, branch_id, due)
    select f.id, o.id, o.owner_id, o.branch_id, f.next_action_date
    from opportunity o join follow_up f on f.opportunity_id = o.id
    where o.id = opp_id and o.status = 'OPEN' and (fu_id is null or f.id = fu_id)
      and f.next_action_date is not null and not f.next_action_done
    on conflict (follow_up_id) do update
        set opportunity_id = excluded.opportunity_id, owner_id = excluded.owner_id, branch_id = excluded.branch_id,
            due = excluded.due;
end
$$;

-- A follow-up written, changed or deleted: its row goes, and comes back while its action is pending on an open
-- opportunity. The opportunities it was and is on are locked first, in id order, as rollup_follow_up() locks them (it
-- fires before this one and holds them already; the lock here keeps this function right on its own): a close,
-- reopening or reassignment in another transaction has either committed before (and the row put below reads it) or
-- waits for this transaction (and then moves or removes this row).
create function rollup_open_action_follow_up() returns trigger
    language plpgsql as
$$
begin
    perform 1 from opportunity x where x.id in (old.opportunity_id, new.opportunity_id) order by x.id
        for no key update;
    if tg_op <> 'INSERT' then
        delete from rollup_open_action where follow_up_id = old.id;
    end if;
    if tg_op <> 'DELETE' and new.opportunity_id is not null then
        perform rollup_open_action_put(new.opportunity_id, new.id);
    end if;
    return null;
end
$$;

create trigger rollup_open_action_insert after insert on follow_up
    for each row
    when (new.opportunity_id is not null and new.next_action_date is not null and not new.next_action_done)
    execute function rollup_open_action_follow_up();
create trigger rollup_open_action_update after update on follow_up
    for each row
    when ((old.opportunity_id is not null or new.opportunity_id is not null)
          and (old.opportunity_id, old.next_action_date, old.next_action_done)
              is distinct from (new.opportunity_id, new.next_action_date, new.next_action_done))
    execute function rollup_open_action_follow_up();
create trigger rollup_open_action_delete after delete on follow_up
    for each row
    when (old.opportunity_id is not null and old.next_action_date is not null and not old.next_action_done)
    execute function rollup_open_action_follow_up();

-- An opportunity reassigned or moved while open takes its actions along; closed, it takes them away; reopened, its
-- pending actions come back.
create function rollup_open_action_opportunity() returns trigger
    language plpgsql as
$$
begin
    if old.status = 'OPEN' and new.status = 'OPEN' then
        update rollup_open_action set owner_id = new.owner_id, branch_id = new.branch_id
        where opportunity_id = new.id;
    elsif old.status = 'OPEN' then
        delete from rollup_open_action where opportunity_id = new.id;
    else
        perform rollup_open_action_put(new.id, null);
    end if;
    return null;
end
$$;

create trigger rollup_open_action_opportunity after update on opportunity
    for each row
    when ((old.status = 'OPEN' or new.status = 'OPEN')
          and (old.status, old.owner_id, old.branch_id) is distinct from (new.status, new.owner_id, new.branch_id))
    execute function rollup_open_action_opportunity();

-- The table from the rows (the backfill below, and rollup_rebuild()).
create function rollup_rebuild_open_actions() returns void
    language plpgsql as
$$
begin
    truncate rollup_open_action;
    insert into rollup_open_action (follow_up_id, opportunity_id, owner_id, branch_id, due)
    select f.id, o.id, o.owner_id, o.branch_id, f.next_action_date
    from follow_up f join opportunity o on o.id = f.opportunity_id
    where f.next_action_date is not null and not f.next_action_done and o.status = 'OPEN'
    order by o.branch_id, f.next_action_date, f.id;
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
    perform rollup_rebuild_open_actions();
end
$$;

select rollup_rebuild_open_actions();

analyze rollup_open_action;
