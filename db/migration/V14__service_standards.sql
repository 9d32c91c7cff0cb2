-- Service standards per tier (分层服务标准): how often a customer of the tier must be contacted and which
-- follow-up types count as a contact. A tier with contact_days null has no standard (MASS, LONG_TAIL by
-- default) and is left out of coverage; every tier has a row so that an admin edits, never inserts.
create table service_standard (
    tier           varchar(16)  primary key,
    contact_days   integer,
    contact_types  varchar(16)[] not null default '{}',
    updated_at     timestamptz  not null default now(),
    updated_by     varchar(50),
    version        integer      not null default 0,
    constraint service_standard_tier check (tier in ('MASS', 'GOLD', 'PLATINUM', 'DIAMOND', 'PRIVATE',
        'LONG_TAIL', 'GENERAL', 'KEY', 'STRATEGIC')),
    constraint service_standard_days check (contact_days is null or contact_days between 1 and 366),
    constraint service_standard_types check (contact_days is null or cardinality(contact_types) > 0),
    constraint service_standard_type_codes check (contact_types <@ array['VISIT', 'CALL', 'MEETING', 'WECHAT',
        'EMAIL', 'SALON']::varchar(16)[])
);

insert into service_standard (tier, contact_days, contact_types) values
    ('PRIVATE',   30,   '{VISIT,MEETING}'),
    ('DIAMOND',   30,   '{VISIT,MEETING,CALL}'),
    ('PLATINUM',  60,   '{VISIT,MEETING,CALL}'),
    ('GOLD',      90,   '{VISIT,MEETING,CALL,WECHAT}'),
    ('MASS',      null, '{}'),
    ('STRATEGIC', 30,   '{VISIT,MEETING}'),
    ('KEY',       60,   '{VISIT,MEETING,CALL}'),
    ('GENERAL',   90,   '{VISIT,MEETING,CALL}'),
    ('LONG_TAIL', null, '{}');

-- A customer's last contact as of a day (D29): the latest follow-up of one of its tier's contact types before
-- the end of that bank day, on the customer or on any of its opportunities (follow_up.customer_id is set for
-- both). With the type in the key, that is one short index range per customer and type, read from the index
-- alone, whatever the day asked and whatever types the admin chose; no follow-up row is read.
create index follow_up_contact_idx on follow_up (customer_id, type, occurred_at desc);
-- Coverage is counted over owners (an RM's book) and branches (a head's subtree) for the tiers with a standard.
create index customer_owner_tier_idx on customer (owner_id, tier) where owner_id is not null;
