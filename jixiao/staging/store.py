"""The parse cache: one JSON record per file content (sha256) and parser version, plus per-run log rows.

Files only, so several processes can stage at once: every write goes to a temp file in the
same directory and is then linked or renamed into place, so a reader never sees half a record.

Layout under ``settings.staging``::

    parsed/<sha256>.json              one StageRecord (parsed or rejected)
    log/<run_id>/<sha256>-<n>.json    one ingest-log row of a run (a batch of one row)
    log/<run_id>/batch-<n>.jsonl      several ingest-log rows of a run, one JSON object a line (RunLog)
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import json
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jixiao.core.faults import crash_point
from jixiao.core.limits import Limits
from jixiao.core.settings import Settings
from jixiao.extract.errors import ExtractError
from jixiao.extract.model import REPORT_TYPES, ParsedReport
from jixiao.extract.sniff import sniff
from jixiao.extract.version import PARSER_VERSION
from jixiao.staging.index import RecordHeaders

_CHUNK = 1024 * 1024
# Rejections that depend on the configured limits, not only on the file: they are cached with the
# limits they were decided under and parsed again once the limits change (as their reason suggests).
LIMIT_REASONS = ("timeout", "too_large")
# Rejections decided partly by the file's name (its extension): never reused for another extension.
NAME_REASONS = ("corrupt", "unsupported_format")


@dataclass(frozen=True)
class Parser:
    """The function that turns a file into a ParsedReport, and its version (part of the cache key)."""

    parse: Callable[..., ParsedReport]
    version: str


def default_parser() -> Parser:
    """The project's extractor, ``jixiao.extract.parse_report`` at ``jixiao.extract.PARSER_VERSION``."""
    return Parser(parse=parse_report, version=PARSER_VERSION)


def parse_report(
    path: Path | str, limits: Limits | None = None, *, source_name: str | None = None
) -> ParsedReport:
    """``jixiao.extract.parse_report``, imported on the first parse: a run that parses nothing (every file
    unchanged) never imports the PDF libraries."""
    from jixiao.extract.parse import parse_report as parse

    return parse(path, limits, source_name=source_name)


@dataclass(frozen=True)
class StageRecord:
    """The cached result of parsing one file content with one parser version."""

    sha256: str
    source_file: str
    first_seen_at: str  # ISO 8601, UTC
    parser_version: str
    status: str  # "parsed" | "rejected"
    reason_code: str | None = None
    reason: str | None = None
    report: ParsedReport | None = None
    limits: dict[str, float] | None = None  # the limits a timeout/too_large rejection was decided under
    source_path: str | None = None  # the first copy's path, relative to its input root (None: the name)
    # A machine failure (disk full, I/O error, the file changing under the parser), not a fact about the
    # file: never stored, so the next run parses the file again. Not part of the stored form.
    retry: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "sha256": self.sha256,
            "source_file": self.source_file,
            "first_seen_at": self.first_seen_at,
            "parser_version": self.parser_version,
            "status": self.status,
            "reason_code": self.reason_code,
            "reason": self.reason,
            "report": self.report.to_dict() if self.report is not None else None,
            "limits": self.limits,
            "source_path": self.source_path,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StageRecord:
        """Inverse of ``to_dict``."""
        report = data.get("report")
        return cls(
            sha256=data["sha256"],
            source_file=data["source_file"],
            first_seen_at=data["first_seen_at"],
            parser_version=data["parser_version"],
            status=data["status"],
            reason_code=data.get("reason_code"),
            reason=data.get("reason"),
            report=ParsedReport.from_dict(report) if report else None,
            limits=data.get("limits"),
            source_path=data.get("source_path"),
        )


@dataclass(frozen=True)
class StageOutcome:
    """What staging one input file did in this run."""

    path: Path
    sha256: str | None
    status: str  # provisional: "loaded" | "unchanged" | "rejected"
    reason_code: str | None
    reason: str | None
    parsed: bool  # True when the file was parsed in this run (not served from the cache)
    record: StageRecord | None
    log_row: dict[str, Any]


def now_iso() -> str:
    """The current UTC time as ISO 8601."""
    return datetime.now(UTC).isoformat()


def hash_file(path: Path) -> str:
    """The sha256 of a file's bytes, as hex. Raises OSError for what is not a regular file."""
    if not stat.S_ISREG(os.stat(path).st_mode):  # reading a FIFO would block the run forever
        raise OSError(errno.EINVAL, "it is a pipe, socket or device, not a regular file")
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def parsed_dir(settings: Settings) -> Path:
    """Where the StageRecords live."""
    return settings.staging / "parsed"


def log_dir(settings: Settings) -> Path:
    """Where the per-run ingest-log rows live."""
    return settings.staging / "log"


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        with path.open(encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write_temp(directory: Path, data: dict[str, Any] | list[dict[str, Any]]) -> Path:
    """A durable temp file in ``directory`` holding ``data`` as JSON (a list: one JSON object a line)."""
    directory.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            if isinstance(data, list):
                fh.writelines(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in data)
            else:
                json.dump(data, fh, ensure_ascii=False, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def limits_dict(settings: Settings) -> dict[str, float]:
    """The parse limits of ``settings`` as stored with a limit-dependent rejection."""
    return {k: float(v) for k, v in asdict(settings.limits).items()}


def _stored(
    sha256: str, settings: Settings, parser_version: str, headers: RecordHeaders | None = None
) -> StageRecord | None:
    """The stored record; with ``headers``, without its report, read from the index when it can be."""
    ident = None
    if headers is not None:
        head = headers.header(sha256)
        if head is not None and head.get("parser_version") == parser_version:
            with contextlib.suppress(KeyError, TypeError, ValueError):
                return StageRecord.from_dict(head)
        ident = headers.file_identity(sha256)
    data = _read_json(parsed_dir(settings) / f"{sha256}.json")
    if data is None or data.get("parser_version") != parser_version:
        return None
    try:
        record = StageRecord.from_dict(data)
    except (KeyError, TypeError, ValueError):
        return None  # an unreadable record is re-parsed and overwritten
    if headers is None:
        return record
    headers.remember(sha256, ident, {**data, "report": None})
    return replace(record, report=None)


def cached_record(
    sha256: str,
    settings: Settings,
    parser_version: str,
    *,
    path: Path | None = None,
    label: str | None = None,
    headers: RecordHeaders | None = None,
) -> StageRecord | None:
    """The staged record for this content and parser version, or None when the file must be parsed.

    With ``headers`` (``jixiao.staging.index``) the record comes without its report (``report`` None),
    from the index when the record file is unchanged since it was indexed: what an outcome needs.

    A rejection decided under limits (timeout, too_large, a crash) counts only under those limits.
    One that depends on the file's name (NAME_REASONS: the same bytes are "a text file" as notes.txt
    and "damaged" as notes.pdf) is judged again for ``path`` when its extension differs, by the
    extractor's first look at the file (``jixiao.extract.sniff``); that verdict is not stored, so the
    stored record, and a re-run, stay as they were.
    """
    record = _stored(sha256, settings, parser_version, headers)
    if record is None or (record.limits is not None and record.limits != limits_dict(settings)):
        return None
    if path is None or record.reason_code not in NAME_REASONS:
        return record
    if Path(record.source_file).suffix.lower() == Path(path).suffix.lower():
        return record
    shown = label_of(path, label)
    try:
        sniff(Path(path), settings.limits, shown)
    except ExtractError as exc:
        name = display_name(Path(path).name)
        return replace(
            record, source_file=name, source_path=shown, reason_code=exc.reason_code, reason=str(exc)
        )
    return record  # it looks like a PDF under this name too: the stored verdict is about the content


def save_record(record: StageRecord, settings: Settings) -> StageRecord:
    """Store ``record`` atomically and return the record now on disk.

    When another process already stored this content with the same parser version, its record
    wins (it was seen first) and is returned; a record of an older parser version is replaced.
    """
    final = parsed_dir(settings) / f"{record.sha256}.json"
    tmp = _write_temp(final.parent, record.to_dict())
    crash_point("staging.record_temp_written")  # fault injection (tests only)
    try:
        try:
            os.link(tmp, final)  # create-if-absent, atomically
        except FileExistsError:
            existing = cached_record(record.sha256, settings, record.parser_version)
            if existing is not None and existing.limits == record.limits:
                return existing
            os.replace(tmp, final)
        return record
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def rejection(
    source_file: str,
    sha256: str,
    parser_version: str,
    reason_code: str,
    reason: str,
    settings: Settings | None = None,
) -> StageRecord:
    """A record for a file that could not become a parsed report (with the limits, when they decided it).

    With ``settings`` and a reason_code of LIMIT_REASONS, the record holds the limits it was decided under.
    """
    limits = limits_dict(settings) if settings is not None and reason_code in LIMIT_REASONS else None
    return StageRecord(
        sha256=sha256,
        source_file=source_file,
        first_seen_at=now_iso(),
        parser_version=parser_version,
        status="rejected",
        reason_code=reason_code,
        reason=reason,
        limits=limits,
    )


def _check_report(report: Any, name: str) -> str | None:
    """A sentence saying why the parser's output cannot go into the warehouse, or None when it can."""
    if not isinstance(report, ParsedReport):
        return f"The parser returned {type(report).__name__} instead of a parsed report for {name}."
    if not report.department.strip():
        return f"No department name was found in {name}; check it is a performance self-evaluation report."
    if not 1949 < report.fiscal_year < 2200:
        return f"The fiscal year found in {name} ({report.fiscal_year}) is not plausible; check the report."
    if report.report_type not in REPORT_TYPES:
        return f"The report type {report.report_type!r} of {name} is not one of {', '.join(REPORT_TYPES)}."
    return None


def retry_later(name: str, sha256: str, parser_version: str, what: str) -> StageRecord:
    """A rejection for a machine failure: ``retry`` set, so it is listed in this run and never stored."""
    reason = f"{name} {what}; it is retried on the next run."
    return replace(rejection(name, sha256, parser_version, "parse_error", reason), retry=True)


def _identity(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _changed(path: Path, sha256: str) -> tuple[tuple[int, ...] | None, str | None]:
    """The file's identity now and, when its bytes no longer hash to ``sha256``, what went wrong."""
    try:
        with path.open("rb") as fh:
            before = _identity(os.fstat(fh.fileno()))
            digest = hashlib.sha256()
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        return None, f"could not be read ({exc.strerror or exc}); check the disk and the file"
    if digest.hexdigest() != sha256:
        return (
            None,
            "changed after it was listed (another file was moved over it, or it is still being copied)",
        )
    return before, None


def too_much_memory(shown: str, settings: Settings) -> str:
    """The reason of a file whose parse reached the parser's memory cap."""
    return (
        f"{shown} needed more than the {settings.limits.max_memory_mb} MB of memory a parser may use "
        "(a page with an enormous amount of text, or a compressed stream that expands without end); "
        "check the file or raise JIXIAO_PARSER_MEMORY_MB."
    )


def display_name(name: str) -> str:
    """A file name fit to show and to store as UTF-8 text.

    A name that is not valid UTF-8 on disk (GBK names from Windows zip archives are common) arrives
    with surrogate escapes; it is decoded as GB18030 where it can be, else its odd bytes are escaped.
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


def label_of(path: Path, label: str | None = None) -> str:
    """How messages name an input: its path relative to its input root when known, else its name."""
    return display_name(label if label is not None else Path(path).name)


def parse_to_record(
    path: Path, sha256: str, settings: Settings, parser: Parser, *, label: str | None = None
) -> StageRecord:
    """Parse one file into a StageRecord; bad input becomes a rejected record, never an exception.

    The record is stored under the hash of the bytes parsed: a file whose bytes are not those of
    ``sha256`` any more, or that changes while it is parsed, gives a ``retry`` rejection instead.
    Messages name the file by ``label`` (its path relative to its input root), stored as source_path.
    """
    path = Path(path)
    name, shown = display_name(path.name), label_of(path, label)
    source_path = shown if label is not None else None
    first_seen_at = now_iso()

    def rejected(code: str, reason: str, limits: Settings | None = None) -> StageRecord:
        record = rejection(name, sha256, parser.version, code, reason, limits)
        return replace(record, first_seen_at=first_seen_at, source_path=source_path)

    before, problem = _changed(path, sha256)
    if problem is not None:
        return replace(retry_later(shown, sha256, parser.version, problem), source_file=name)
    try:
        report = parser.parse(path, settings.limits, source_name=shown)
    except OSError as exc:  # the disk, not the file (the parser turns a file's own damage into ExtractError)
        what = f"could not be read ({exc.strerror or exc})"
        return replace(retry_later(shown, sha256, parser.version, what), source_file=name)
    except ExtractError as exc:
        return rejected(exc.reason_code, str(exc), settings)
    except MemoryError:
        return rejected("too_large", too_much_memory(shown, settings), settings)
    except Exception as exc:  # a parser bug must reject this file, not stop the run
        return rejected(
            "parse_error",
            f"The parser failed on {shown} ({type(exc).__name__}: {exc}); report it with the file attached.",
        )
    try:
        after = _identity(path.stat())
    except OSError:
        after = None
    if after != before:
        what = "changed while it was being read"
        return replace(retry_later(shown, sha256, parser.version, what), source_file=name)
    problem = _check_report(report, shown)
    if problem is not None:
        return rejected("parse_error", problem)
    report = replace(report, sha256=sha256, parser_version=parser.version, source_file=name)
    return StageRecord(
        sha256=sha256,
        source_file=name,
        first_seen_at=first_seen_at,
        parser_version=parser.version,
        status="parsed",
        report=report,
        source_path=source_path,
    )


def write_log_row(settings: Settings, run_id: str, row: dict[str, Any]) -> Path:
    """Store one ingest-log row of ``run_id`` atomically under a fresh ``<sha256>-<n>.json`` name."""
    directory = log_dir(settings) / run_id
    tmp = _write_temp(directory, {**row, "run_id": run_id})
    crash_point("staging.log_temp_written")  # fault injection (tests only)
    stem = row.get("source_sha256") or "unreadable"
    return _link_fresh(tmp, directory, stem, ".json")


def write_log_rows(settings: Settings, run_id: str, rows: list[dict[str, Any]]) -> Path | None:
    """Store ingest-log rows of ``run_id`` atomically and durably as one batch: with one fsync, all of
    them or (a crash before the link) none. One row is stored as :func:`write_log_row` stores it."""
    if len(rows) <= 1:
        return write_log_row(settings, run_id, rows[0]) if rows else None
    directory = log_dir(settings) / run_id
    tmp = _write_temp(directory, [{**row, "run_id": run_id} for row in rows])
    crash_point("staging.log_temp_written")  # fault injection (tests only)
    return _link_fresh(tmp, directory, "batch", ".jsonl")


def _link_fresh(tmp: Path, directory: Path, stem: str, suffix: str) -> Path:
    """Link ``tmp`` into ``directory`` under the first free ``<stem>-<n><suffix>`` and drop ``tmp``."""
    try:
        for n in range(1_000_000):
            final = directory / f"{stem}-{n}{suffix}"
            try:
                os.link(tmp, final)  # fails when another writer took this name
            except FileExistsError:
                continue
            return final
        raise RuntimeError(f"Too many log files named {stem} in {directory}.")
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


class RunLog:
    """One run's ingest-log rows, stored in batches: group commit, one fsync per batch, not per row.

    A row is *acknowledged* once its batch is durable (:meth:`flush` returned): the batch file is
    fsynced, then linked into place, so after a crash it is there whole or not at all. The runner
    flushes when the cached files are served and parsing begins, after every file it parsed (a parse
    costs far more than an fsync, and its ``loaded`` row is then on disk with everything queued
    before it), every ``max_rows`` rows, and at the end of staging; a no-op run over a thousand
    unchanged files therefore pays one fsync, not a thousand (0.25 s on an idle disk, 13 s on a busy
    one).

    What a crash costs, before and after: the records (``parsed/``) are stored durably as before, each
    on its own, so no parse is ever lost. Only queued rows of this run can be lost, and only rows of
    files served from the cache or rejected from it: a rerun stages the same files and writes their
    rows again, and nothing published depends on a row that was never acknowledged, because a run
    publishes only after :meth:`flush` (``runner.stage_files`` flushes before it returns). Before
    group commit a crash lost at most the row being written; now it loses at most the rows of
    unchanged files since the last parse, which the rerun re-creates: no worse for the user.
    """

    def __init__(self, settings: Settings, run_id: str, max_rows: int = 1000) -> None:
        self.settings, self.run_id, self.max_rows = settings, run_id, max_rows
        self.pending: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any], *, flush: bool = False) -> None:
        """Queue ``row``; store the batch now when ``flush`` or when it is full."""
        self.pending.append(row)
        if flush or len(self.pending) >= self.max_rows:
            self.flush()

    def flush(self) -> None:
        """Store the queued rows as one durable batch (nothing when none are queued)."""
        if not self.pending:
            return
        write_log_rows(self.settings, self.run_id, self.pending)
        self.pending = []
        crash_point("staging.log_batch_written")  # fault injection (tests only)


def log_row(
    path: Path,
    sha256: str | None,
    status: str,
    reason_code: str | None,
    reason: str | None,
    *,
    label: str | None = None,
) -> dict:
    """An ingest-log row for one input file, seen now (``label``: its path relative to its input root)."""
    return {
        "source_file": display_name(Path(path).name),
        "source_path": label_of(path, label),
        "source_sha256": sha256,
        "status": status,
        "reason_code": reason_code,
        "reason": reason,
        "ingested_at": now_iso(),
    }


def outcome(
    path: Path,
    record: StageRecord,
    *,
    parsed: bool,
    settings: Settings,
    run_id: str,
    label: str | None = None,
    log: RunLog | None = None,
) -> StageOutcome:
    """Turn a record into this run's outcome for ``path`` and write its log row (into ``log``'s batch,
    flushed when the file was parsed; without ``log``, at once)."""
    path = Path(path)
    shown, first = label_of(path, label), record.source_path or record.source_file
    if record.status == "rejected":
        status, code, reason = "rejected", record.reason_code, record.reason
        if reason and first != shown:  # the cached reason names the first copy
            reason = reason.replace(first, shown) if first in reason else f"{shown}: {reason}"
    elif parsed:
        status, code, reason = "loaded", None, None
    elif first == shown:
        status, code = "unchanged", None
        reason = f"{shown} was ingested before with the same content; nothing to do."
    else:
        status, code = "unchanged", None
        reason = f"{shown} has the same content as {first}, ingested earlier; it is not loaded a second time."
    row = log_row(path, record.sha256, status, code, reason, label=label)
    _store_row(settings, run_id, row, log, flush=parsed)
    crash_point("staging.log_row_written")  # fault injection (tests only)
    return StageOutcome(path, record.sha256, status, code, reason, parsed, record, {**row, "run_id": run_id})


def _store_row(
    settings: Settings, run_id: str, row: dict[str, Any], log: RunLog | None, *, flush: bool
) -> None:
    if log is None:
        write_log_row(settings, run_id, row)
    else:
        log.add(row, flush=flush)


def unreadable(
    path: Path,
    exc: OSError,
    settings: Settings,
    run_id: str,
    *,
    label: str | None = None,
    log: RunLog | None = None,
) -> StageOutcome:
    """The outcome for a file that cannot even be read (permissions, vanished, a directory, a link loop)."""
    path = Path(path)
    shown = label_of(path, label)
    reason = f"{shown} could not be read ({exc.strerror or exc}); check the file exists and is readable."
    row = log_row(path, None, "rejected", "corrupt", reason, label=label)
    _store_row(settings, run_id, row, log, flush=False)
    return StageOutcome(path, None, "rejected", "corrupt", reason, False, None, {**row, "run_id": run_id})


def stage_file(
    path: Path,
    settings: Settings,
    run_id: str,
    *,
    parser: Parser | None = None,
    label: str | None = None,
    log: RunLog | None = None,
) -> StageOutcome:
    """Stage one file in this process: served from the cache when its content was seen before.

    Never raises for bad input: it becomes a ``rejected`` outcome with a reason.
    """
    parser = parser or default_parser()
    path = Path(path)
    done = functools.partial(outcome, path, settings=settings, run_id=run_id, label=label, log=log)
    try:
        sha256 = hash_file(path)
    except OSError as exc:
        return unreadable(path, exc, settings, run_id, label=label, log=log)
    record = cached_record(sha256, settings, parser.version, path=path, label=label)
    if record is not None:
        return done(record, parsed=False)
    fresh = parse_to_record(path, sha256, settings, parser, label=label)
    if fresh.retry:
        return done(fresh, parsed=True)
    stored = save_record(fresh, settings)  # another process may have stored this content first
    return done(stored, parsed=stored is fresh)


def sweep_stale_temps(settings: Settings, max_age_s: float = 3600.0) -> int:
    """Delete temp files left by writers that were killed mid-write (older than ``max_age_s``); how many."""
    cutoff = time.time() - max_age_s
    removed = 0
    for pattern in ("parsed/.tmp-*", "log/*/.tmp-*"):
        for tmp in settings.staging.glob(pattern):
            with contextlib.suppress(OSError):
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
                    removed += 1
    return removed


def _record_files(settings: Settings) -> list[Path]:
    """The staged record files (``parsed/<sha256>.json``), in name order; temp files left out."""
    directory = parsed_dir(settings)
    if not directory.is_dir():
        return []
    return [file for file in sorted(directory.glob("*.json")) if not file.name.startswith(".")]


def iter_records(settings: Settings, parser_version: str | None = None) -> Iterator[StageRecord]:
    """Every staged record of the current (or the given) parser version, one at a time, in file order.

    A rebuild reads the staging this way (``jixiao.warehouse.normalize.to_frames`` reduces each record to its
    rows as it arrives), so its memory does not grow with whole parsed reports.
    """
    version = parser_version if parser_version is not None else default_parser().version
    for file in _record_files(settings):
        record = cached_record(file.stem, settings, version)
        if record is not None:
            yield record


def report_departments(
    settings: Settings, parser_version: str | None = None, *, staged: set[str] | None = None
) -> dict[str, str]:
    """sha256 → department (stripped) of every staged parsed report of the parser version.

    Reads each record's JSON without building the report, so a rebuild can group the staging by
    department before it reads the records themselves (see ``jixiao.ingestion.rebuild``). ``staged``,
    when given, receives the sha256 of every record of the version, rejected ones included.
    """
    version = parser_version if parser_version is not None else default_parser().version
    found: dict[str, str] = {}
    for file in _record_files(settings):
        department = _department_of(file, version)
        if department is None:
            continue
        if staged is not None:
            staged.add(file.stem)
        if department:
            found[file.stem] = department
    return found


def record_department(sha256: str, settings: Settings, parser_version: str) -> str | None:
    """What the staged record of ``sha256`` holds for the parser version: its report's department
    (stripped), "" for a rejected file, None when there is no record of that version."""
    return _department_of(parsed_dir(settings) / f"{sha256}.json", parser_version)


def _department_of(file: Path, version: str) -> str | None:
    data = _read_json(file)
    if not data or data.get("parser_version") != version:
        return None
    report = data.get("report")
    if (
        data.get("status") == "parsed"
        and isinstance(report, dict)
        and isinstance(report.get("department"), str)
    ):
        return report["department"].strip()
    return ""


def load_records(settings: Settings, parser_version: str | None = None) -> list[StageRecord]:
    """Every staged record of the current (or the given) parser version, oldest first."""
    records = list(iter_records(settings, parser_version))
    records.sort(key=lambda r: (r.first_seen_at, r.source_file, r.sha256))
    return records


def _read_batch(path: Path) -> list[dict[str, Any] | None]:
    """The rows of a batch file (``RunLog``); one that cannot be read gives none."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
    except (OSError, ValueError):
        return []
    return [row if isinstance(row, dict) else None for row in rows]


def log_order(row: dict[str, Any]) -> tuple[str, str, str]:
    """The order ingest-log rows were written in (the sort key of :func:`load_log_rows`)."""
    return (row.get("ingested_at") or "", row["run_id"], row["source_file"])


def load_log_rows(settings: Settings) -> list[dict[str, Any]]:
    """Every run's ingest-log rows, in the order they were written."""
    rows = [
        row
        for items in log_row_index(settings).values()
        for item in items
        if (row := read_log_row(item)) is not None
    ]
    rows.sort(key=log_order)
    return rows


def log_row_index(settings: Settings) -> dict[tuple[str, str], list[Path | dict[str, Any]]]:
    """(run id, sha256 or "unreadable") → that run's staged ingest-log rows of that input: the file of
    a single row (its name says whose row it is, so it is not read; :func:`read_log_row`), or a row
    read from a batch file (a batch holds many inputs' rows)."""
    found: dict[tuple[str, str], list[Path | dict[str, Any]]] = {}
    with contextlib.suppress(FileNotFoundError):
        for run in os.scandir(log_dir(settings)):
            if not run.is_dir() or run.name.startswith("."):
                continue
            for entry in os.scandir(run.path):
                name = entry.name
                if name.startswith("."):
                    continue
                if name.endswith(".json"):
                    stem = name[: -len(".json")].rpartition("-")[0]
                    found.setdefault((run.name, stem), []).append(Path(entry.path))
                elif name.endswith(".jsonl"):
                    for data in _read_batch(Path(entry.path)):
                        if data is not None and "source_file" in data:
                            data.setdefault("run_id", run.name)
                            key = (run.name, data.get("source_sha256") or "unreadable")
                            found.setdefault(key, []).append(data)
    return found


def read_log_row(item: Path | dict[str, Any]) -> dict[str, Any] | None:
    """A row of :func:`log_row_index`, read if it is a file (None when unreadable or not a row)."""
    if isinstance(item, dict):
        return item
    data = _read_json(item)
    if data is None or "source_file" not in data:
        return None
    data.setdefault("run_id", item.parent.name)
    return data
