-- A board column is an owner's open opportunities in one stage, soonest to close first, the first 50 (D78).
-- With the owner's index on (owner_id, status, stage) PostgreSQL read all of the column's rows, joined each with its
-- customer and sorted them to keep 50: an RM with 475 identified opportunities read 475 customers for the 50 shown.
-- With the close date and id after the stage the index gives the column in its order, and the join stops at 50.
-- The new index starts with the old one's columns, so it serves every query the old one did, which goes.
create index opportunity_owner_stage_close_idx on opportunity (owner_id, status, stage, expected_close_date, id);
drop index opportunity_owner_idx;
