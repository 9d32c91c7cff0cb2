-- Spring Session JDBC keeps HTTP sessions in the database, so that any node can serve any user and an
-- administrator can end a user's sessions at once (spring.session.jdbc.initialize-schema=never).
create table spring_session (
    primary_id             char(36)     not null primary key,
    session_id             char(36)     not null,
    creation_time          bigint       not null,
    last_access_time       bigint       not null,
    max_inactive_interval  integer      not null,
    expiry_time            bigint       not null,
    principal_name         varchar(100)
);
create unique index spring_session_id_idx on spring_session (session_id);
create index spring_session_expiry_idx on spring_session (expiry_time);
create index spring_session_principal_idx on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id  char(36)     not null references spring_session (primary_id) on delete cascade,
    attribute_name      varchar(200) not null,
    attribute_bytes     bytea        not null,
    primary key (session_primary_id, attribute_name)
);

-- ShedLock: a scheduled job runs on one node at a time.
create table shedlock (
    name        varchar(64)  not null primary key,
    lock_until  timestamp    not null,
    locked_at   timestamp    not null,
    locked_by   varchar(255) not null
);
