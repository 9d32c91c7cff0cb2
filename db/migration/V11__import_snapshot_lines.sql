-- The holdings feed is a snapshot per customer. When some lines of a customer are rejected, the download of the
-- rejected rows also carries that customer's imported lines (their line numbers here, their text read back from
-- the file after the merge), so that the fixed file is again the customer's whole snapshot and importing it
-- removes nothing the customer still holds.
create table import_context_line (
    run_id   bigint not null references import_run (id) on delete cascade,
    line_no  bigint not null,
    customer_no varchar(32) not null,
    raw_line text,
    primary key (run_id, line_no)
);
