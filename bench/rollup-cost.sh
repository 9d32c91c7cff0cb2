#!/usr/bin/env bash
# What the dashboards' read model (V36–V38, V42; D54, D57, D59, D64) adds to each write: the same writes (N follow-ups
# with a next action, N opportunity creates, N stage moves with their history row, N closes as lost with theirs, N
# customer edits of AUM and tier, one statement each, and one statement revaluing every customer of a branch) on N
# open opportunities from a random place of the table and their customers, timed with its triggers and with every
# rollup_* trigger disabled, in transactions that are rolled back (nothing stays). Prints the milliseconds per write
# of each round. On a bank made by bench/generate.sh from this branch (default crm_bank); needs the table owner or a
# superuser, and no application serving the database: the rounds without triggers hold ALTER TABLE's exclusive lock
# on the tables they touch.
#
#   DB=crm_bank N=2000 ROUNDS=5 bench/rollup-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
DB=${DB:-crm_bank}
N=${N:-2000}
ROUNDS=${ROUNDS:-5}

# One round: $1 = "on" or "off"; prints how many opportunities it picked, then the milliseconds of as many
# follow-ups, opportunity creates, stage moves, closes as lost and customer edits, then the customers of the revalued
# branch and the milliseconds of that one statement.
round() {
  local disable=""
  if [ "$1" = off ]; then
    disable="select format('alter table %s disable trigger %I', t.tgrelid::regclass, t.tgname)
             from pg_trigger t where not t.tgisinternal and t.tgname like 'rollup\\_%' \\gexec"
  fi
  psql -X -q -d "$DB" -v ON_ERROR_STOP=1 <<SQL | sed -n -e 's/^PICKED \([0-9]*\)$/\1/p' -e 's/^BRANCH \([0-9]*\)$/\1/p' \
    -e 's/^Time: \([0-9.]*\) ms.*/\1/p' \
    | tr '\n' ' '
begin;
$disable
create temp table pick on commit drop as
  select o.id, o.customer_id, o.owner_id, o.branch_id, o.stage from opportunity o
  where o.status = 'OPEN' and o.owner_id is not null
    and o.id >= (select min(id) + (max(id) - min(id)) * random() * 0.9 from opportunity)
  order by o.id limit $N;
select count(*) as picked from pick \gset
\echo PICKED :picked
\timing on
-- N follow-ups with a next action, one statement each (as the application writes them)
do \$\$ declare p record; begin
  for p in select * from pick loop
    insert into follow_up (customer_id, opportunity_id, type, occurred_at, summary, next_action, next_action_date,
                           created_by)
    values (p.customer_id, p.id, 'CALL', now(), 'cost', 'next', current_date + 7, p.owner_id);
  end loop; end \$\$;
-- N opportunity creates
do \$\$ declare p record; begin
  for p in select * from pick loop
    insert into opportunity (customer_id, product_code, title, amount, expected_revenue, stage, status, source,
                             owner_id, branch_id, expected_close_date, risk_level, competition, need_strength)
    values (p.customer_id, 'FUND', 'cost', 100000, 0, 'IDENTIFIED', 'OPEN', 'RM_DISCOVERED', p.owner_id, p.branch_id,
            current_date + 30, 'LOW', 'NONE', 3);
  end loop; end \$\$;
-- N stage moves with their history row
do \$\$ declare p record; begin
  for p in select * from pick loop
    update opportunity set stage = case when p.stage = 'NEGOTIATION' then 'PROPOSAL' else 'NEGOTIATION' end
    where id = p.id;
    insert into opportunity_history (opportunity_id, event, from_value, to_value)
    values (p.id, 'STAGE', p.stage, case when p.stage = 'NEGOTIATION' then 'PROPOSAL' else 'NEGOTIATION' end);
  end loop; end \$\$;
-- N closes as lost with their history row (the loss analysis' sums, V42)
do \$\$ declare p record; begin
  for p in select * from pick loop
    update opportunity set stage = 'LOST', status = 'LOST', lost_reason = 'PRICE', closed_at = now()
    where id = p.id;
    insert into opportunity_history (opportunity_id, event, from_value, to_value)
    values (p.id, 'STAGE', 'NEGOTIATION', 'LOST');
  end loop; end \$\$;
-- N customer edits: a new AUM and the tier it falls in (as a feed line and the tier migration write them)
do \$\$ declare p record; begin
  for p in select customer_id from pick loop
    update customer set aum = aum + 1000,
                        tier = case type when 'RETAIL' then 'GOLD' else 'GENERAL' end
    where id = p.customer_id;
  end loop; end \$\$;
\timing off
select count(*) as branch_customers from customer
where branch_id = (select branch_id from pick order by id limit 1) \gset
\echo BRANCH :branch_customers
\timing on
-- every customer of one branch revalued in one statement (a month-end AUM feed)
update customer set aum = aum * 1.01 where branch_id = (select branch_id from pick order by id limit 1);
\timing off
rollback;
SQL
  echo
}

echo "ROLLUP-COST database=$DB N=$N rounds=$ROUNDS load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  for mode in on off; do
    read -r n fu cr mv cl ce bn bt < <(round "$mode")
    printf 'ROLLUP-COST round %s triggers %-3s follow-up %.3f ms, create %.3f ms, stage move %.3f ms,' \
      "$r" "$mode" "$(awk "BEGIN{print $fu/$n}")" "$(awk "BEGIN{print $cr/$n}")" "$(awk "BEGIN{print $mv/$n}")"
    printf ' close as lost %.3f ms,' "$(awk "BEGIN{print $cl/$n}")"
    printf ' customer edit %.3f ms (each of %s); a branch revalued %.0f ms (%s customers)\n' \
      "$(awk "BEGIN{print $ce/$n}")" "$n" "$bt" "$bn"
  done
done
echo "ROLLUP-COST load after $(cut -d' ' -f1-3 /proc/loadavg)"
