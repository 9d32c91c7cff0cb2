-- The stalled count of the read model (D54) without reading the table's rows (issue 18 §1, D66). Its two parts were
-- read row by row: the settled days (rollup_touch_branch, day < the moment's day) by a scan of every branch's days,
-- and the moment's own day (rollup_open_touch, touched that day before the moment) through an index on the time
-- alone, then each row's page for its branch. At 5× the data (2.2 million open opportunities) a branch's count took
-- 13–34 ms, most of it visiting 6,000 pages for the 7,900 touches of that day to keep 160 of one branch.
-- A branch's days and touches are now ranges of indexes that lead with the branch, and the bank's touches of the day
-- an index-only range that carries the branch; the count is the same.

create index rollup_touch_branch_branch_idx on rollup_touch_branch (branch_id, day) include (n);

create index rollup_open_touch_branch_at_idx on rollup_open_touch (branch_id, touched_at);

create index rollup_open_touch_at_branch_idx on rollup_open_touch (touched_at) include (branch_id);
drop index rollup_open_touch_at_idx;
