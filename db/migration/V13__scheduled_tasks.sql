-- The job mechanism (db-scheduler): one row per scheduled execution of a task. A one-time task (an import run,
-- a discovery run, a re-scoring) is inserted in the transaction that creates its run row and deleted when it has
-- run; a recurring task (the nightly jobs) keeps one row whose execution_time is its next firing. A node that
-- picks an execution beats last_heartbeat; an execution whose beats stop is dead and handled by its task.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);

create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- The nightly jobs are recurring tasks now; ShedLock's table (V3) has no user left.
drop table shedlock;
