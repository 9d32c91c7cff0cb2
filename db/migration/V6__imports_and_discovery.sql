-- Data feeds and discovery (issue 5).

-- An import run keeps the file's header (to rebuild a CSV of the rejected rows), the phase it is in, how many
-- holdings the snapshot removed, and a heartbeat: a run whose node stopped beating is marked failed.
alter table import_run add column header_line  text;
alter table import_run add column phase        varchar(16);
alter table import_run add column removed      bigint not null default 0;
alter table import_run add column heartbeat_at timestamptz;
-- The failure as a messages key and its argument, translated when shown.
alter table import_run add column failure_arg  varchar(500);
alter table import_run add constraint import_run_phase check (phase in ('READING', 'APPLYING'));
create index import_run_started_idx on import_run (started_at desc);
create index import_run_active_idx on import_run (status) where status in ('QUEUED', 'RUNNING');

-- A discovery run: which rules were asked for (null = every enabled one), and a heartbeat like imports.
alter table discovery_run add column rules        varchar(500);
alter table discovery_run add column heartbeat_at timestamptz;
create index discovery_run_started_idx on discovery_run (started_at desc);

-- What a discovery rule saw, as data: [{"rule": "MATURITY", "args": {...}}], rendered in the reader's language.
-- Later rules of the same run that match the same customer and product append to it.
alter table opportunity add column evidence jsonb;
alter table opportunity add column discovery_run_id bigint references discovery_run (id);
create index opportunity_discovery_run_idx on opportunity (discovery_run_id) where discovery_run_id is not null;
-- The 90-day rule: a closed opportunity of the same customer, product and rule blocks a new one.
create index opportunity_rule_closed_idx on opportunity (customer_id, product_code, discovery_rule, closed_at)
    where discovery_rule is not null and closed_at is not null;
