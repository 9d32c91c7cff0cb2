-- The tier reports read one month (the migration: two months; the structure: a range of months) across all the
-- customers in scope: this index lets a bank-wide read be an index-only scan of the month(s) asked for, where the
-- primary key (customer_id, month) would need every customer's rows.
create index aum_monthly_month_idx on aum_monthly (month, customer_id) include (avg_aum);
