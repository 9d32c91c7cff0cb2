-- Throttling of failed sign-ins (issue 7): one row per account ('user:<username>', also for names that do not
-- exist, so the lock-out reveals nothing) and per client address ('ip:<address>').
create table login_throttle (
    key               varchar(160) primary key,
    failures          integer      not null default 0,
    first_failure_at  timestamptz  not null default now(),
    locked_until      timestamptz,
    constraint login_throttle_failures check (failures >= 0)
);
create index login_throttle_locked_idx on login_throttle (locked_until) where locked_until is not null;
