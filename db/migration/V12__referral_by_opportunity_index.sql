-- An opportunity opened from a referral names its referrer and channel on every list, board column and detail
-- (OpportunityService.credited): find the referral by the opportunity it opened without reading every referral.
create index referral_opportunity_idx on referral (opportunity_id) where opportunity_id is not null;
