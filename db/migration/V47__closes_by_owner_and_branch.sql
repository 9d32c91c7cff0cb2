-- Target attainment reads what a won target achieved from the read model (D77): an RM's closes by bank day, a branch's
-- by product and bank day. The tables' keys lead with the dimension and the day, so one RM's or one branch's rows of a
-- month were a range over every owner's or branch's rows of those days (at the end of a month, 31,000 index entries a
-- target for 1,000 RM targets). These lead with the owner or the branch and carry the sums (index-only reads).

create index rollup_owner_day_closes_idx on rollup_owner_day (owner_id, day) include (won, amount) where dim = 'T';

create index rollup_branch_day_products_idx on rollup_branch_day (branch_id, day) include (k, won, amount)
    where dim = 'P';
