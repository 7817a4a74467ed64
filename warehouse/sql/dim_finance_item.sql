-- grain: one row per finance item code; key: item_key
create table dim_finance_item (
    item_key bigint primary key,
    item_code varchar not null unique,
    item_name varchar not null,
    item_group varchar not null
);

comment on table dim_finance_item is '财务项目 — finance item: the figures read from a report''s spending section';
comment on column dim_finance_item.item_key is '项目键 — finance item surrogate key (hash of item_code)';
comment on column dim_finance_item.item_code is '项目编码 — stable code, e.g. expenditure_total, sangong_total';
comment on column dim_finance_item.item_name is '项目名称 — Chinese name, e.g. 决算支出合计';
comment on column dim_finance_item.item_group is '项目分组 — expenditure, budget, sangong, procurement, assets or operating';
