-- Reference data and defaults of contract/reference-data.md. Admins change them afterwards.

insert into branch (code, name, parent_id, path) values ('HQ', '总行', null, '/HQ/');

insert into stage_setting (stage, probability, sort_order) values
    ('IDENTIFIED', 10, 1), ('CONTACTED', 20, 2), ('QUALIFIED', 40, 3), ('PROPOSAL', 60, 4),
    ('NEGOTIATION', 80, 5), ('WON', 100, 6), ('LOST', 0, 7);

insert into product (code, category, name_zh, name_en, revenue_rate, sort_order) values
    ('DEP_DEMAND',    'DEPOSIT',    '活期存款',     'Demand deposit',        0.005, 1),
    ('DEP_TIME',      'DEPOSIT',    '定期存款',     'Time deposit',          0.010, 2),
    ('WEALTH',        'WEALTH',     '理财产品',     'Wealth management',     0.008, 3),
    ('FUND',          'WEALTH',     '基金',         'Mutual fund',           0.012, 4),
    ('INSURANCE',     'WEALTH',     '保险',         'Insurance',             0.030, 5),
    ('CARD_CREDIT',   'CARD',       '信用卡',       'Credit card',           0.020, 6),
    ('LOAN_CONSUMER', 'LOAN',       '消费贷',       'Consumer loan',         0.040, 7),
    ('LOAN_MORTGAGE', 'LOAN',       '住房贷款',     'Mortgage',              0.015, 8),
    ('LOAN_SME',      'LOAN',       '小微企业贷款', 'Small business loan',   0.030, 9),
    ('LOAN_CORP',     'LOAN',       '对公贷款',     'Corporate loan',        0.020, 10),
    ('PAYROLL',       'SETTLEMENT', '代发工资',     'Payroll agency',        0.003, 11),
    ('SETTLEMENT',    'SETTLEMENT', '对公结算',     'Corporate settlement',  0.002, 12),
    ('EBANK',         'CHANNEL',    '手机银行',     'Mobile banking',        0,     13),
    ('FX',            'FX',         '外汇',         'Foreign exchange',      0.005, 14);

insert into tier_threshold (customer_type, tier, lower_bound, sort_order) values
    ('RETAIL', 'MASS', 0, 1), ('RETAIL', 'GOLD', 50000, 2), ('RETAIL', 'PLATINUM', 500000, 3),
    ('RETAIL', 'DIAMOND', 2000000, 4), ('RETAIL', 'PRIVATE', 6000000, 5),
    ('CORPORATE', 'LONG_TAIL', 0, 1), ('CORPORATE', 'GENERAL', 100000, 2), ('CORPORATE', 'KEY', 1000000, 3),
    ('CORPORATE', 'STRATEGIC', 5000000, 4);

insert into lost_reason (code, name_zh, name_en, sort_order) values
    ('PRICE',         '价格因素',         'Price',                  1),
    ('COMPETITOR',    '被同业抢走',       'Lost to a competitor',   2),
    ('NO_NEED',       '客户无需求',       'No need',                3),
    ('RISK_REJECTED', '风险审批未通过',   'Rejected on risk',       4),
    ('UNREACHABLE',   '无法联系客户',     'Customer unreachable',   5),
    ('OTHER',         '其他',             'Other',                  6);

insert into scoring_model (version, weight_revenue, weight_risk, weight_demand, weight_competition,
                           weight_customer_value, weight_relationship, weight_urgency, weight_engagement,
                           band_a, band_b, band_c, active, activated_by)
values (1, 30, 15, 15, 10, 15, 5, 5, 5, 80, 60, 40, true, 'system');

insert into app_setting (key, value) values
    ('pipeline.stalled-days', '14'),
    ('discovery.closed-cooldown-days', '90');

insert into discovery_rule (code, sort_order) values
    ('MATURITY', 1), ('OUTFLOW', 2), ('TIER_UPGRADE', 3), ('PAYROLL_LINK', 4),
    ('EMPLOYEE_CARD', 5), ('CROSS_SELL_CARD', 6), ('CROSS_SELL_WEALTH', 7), ('DORMANT', 8);

insert into discovery_rule_param (rule_code, name, value) values
    ('MATURITY',          'window-days',          30),
    ('OUTFLOW',           'min-average-aum',      50000),
    ('OUTFLOW',           'max-ratio',            0.7),
    ('OUTFLOW',           'close-in-days',        14),
    ('TIER_UPGRADE',      'near-ratio',           0.8),
    ('TIER_UPGRADE',      'close-in-days',        60),
    ('PAYROLL_LINK',      'min-employees',        20),
    ('PAYROLL_LINK',      'amount-per-employee',  96000),
    ('PAYROLL_LINK',      'close-in-days',        90),
    ('EMPLOYEE_CARD',     'amount',               50000),
    ('EMPLOYEE_CARD',     'close-in-days',        60),
    ('CROSS_SELL_CARD',   'min-age',              22),
    ('CROSS_SELL_CARD',   'max-age',              35),
    ('CROSS_SELL_CARD',   'max-distinct-products', 2),
    ('CROSS_SELL_CARD',   'amount',               50000),
    ('CROSS_SELL_CARD',   'close-in-days',        60),
    ('CROSS_SELL_WEALTH', 'min-age',              36),
    ('CROSS_SELL_WEALTH', 'max-age',              60),
    ('CROSS_SELL_WEALTH', 'min-aum',              50000),
    ('CROSS_SELL_WEALTH', 'amount-ratio',         0.2),
    ('CROSS_SELL_WEALTH', 'close-in-days',        60),
    ('DORMANT',           'inactive-days',        180),
    ('DORMANT',           'min-aum',              10000),
    ('DORMANT',           'close-in-days',        30);
