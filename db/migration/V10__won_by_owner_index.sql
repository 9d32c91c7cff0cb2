-- Target attainment (dashboard, issue 8): an RM's won opportunities closed in a month or quarter. With one target
-- per RM and month, the whole bank's dashboard looks this up a thousand times; without this index each look-up
-- read every won opportunity of the period (or every won one the RM ever had).
create index opportunity_owner_won_idx on opportunity (owner_id, closed_at) include (won_amount, product_code)
    where status = 'WON';
