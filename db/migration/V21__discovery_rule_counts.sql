-- A discovery run's counts per rule (issue 19, docs/architecture.md D41): besides the opportunities a rule created,
-- how many matches it found and how many of them an open opportunity of the same customer and product already
-- covered. The dry run computes the same three figures without writing anything; runs recorded before this
-- migration have no figures here (null).
alter table discovery_run_count add column matched      integer;
alter table discovery_run_count add column skipped_open integer;
