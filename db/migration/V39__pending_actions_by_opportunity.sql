-- A follow-up on an opportunity first marks done the opportunity's open next actions (NextActionStore, D62). The
-- statement found them through follow_up_opportunity_idx, reading every follow-up the opportunity ever had and
-- keeping the one or two still pending; an opportunity worked for months has dozens. The pending ones alone, by
-- opportunity: a small index (only actions not yet done), read in one step.
create index follow_up_pending_opportunity_idx on follow_up (opportunity_id)
    where opportunity_id is not null and next_action_date is not null and not next_action_done;
