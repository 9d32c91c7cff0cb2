-- The customer picker's search (D40): each kind of match reads its own index, so that a search stays a few index
-- probes at a million customers whatever the user's scope.
-- Names: any part of a name, through trigrams. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension:
-- the database's owner may create it without being a superuser.
create extension if not exists pg_trgm;
create index customer_name_trgm_idx on customer using gin (name gin_trgm_ops);
-- Numbers: a prefix in byte order, read in that order, so that the first ten of a short prefix are the first ten
-- index entries (customer_no_prefix_idx answers the prefix but cannot give the order).
create index customer_no_c_idx on customer (customer_no collate "C");
-- Phones: the last four digits of the stored phone (digits, spaces, '+' and '-' as the feed allows).
create index customer_phone_tail_idx on customer (right(translate(phone, ' +-', ''), 4)) where phone is not null;
