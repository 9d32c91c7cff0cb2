-- A head's My day picks its twenty stalled longest and ten discovered best open opportunities from these alone (D76):
-- the open opportunities of each branch in the lists' orders, with the id, so the picking reads no table page
-- (index-only) and only the lines shown are read from the table. Before, each of the two lists read the page of every
-- open opportunity of the subtree (20,000 pages each for a sub-branch at 2M opportunities). Partial: closed
-- opportunities never enter them, and the second holds only the discovered ones nobody has worked on yet.

create index opportunity_open_branch_created_idx on opportunity (branch_id, created_at, id)
    where status = 'OPEN';

create index opportunity_discovered_branch_idx
    on opportunity (branch_id, score desc nulls last, created_at desc, id desc)
    where status = 'OPEN' and source = 'DISCOVERY_RULE' and stage = 'IDENTIFIED';
