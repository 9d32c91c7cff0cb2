-- A follow-up's next action marked done moves one count of the read model, and only that one (D73).
--
-- Logging a follow-up completes the open next actions it supersedes (one update of follow_up, NextActionStore), and
-- that update fired rollup_follow_up(), the trigger written for any change of a follow-up: lock the opportunity, then
-- three upserts over the old and new rows (the follow-up counts by branch and by author, which a done flag does not
-- move, and the pending actions). On the peer's workload that function, for the insert and for this update together,
-- took 1.06 ms of a follow-up's 2.4 ms of statements. An update that changes the done flag and nothing else the read
-- model keys on now fires rollup_action_done(): the same lock first (the same order against a close or reopen of the
-- opportunity as before), then the one pending-action count. Every other update still fires rollup_follow_up(), done
-- flag or not; exactly one of the two fires for any update the read model sees.

create function rollup_action_done() returns trigger
    language plpgsql as
$$
begin
    perform 1 from opportunity x where x.id = new.opportunity_id for no key update;
    -- Pending while not done and its opportunity (if any) is open, by the opportunity's branch, else the customer's:
    -- as rollup_follow_up() counts it.
    if new.next_action_date is not null then
        insert into rollup_action_branch as r (due, branch_id, slot, n)
        select new.next_action_date, case when fo.id is null then c.branch_id else fo.branch_id end, rollup_slot(),
               case when new.next_action_done then -1 else 1 end
        from customer c
        left join opportunity fo on fo.id = new.opportunity_id
        where c.id = new.customer_id and (new.opportunity_id is null or fo.status = 'OPEN')
        on conflict (due, branch_id, slot) do update set n = r.n + excluded.n;
    end if;
    return null;
end
$$;

drop trigger rollup_follow_up_update on follow_up;
create trigger rollup_follow_up_update after update on follow_up
    for each row
    when ((old.customer_id, old.opportunity_id, old.created_by, old.occurred_at, old.type, old.next_action_date)
          is distinct from
          (new.customer_id, new.opportunity_id, new.created_by, new.occurred_at, new.type, new.next_action_date))
    execute function rollup_follow_up();
create trigger rollup_follow_up_done after update of next_action_done on follow_up
    for each row
    when (old.next_action_done is distinct from new.next_action_done
          and (old.customer_id, old.opportunity_id, old.created_by, old.occurred_at, old.type, old.next_action_date)
              is not distinct from
              (new.customer_id, new.opportunity_id, new.created_by, new.occurred_at, new.type, new.next_action_date))
    execute function rollup_action_done();
