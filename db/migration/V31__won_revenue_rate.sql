-- An opportunity won keeps the product's revenue rate of the moment it was won (D47): the incentive statement of a
-- closed month must not change when an admin changes a product's rate later. A trigger, so every path that wins an
-- opportunity (a move on the board or the page, the API, a reopened deal won again, the demo data, the benchmark's
-- SQL) records it; a deal that leaves WON (reopened) forgets it. Deals already won take today's rate, the one their
-- statements have shown so far.
alter table opportunity add column won_revenue_rate numeric(7, 5);

update opportunity o set won_revenue_rate = p.revenue_rate
from product p
where p.code = o.product_code and o.status = 'WON';

create function opportunity_keeps_won_rate() returns trigger
    language plpgsql as
$$
begin
    if new.status = 'WON' then
        if tg_op = 'INSERT' or old.status is distinct from 'WON' or new.product_code is distinct from old.product_code
        then
            new.won_revenue_rate := (select revenue_rate from product where code = new.product_code);
        end if;
    else
        new.won_revenue_rate := null;
    end if;
    return new;
end
$$;

create trigger opportunity_keeps_won_rate
    before insert or update of status, product_code on opportunity
    for each row
    execute function opportunity_keeps_won_rate();

alter table opportunity add constraint opportunity_won_rate check ((status = 'WON') = (won_revenue_rate is not null));
