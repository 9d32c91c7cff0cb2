-- Campaigns after issue 14's review (docs/architecture.md D37).
--
-- 1. A campaign's open targets follow their customer to a new owner (CustomerOwnership): the update finds them by
--    customer, so the open ones are indexed by customer.
create index campaign_target_open_customer_idx on campaign_target (customer_id)
    where not excluded and outcome in ('PENDING', 'NOT_REACHED');

-- 2. A campaign opportunity's source_detail becomes language-neutral, campaign:<id>:<name>, like a referral's
--    (referral:<id>:<referrer>:<channel>); pages and the API say it in the reader's language.
update opportunity o
   set source_detail = 'campaign:' || c.id || ':' || c.name
  from campaign c
 where o.campaign_id = c.id;
