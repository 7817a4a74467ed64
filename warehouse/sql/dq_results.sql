-- grain: one row per data-quality expectation evaluated at the last publish
create table dq_results (
    run_id varchar not null,
    checked_at timestamp,
    suite varchar,
    expectation varchar,
    table_name varchar,
    severity varchar,
    success boolean,
    unexpected_count bigint,
    details varchar,
    check_name varchar,
    quarantined_reports varchar
);

comment on table dq_results is '数据质量结果 — data-quality results: every expectation evaluated at the last publish';
comment on column dq_results.run_id is '批次号 — run that evaluated the expectation';
comment on column dq_results.checked_at is '检查时间 — when it was evaluated (UTC)';
comment on column dq_results.suite is '检查套件 — expectation suite name';
comment on column dq_results.expectation is '检查项 — expectation evaluated';
comment on column dq_results.table_name is '表名 — table checked';
comment on column dq_results.severity is '严重程度 — blocking (stops the publish) or warning';
comment on column dq_results.success is '是否通过 — true when the expectation held';
comment on column dq_results.unexpected_count is '异常行数 — rows that broke the expectation';
comment on column dq_results.details is '详情 — details of the result';
comment on column dq_results.check_name is '检查名称 — the named check (quality.CHECKS) the expectation belongs to';
comment on column dq_results.quarantined_reports is '隔离报告 — source_sha256 of the reports this failure quarantined (comma-separated); null for a failure that stops the publish';
