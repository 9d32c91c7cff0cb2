-- The opportunity list's usual orders within an owner: by score (My day, the list's "highest score") and
-- newest first (the list's default), so a page is read from an index instead of sorting all the owner's rows.
create index opportunity_owner_score_idx on opportunity (owner_id, score desc nulls last, id desc);
create index opportunity_owner_created_idx on opportunity (owner_id, created_at desc, id desc);
