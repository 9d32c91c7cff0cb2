-- The revenue factor's log scale: expected annual revenue at or below the floor scores 0, at or above the
-- ceiling 100 (CNY). Admins change them with the scoring model.
insert into app_setting (key, value) values
    ('scoring.revenue-floor', '100'),
    ('scoring.revenue-ceiling', '1000000');
