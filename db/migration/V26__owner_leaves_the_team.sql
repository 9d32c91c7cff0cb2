-- The owner of an opportunity is never one of its team's members (D44: the owner holds what the members do not).
-- When an opportunity changes hands to one of its members (a reassignment, a book handover, a customer changing
-- hands), that member's row goes: they hold the owner's share now, and nobody is counted twice in the team or in the
-- credit shares the incentives read. One trigger, so that every path that changes an owner keeps the rule.
create function opportunity_owner_leaves_team() returns trigger
    language plpgsql as
$$
begin
    delete from opportunity_member where opportunity_id = new.id and user_id = new.owner_id;
    return null;
end
$$;

create trigger opportunity_owner_leaves_team
    after update of owner_id on opportunity
    for each row
    when (new.owner_id is not null and new.owner_id is distinct from old.owner_id)
    execute function opportunity_owner_leaves_team();
