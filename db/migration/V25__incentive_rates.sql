-- Incentives (提成, issue 17, docs/architecture.md D47): the rates credited on won revenue per product category and
-- the reward per converted referral, versioned by the bank month they apply from. A statement of a month reads the
-- version with the latest valid_from on or before that month, so a later change never alters a closed month.
-- An admin's change applies from the current bank month: a second change in the same month replaces that month's
-- version (the month is not closed yet); earlier versions are never written again.

create table incentive_rate_version (
    -- The first day of the bank month the version applies from.
    valid_from       date          primary key,
    referral_reward  numeric(18,2) not null,
    updated_at       timestamptz   not null default now(),
    updated_by       varchar(50),
    version          integer       not null default 0,
    constraint incentive_rate_version_month check (extract(day from valid_from) = 1),
    constraint incentive_rate_version_reward check (referral_reward >= 0)
);

create table incentive_rate (
    valid_from  date         not null references incentive_rate_version (valid_from) on delete cascade,
    category    varchar(16)  not null,
    -- A fraction of the revenue credited.
    rate        numeric(7,5) not null,
    primary key (valid_from, category),
    constraint incentive_rate_category check (category in ('DEPOSIT', 'WEALTH', 'CARD', 'LOAN', 'SETTLEMENT',
        'CHANNEL', 'FX')),
    constraint incentive_rate_range check (rate >= 0 and rate <= 1)
);

-- The contract's defaults (reference-data.md "Incentive rates"), valid for every month a statement may be asked of.
insert into incentive_rate_version (valid_from, referral_reward, updated_by) values (date '2000-01-01', 50, 'system');
insert into incentive_rate (valid_from, category, rate) values
    (date '2000-01-01', 'DEPOSIT',    0.05),
    (date '2000-01-01', 'WEALTH',     0.08),
    (date '2000-01-01', 'CARD',       0.10),
    (date '2000-01-01', 'LOAN',       0.06),
    (date '2000-01-01', 'SETTLEMENT', 0.05),
    (date '2000-01-01', 'CHANNEL',    0),
    (date '2000-01-01', 'FX',         0.05);

