"""No cost is ever lost: exports are reproducible, survive a kill, leak no credential, and can be
pseudonymized for sharing outside finance.

* The whole pipeline (scripts/focus_run.py: dbt build + export) run twice on the committed
  fixture gives byte-identical data files; metadata.json differs only in its time stamps.
* An export killed with SIGKILL halfway leaves the previous export as it was and no visible
  partial folder; the next export removes the hidden leftovers.
* No private key or token is tracked by git, and a run's output, dbt logs and target files never
  contain the keyfile the profile points to.
* ``--pseudonymize`` replaces ResourceId, ResourceName and tag values by keyed HMAC pseudonyms.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from conftest import FIXTURE_DATA, REPO_ROOT
from test_focus_export import build_sample_db, focus_export, run_export

SCRIPTS = REPO_ROOT / "scripts"
# Time stamps of the export itself; DataFreshnessHours is ExportedAt - LatestChargePeriodEnd.
TIME_DEPENDENT = {("Schema", "CreationDate"), ("x_ExportReport", "ExportedAt"),
                  ("x_ExportReport", "DataFreshnessHours")}  # fmt: skip
SECRET_TOKEN = "FAKESECRET" + hashlib.sha256(b"finops-focus test keyfile").hexdigest()[:24]


def checksums(root: Path) -> dict[str, str]:
    """SHA-256 of every data file of an export folder (Parquet and CSV), by relative path."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("part-*"))
    }


def log_checksums(label: str, sums: dict[str, str]) -> None:
    for path, digest in sums.items():
        print(f"{label}: sha256 {digest} {path}")


def without_time(metadata: dict) -> dict:
    copy = json.loads(json.dumps(metadata))
    for section, key in TIME_DEPENDENT:
        copy[section].pop(key, None)
    return copy


def pipeline_env(work: Path, **overrides: str) -> dict[str, str]:
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(("FOCUS_", "DBT_"))
    }
    return env | {
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        # The same file name in every run: the relation (database = file stem) stays the same.
        "FOCUS_DUCKDB_PATH": str(work / "focus.duckdb"),
        "FOCUS_RAW_DATA_PATH": str(FIXTURE_DATA),
        **overrides,
    }


def write_fake_keyfile(path: Path) -> str:
    """A service-account keyfile shaped like Google's, holding SECRET_TOKEN; returns its text."""
    begin, end = "-----BEGIN " + "PRIVATE KEY-----", "-----END " + "PRIVATE KEY-----"
    fake = f"{begin}\nMIIEv{SECRET_TOKEN}QIBADANBgkqhkiG9w0BAQEFAASC\n{end}\n"
    keyfile = {
        "type": "service_account",
        "project_id": "finops-focus-test",
        "private_key_id": SECRET_TOKEN,
        "private_key": fake,
        "client_email": "ci@finops-focus-test.iam.gserviceaccount.com",
        "token_uri": "https://oauth2.googleapis.com/token",
    }
    path.write_text(json.dumps(keyfile), encoding="utf-8")
    return path.read_text(encoding="utf-8")


def run_pipeline(work: Path, profiles_dir: Path, *args: str, **env: str):
    work.mkdir(parents=True, exist_ok=True)
    completed = subprocess.run(
        [sys.executable, str(SCRIPTS / "focus_run.py"), "--profiles-dir", str(profiles_dir),
         "--export-dir", str(work / "exports"), *args],
        cwd=REPO_ROOT, env=pipeline_env(work, **env), capture_output=True, text=True,
        check=False, timeout=900,
    )  # fmt: skip
    (work / "run.log").write_text(completed.stdout + completed.stderr, encoding="utf-8")
    return completed


@pytest.fixture(scope="module")
def profiles_with_keyfile(tmp_path_factory) -> tuple[Path, Path]:
    """The example profiles and a fake BigQuery keyfile it points to (FOCUS_BIGQUERY_KEYFILE)."""
    root = tmp_path_factory.mktemp("profiles")
    shutil.copyfile(REPO_ROOT / "profiles.example.yml", root / "profiles.yml")
    keyfile = root / "keyfile.json"
    write_fake_keyfile(keyfile)
    return root, keyfile


@pytest.fixture(scope="module")
def two_runs(profiles_with_keyfile, tmp_path_factory) -> list[Path]:
    """focus_run.py (dbt build + export) twice on the committed fixture, in separate folders."""
    profiles_dir, keyfile = profiles_with_keyfile
    runs = []
    for name in ("run1", "run2"):
        work = tmp_path_factory.mktemp(name)
        completed = run_pipeline(work, profiles_dir, FOCUS_BIGQUERY_KEYFILE=str(keyfile))
        assert completed.returncode == 0, completed.stderr[-3000:]
        runs.append(work)
    return runs


# --------------------------------------------------------------------------------------------
# A. Byte-identical exports
# --------------------------------------------------------------------------------------------


def test_full_pipeline_twice_gives_byte_identical_exports(two_runs):
    first, second = (work / "exports" / "focus-1.2" for work in two_runs)
    sums = checksums(first)
    log_checksums("run1", sums)
    assert len(sums) == 4, "two billing periods, Parquet and CSV"
    assert checksums(second) == sums
    metadata = [json.loads((root / "metadata.json").read_text()) for root in (first, second)]
    assert without_time(metadata[0]) == without_time(metadata[1])
    listed = {item["Path"]: item["Sha256"] for item in metadata[0]["x_ExportReport"]["Files"]}
    assert listed == sums


def test_export_again_in_place_is_byte_identical_and_keeps_creation_date(
    two_runs, profiles_with_keyfile
):
    work = two_runs[0]
    root = work / "exports" / "focus-1.2"
    before = checksums(root)
    metadata = json.loads((root / "metadata.json").read_text())
    completed = run_pipeline(work, profiles_with_keyfile[0], "--skip-build")
    assert completed.returncode == 0, completed.stderr[-3000:]
    again = json.loads((root / "metadata.json").read_text())
    assert checksums(root) == before
    assert again["Schema"]["CreationDate"] == metadata["Schema"]["CreationDate"]
    assert without_time(again) == without_time(metadata)


# --------------------------------------------------------------------------------------------
# B. A killed export leaves the previous one intact
# --------------------------------------------------------------------------------------------

KILL_TABLE_ROWS = 600_000


def build_kill_db(path: Path) -> None:
    """A FOCUS-shaped table big enough that its export takes seconds, and a small one."""
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema main_focus")
        connection.execute(
            f"""
            create table main_focus.focus_big as
            select
                timestamptz '2025-01-01 00:00:00+00' + to_months((i % 3)::int)
                    as BillingPeriodStart,
                timestamptz '2025-01-01 00:00:00+00' + to_months((i % 3)::int)
                    + to_hours((i // 3 % 672)::int) as ChargePeriodStart,
                '210987654321' as BillingAccountId,
                lpad(((i * 7919) % 40)::varchar, 12, '0') as SubAccountId,
                'i-' || lpad(((i * 31) % 50000)::varchar, 17, '0') as ResourceId,
                'Usage' as ChargeCategory,
                ((i % 997) / 100.0)::decimal(38, 10) as BilledCost,
                ((i % 991) / 100.0)::decimal(38, 10) as EffectiveCost,
                '{{"env":"prod","team":"t' || (i % 17)::varchar || '"}}' as Tags,
                i::varchar as x_SourceLineItemId
            from range({KILL_TABLE_ROWS}) as generated(i)
            """
        )
        connection.execute(
            "create table main_focus.focus_small as "
            "select * from main_focus.focus_big where x_SourceLineItemId::int < 300"
        )


def kill_manifest(path: Path, alias: str) -> Path:
    node = {
        "name": alias,
        "database": "kill",
        "schema": "main_focus",
        "alias": alias,
        "config": {"meta": {"focus_version": "1.2"}},
    }
    manifest = {
        "metadata": {"adapter_type": "duckdb"},
        "nodes": {focus_export.DEFAULT_NODE_ID: node},
    }
    path.write_text(json.dumps(manifest), encoding="utf-8")
    return path


def export_command(db: Path, manifest: Path, export_dir: Path) -> list[str]:
    return [
        sys.executable, str(SCRIPTS / "focus_export.py"), "--manifest", str(manifest),
        "--duckdb-path", str(db), "--export-dir", str(export_dir),
    ]  # fmt: skip


def wait_for_partial_export(export_dir: Path, process: subprocess.Popen, timeout: float) -> Path:
    """The hidden temp folder once the export has started writing a billing period into it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the export finished before it could be killed"
        for staging in export_dir.glob(".focus-1.2.tmp-*"):
            if not staging.name.endswith(".spill") and any(staging.glob("billing_period=*")):
                return staging
        time.sleep(0.01)
    raise AssertionError(f"no temp folder with a billing period in {export_dir} in {timeout}s")


def test_killed_export_leaves_previous_export_and_no_visible_partial_folder(tmp_path):
    db = tmp_path / "kill.duckdb"
    build_kill_db(db)
    export_dir = tmp_path / "exports"
    small = kill_manifest(tmp_path / "small.json", "focus_small")
    big = kill_manifest(tmp_path / "big.json", "focus_big")
    subprocess.run(export_command(db, small, export_dir), check=True, capture_output=True)
    root = export_dir / "focus-1.2"
    before = {**checksums(root), "metadata.json": hashlib.sha256(
        (root / "metadata.json").read_bytes()).hexdigest()}  # fmt: skip
    log_checksums("before kill", before)

    process = subprocess.Popen(
        export_command(db, big, export_dir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        staging = wait_for_partial_export(export_dir, process, timeout=120)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    print(f"killed export pid {process.pid} while writing {staging.name}")

    after = {**checksums(root), "metadata.json": hashlib.sha256(
        (root / "metadata.json").read_bytes()).hexdigest()}  # fmt: skip
    log_checksums("after kill", after)
    assert after == before, "the previous export is untouched"
    visible = sorted(path.name for path in export_dir.iterdir() if not path.name.startswith("."))
    assert visible == ["focus-1.2"], "no partial folder visible"
    assert staging.exists(), "SIGKILL leaves the hidden temp folder behind"

    # The next export cleans the hidden leftovers.
    subprocess.run(export_command(db, small, export_dir), check=True, capture_output=True)
    assert sorted(path.name for path in export_dir.iterdir()) == [".focus-1.2.lock", "focus-1.2"]
    assert checksums(root) == {
        key: value for key, value in before.items() if key != "metadata.json"
    }


# --------------------------------------------------------------------------------------------
# D. Credentials: none tracked, none logged
# --------------------------------------------------------------------------------------------

SECRET_PATTERNS = {
    "private key block": re.compile(rb"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "service-account private key": re.compile(rb'"private_key"\s*:\s*"-----'),
    "AWS access key ID": re.compile(rb"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "AWS secret access key": re.compile(
        rb"(?i)aws_secret_access_key\s*[=:]\s*['\"]?[A-Za-z0-9/+]{40}"
    ),
    "GitHub token": re.compile(rb"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
    "Slack token": re.compile(rb"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(rb"\bAIza[0-9A-Za-z_-]{35}\b"),
}
SECRET_FILE_NAMES = re.compile(
    r"(^|/)(profiles\.yml|\.env|id_rsa|id_ed25519|credentials(\.json)?)$|\.(pem|p12|pfx|key)$"
)


def tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, check=True
    ).stdout
    return [REPO_ROOT / name for name in listed.decode().split("\0") if name]


@pytest.mark.quick
def test_no_credential_is_tracked():
    files = tracked_files()
    assert files, "git ls-files listed nothing"
    names = [path.relative_to(REPO_ROOT).as_posix() for path in files]
    assert [name for name in names if SECRET_FILE_NAMES.search(name)] == []
    found = []
    for path in files:
        if not path.is_file():  # a tracked symlink to a folder, or deleted in the worktree
            continue
        content = path.read_bytes()
        found += [
            f"{path.relative_to(REPO_ROOT)}: {label}"
            for label, pattern in SECRET_PATTERNS.items()
            if pattern.search(content)
        ]
    assert found == []
    print(f"scanned {len(files)} tracked files for {len(SECRET_PATTERNS)} secret patterns")


def test_secret_patterns_catch_a_fake_keyfile(tmp_path):
    text = write_fake_keyfile(tmp_path / "keyfile.json").encode()
    assert SECRET_PATTERNS["private key block"].search(text)
    assert SECRET_PATTERNS["service-account private key"].search(text)


def files_containing(roots: list[Path], needles: list[str]) -> list[str]:
    hits = []
    for root in roots:
        for path in [root] if root.is_file() else sorted(root.rglob("*")):
            if path.is_file():
                content = path.read_bytes()
                hits += [
                    f"{path}: {needle[:12]}…" for needle in needles if needle.encode() in content
                ]
    return hits


def test_runs_never_log_the_keyfile(two_runs, profiles_with_keyfile, tmp_path):
    profiles_dir, keyfile = profiles_with_keyfile
    secret_lines = [line for line in keyfile.read_text().splitlines() if SECRET_TOKEN in line]
    needles = [SECRET_TOKEN, *secret_lines]
    # A BigQuery run reads the keyfile (and fails: it is not a real key); a DuckDB run does not.
    work = tmp_path / "bigquery"
    completed = run_pipeline(
        work, profiles_dir, "--target", "bigquery", FOCUS_BIGQUERY_KEYFILE=str(keyfile)
    )
    assert completed.returncode == 2
    # dbt really read the keyfile: the key inside is refused, and said so in one line.
    assert re.search(r"ERROR focus_run: dbt build could not run: .*(PEM|key)", completed.stderr)
    roots = [work, *two_runs]
    assert files_containing(roots, needles) == []
    assert any((run / "logs" / "dbt.log").is_file() for run in roots), "dbt logs were scanned"


# --------------------------------------------------------------------------------------------
# D. Pseudonymized exports
# --------------------------------------------------------------------------------------------

KEY = b"finance-shares-with-engineering"
PSEUDONYMIZED = ("ResourceId", "ResourceName", "Tags")


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[Path, str]:
    db = tmp_path_factory.mktemp("pseudo") / "focus_sample.duckdb"
    return db, build_sample_db(db)


def read_rows(root: Path) -> list[dict]:
    return pq.read_table(sorted(root.glob("*/*.parquet"))).to_pylist()


@pytest.mark.quick
def test_pseudonymized_export(sample, tmp_path):
    db, relation = sample
    plain = run_export(db, relation, tmp_path / "plain")
    hidden = focus_export.export(
        db, relation, "1.2", tmp_path / "hidden", "parquet,csv",
        focus_columns=focus_export.load_focus_columns(
            REPO_ROOT / "seeds" / "focus" / "focus_columns.csv", "1.2"),
        provider_tag_prefixes=["example:"], project_version="0.3.1", pseudonymize_key=KEY,
    )  # fmt: skip
    before, after = read_rows(plain.path), read_rows(hidden.path)
    assert len(before) == len(after) == 5

    def unchanged(row: dict) -> str:
        return repr(sorted((k, v) for k, v in row.items() if k not in PSEUDONYMIZED))

    # Pair rows by every other column: all of them must be unchanged (costs included).
    after_by_rest = {unchanged(row): row for row in after}
    assert sorted(after_by_rest) == sorted(unchanged(row) for row in before)
    for original in before:
        pseudonymized = after_by_rest[unchanged(original)]
        for column in ("ResourceId", "ResourceName"):
            value = original[column]
            expected = None if value is None else focus_export.pseudonym(KEY, value)
            assert pseudonymized[column] == expected, column
        if original["Tags"] is None:
            assert pseudonymized["Tags"] is None
        else:
            tags, hashed = json.loads(original["Tags"]), json.loads(pseudonymized["Tags"])
            assert list(hashed) == list(tags), "keys kept, in order"
            assert hashed == {
                key: focus_export.pseudonym(KEY, value) for key, value in tags.items()
            }
    assert any(row["ResourceId"] for row in before), "the sample has resource IDs to hide"
    assert re.fullmatch(r"[0-9a-f]{16}", after[0]["ResourceId"] or "0" * 16)

    report = hidden.metadata["x_ExportReport"]
    assert report["Pseudonymized"] is True
    assert report["PseudonymizedColumns"] == ["ResourceId", "ResourceName", "Tags"]
    assert "HMAC-SHA256" in report["Pseudonymization"]
    assert plain.metadata["x_ExportReport"]["Pseudonymized"] is False
    assert plain.metadata["x_ExportReport"]["PseudonymizedColumns"] == []
    assert hidden.metadata["Schema"]["SchemaId"] == plain.metadata["Schema"]["SchemaId"]
    kv = pq.read_schema(sorted(hidden.path.glob("*/*.parquet"))[0]).metadata
    assert kv[b"x_PseudonymizedColumns"] == b"ResourceId,ResourceName,Tags"
    csv_rows = []
    for path in sorted(hidden.path.glob("*/*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            csv_rows += list(csv.DictReader(handle))
    assert sorted(row["ResourceId"] for row in csv_rows) == sorted(
        row["ResourceId"] or "" for row in after
    )
    assert {row["ResourceName"] for row in csv_rows} == {row["ResourceName"] or "" for row in after}


@pytest.mark.quick
def test_pseudonyms_are_deterministic_per_key(sample, tmp_path):
    db, relation = sample

    def export_with(key: bytes, folder: str):
        return focus_export.export(db, relation, "1.2", tmp_path / folder, pseudonymize_key=key)

    first, again, other = export_with(KEY, "a"), export_with(KEY, "b"), export_with(b"x", "c")
    assert checksums(first.path) == checksums(again.path)
    ids = [row["ResourceId"] for row in read_rows(first.path)]
    other_ids = [row["ResourceId"] for row in read_rows(other.path)]
    assert [value for value in ids if value] and all(
        mine != theirs for mine, theirs in zip(ids, other_ids, strict=True) if mine
    )


@pytest.mark.quick
def test_pseudonym_macro_is_rfc2104_hmac():
    with duckdb.connect() as connection:
        for key in (b"k", b"x" * 64, b"long key " * 20, "clé".encode()):
            connection.execute(focus_export.pseudonym_macro_sql(key))
            for value in ("i-0abc", "Zürich €", ""):
                (got,) = connection.execute("select focus_pseudonym(?)", [value]).fetchone()
                assert got == focus_export.pseudonym(key, value)


@pytest.mark.quick
def test_pseudonymize_key_from_env():
    key_env = focus_export.PSEUDONYMIZE_KEY_ENV
    assert focus_export.pseudonymize_key_from_env(False, {}) is None
    assert focus_export.pseudonymize_key_from_env(True, {key_env: "s3cret"}) == b"s3cret"
    switched_on = {focus_export.PSEUDONYMIZE_ENV: "1", key_env: "k"}
    assert focus_export.pseudonymize_key_from_env(False, switched_on) == b"k"
    with pytest.raises(focus_export.ExportError, match=f"set {key_env}"):
        focus_export.pseudonymize_key_from_env(True, {key_env: ""})
