-- grain: one row per input file per run (history kept across runs)
create table ingest_log (
    run_id varchar not null,
    source_file varchar not null,
    source_sha256 varchar,
    status varchar not null,
    reason_code varchar,
    reason varchar,
    ingested_at timestamp not null,
    source_path varchar
);

comment on table ingest_log is '入库日志 — ingest log: one row per input file per run';
comment on column ingest_log.run_id is '批次号 — run that saw the file';
comment on column ingest_log.source_file is '源文件 — file name as received';
comment on column ingest_log.source_sha256 is '文件哈希 — sha256 of the file''s bytes, null when the file could not be read';
comment on column ingest_log.status is '状态 — loaded, unchanged, superseded, rejected or quarantined (parsed, held out of the warehouse by a blocking check)';
comment on column ingest_log.reason_code is '原因代码 — why a file was rejected: no_text_layer, encrypted, corrupt, not_a_report, unsupported_format, too_large, timeout, parse_error; retracted (by a correction file); for a quarantine dq_blocking';
comment on column ingest_log.reason is '原因说明 — one plain sentence a person can act on';
comment on column ingest_log.ingested_at is '入库时间 — when the run saw the file (UTC)';
comment on column ingest_log.source_path is '源路径 — the file''s path relative to the folder given to the run (or the inbox), which tells apart files of the same name (附件1.pdf); null in rows older than the column';
