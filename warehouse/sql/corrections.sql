-- grain: one row per corrected field per source file, as applied at the last publish
create table corrections (
    source_sha256 varchar not null,
    field varchar not null,
    old_value varchar,
    new_value varchar,
    reason varchar,
    correction_file varchar not null,
    applied_at timestamp not null
);

comment on table corrections is '人工更正 — corrections: every correction applied at the last publish';
comment on column corrections.source_sha256 is '文件哈希 — sha256 of the corrected source file, as in ingest_log';
comment on column corrections.field is '字段 — field corrected (fiscal_year, finance.<item_code>, indicators.<row_no>.<field>) or retract';
comment on column corrections.old_value is '原值 — the value as parsed, null when the report did not give it';
comment on column corrections.new_value is '新值 — the value the correction sets (true for a retraction)';
comment on column corrections.reason is '更正原因 — why, as the correction file says';
comment on column corrections.correction_file is '更正文件 — name of the YAML file in the corrections folder';
comment on column corrections.applied_at is '应用时间 — when the publish applied it (UTC)';
