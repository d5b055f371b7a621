"""Benchmark the project against the FinOps Foundation's focus-converter and a bare DuckDB floor.

For each ``--rows`` size the script generates AWS billing with ``scripts/generate_aws_cur.py``
(legacy CUR CSV and CUR 2.0 Parquet, same seed) and measures, each in its own subprocess, the
wall time and the peak memory:

* ``project``  ``dbt build --exclude test_type:data test_type:unit`` (seeds and models, no tests)
  on the CUR 2.0 Parquet, then ``scripts/focus_export.py --formats parquet``; by default only
  the FOCUS conversion is built (``--select +focus_cost_and_usage +focus_quarantined_line_items``;
  ``--build-scope all`` builds every model, the FinOps marts over the FOCUS mart too), and the
  build reuses the partial parse of an untimed ``dbt parse`` run just before, whose (cold) time is
  reported on its own row (``--parse cold`` deletes the partial parse and times it in the build);
* ``converter`` ``focus-converter convert --provider aws-cur`` 1.0.0 on the legacy CSV (the
  monthly ``.csv.gz`` files merged into one CSV beforehand, untimed: it reads one path), in the
  venv made by ``scripts/setup_converter.sh``;
* ``floor``    the compiled SQL of ``focus_cost_and_usage`` with every model it depends on inlined
  as a CTE, run as one DuckDB ``COPY (...) TO '...parquet'`` from the duckdb Python package on
  the same CUR 2.0 Parquet (seeds copied into the database beforehand, untimed).

Peak memory is the maximum resident set size of the process tree: the larger of GNU time's
``Maximum resident set size`` (largest single process) and the sum over the tree sampled every
50 ms with psutil (when installed). Each timed step starts after ``os.sync()``: the files the
previous step wrote (or the generator) are on disk, not being flushed during the next step.

Usage:
    python scripts/benchmark.py --rows 100000,1000000 --work-dir /tmp/bench

Nothing runs on import; ``main(argv)`` returns 0 when every measured engine succeeded, 1 when
one failed (the table still says which), 2 on bad arguments or a failed preparation step.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

LOG = logging.getLogger("benchmark")

REPO_ROOT = Path(__file__).resolve().parent.parent
MART = "model.finops_focus.focus_cost_and_usage"
DBT_EXCLUDE = ["test_type:data", "test_type:unit"]
# What the FOCUS conversion needs (--build-scope focus): the two FOCUS marts, everything upstream
# and every seed (the marts' tests read seeds no model reads); its tests are run with
# --indirect-selection cautious, so that no test of an unbuilt model is picked.
FOCUS_SELECT = ["+focus_cost_and_usage", "+focus_quarantined_line_items", "resource_type:seed"]
TIME_BIN = "/usr/bin/time"
SAMPLE_SECONDS = 0.05
TAIL_CHARS = 1500

# The floor runs with the DuckDB settings of the project's profile (profiles.example.yml), so that
# both are measured under the same memory limit and thread count.
FLOOR_SCRIPT = """
import os, sys, duckdb
db, sql_file, out = sys.argv[1:4]
con = duckdb.connect(db)
con.execute("SET TimeZone = 'UTC'")
con.execute("SET threads = " + os.environ.get("FOCUS_DUCKDB_THREADS", "2"))
con.execute("SET memory_limit = '" + os.environ.get("FOCUS_DUCKDB_MEMORY_LIMIT", "2GB") + "'")
con.execute("SET preserve_insertion_order = false")
sql = open(sql_file).read()
con.execute(f"COPY ({sql}) TO '{out}' (FORMAT parquet, COMPRESSION zstd)")
n = con.execute(f"SELECT count(*) FROM read_parquet('{out}')").fetchone()[0]
print(f"floor_rows={n}")
"""

COUNT_SCRIPT = """
import sys, duckdb
print(duckdb.sql(f"select count(*) from read_parquet('{sys.argv[1]}')").fetchone()[0])
"""

SEED_COPY_SCRIPT = """
import sys, duckdb
src, dst, schema = sys.argv[1:4]
tables = sys.argv[4:]
con = duckdb.connect(dst)
con.execute(f"ATTACH '{src}' AS src (READ_ONLY)")
con.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
for t in tables:
    con.execute(f'CREATE OR REPLACE TABLE "{schema}"."{t}" AS SELECT * FROM src."{schema}"."{t}"')
con.execute("DETACH src")
"""


@dataclass
class Measurement:
    engine: str
    rows: int
    ok: bool
    wall_s: float | None = None
    peak_mb: float | None = None
    note: str = ""
    load: float | None = None  # 1-minute load average when the run started (shared machine)
    cpu_s: float | None = None  # user + system CPU seconds: less sensitive to a shared machine

    @property
    def rows_per_s(self) -> float | None:
        if not self.ok or not self.wall_s:
            return None
        return self.rows / self.wall_s


@dataclass
class RunResult:
    returncode: int
    wall_s: float
    peak_mb: float
    stdout: str
    stderr: str
    load: float = 0.0
    cpu_s: float | None = None  # user + system seconds of the process tree (GNU time)


# --------------------------------------------------------------------------------------------
# Measuring a subprocess
# --------------------------------------------------------------------------------------------


def _tree_rss_sampler(pid: int, stop: threading.Event, peak: list[int]) -> None:
    try:
        import psutil
    except ImportError:
        return
    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    while not stop.is_set():
        total = 0
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            break
        for proc in procs:
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                pass
        peak[0] = max(peak[0], total)
        stop.wait(SAMPLE_SECONDS)


def run_measured(
    cmd: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None
) -> RunResult:
    """Run cmd; return its exit code, wall seconds and peak RSS (MB) of its process tree."""
    use_time = os.access(TIME_BIN, os.X_OK)
    time_file = None
    full = list(cmd)
    if use_time:
        fd, time_file = tempfile.mkstemp(prefix="bench-time-", suffix=".txt")
        os.close(fd)
        full = [TIME_BIN, "-v", "-o", time_file, *cmd]
    LOG.info("running: %s", " ".join(str(c) for c in cmd))
    # Write out the page cache first (the generated input, the previous engine's output), so
    # that no step is timed while the kernel flushes another step's files to disk.
    os.sync()
    stop = threading.Event()
    peak = [0]
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(
        full,
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    sampler = threading.Thread(target=_tree_rss_sampler, args=(proc.pid, stop, peak), daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    rc = proc.returncode
    max_rss_kb = 0
    cpu_s = None
    if time_file:
        text = Path(time_file).read_text(errors="replace")
        Path(time_file).unlink(missing_ok=True)
        cpu = re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", text)
        cpu_s = sum(float(value) for value in cpu) if cpu else None
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        if match:
            max_rss_kb = int(match.group(1))
        status = re.search(r"Exit status: (\d+)", text)
        if status:
            rc = int(status.group(1))
        if "Command terminated by signal" in text:
            sig = re.search(r"Command terminated by signal (\d+)", text)
            rc = -int(sig.group(1)) if sig else rc
    else:
        import resource

        max_rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak_mb = max(max_rss_kb * 1024, peak[0]) / 2**20
    LOG.info("  exit %s, %.1f s, peak %.0f MB (load %.2f at start)", rc, wall, peak_mb, load)
    return RunResult(rc, wall, peak_mb, stdout, stderr, load, cpu_s)


def _sum_cpu(*results: RunResult) -> float | None:
    values = [result.cpu_s for result in results]
    return None if None in values else sum(values)


def _tail(result: RunResult) -> str:
    return (result.stdout[-TAIL_CHARS:] + "\n" + result.stderr[-TAIL_CHARS:]).strip()


# --------------------------------------------------------------------------------------------
# Preparation
# --------------------------------------------------------------------------------------------


def run_checked(cmd: Sequence[str], *, env: dict[str, str] | None = None) -> str:
    LOG.info("preparing: %s", " ".join(str(c) for c in cmd))
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(str(c) for c in cmd)} exited {proc.returncode}:\n"
            f"{proc.stdout[-TAIL_CHARS:]}\n{proc.stderr[-TAIL_CHARS:]}"
        )
    return proc.stdout


def generate(python: str, rows: int, out: Path, seed: int, shapes: str = "cur2,legacy_csv") -> None:
    """Generate the shapes (the legacy CSV only for focus-converter), or reuse them when present."""
    wanted = shapes.split(",")
    if all((out / "aws" / shape).is_dir() for shape in wanted):
        LOG.info("reusing generated data in %s", out)
        return
    shutil.rmtree(out, ignore_errors=True)
    run_checked(
        [
            python,
            str(REPO_ROOT / "scripts" / "generate_aws_cur.py"),
            "--rows",
            str(rows),
            "--out",
            str(out),
            "--shapes",
            shapes,
            "--seed",
            str(seed),
        ]
    )


def count_input_rows(python: str, cur2_glob: str) -> int:
    out = run_checked(
        [
            python,
            "-c",
            COUNT_SCRIPT,
            cur2_glob,
        ]
    )
    return int(out.strip())


def merge_legacy_csv(python: str, data_dir: Path, merged: Path) -> None:
    """focus-converter reads one CSV path: merge the monthly .csv.gz files into one plain CSV."""
    if merged.exists():
        return
    csv_glob = str(data_dir / "aws" / "cur_legacy_csv" / "**" / "*.csv.gz")
    script = (
        "import duckdb,sys; duckdb.sql(f\"COPY (SELECT * FROM read_csv('{sys.argv[1]}', "
        "header=true, all_varchar=true, union_by_name=true)) TO '{sys.argv[2]}' (HEADER)\")"
    )
    run_checked([python, "-c", script, csv_glob, str(merged)])


def dbt_env(duckdb_path: Path, cur2_glob: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        FOCUS_DUCKDB_PATH=str(duckdb_path),
        FOCUS_AWS_CUR2_PATH=cur2_glob,
        DBT_PROFILES_DIR=str(REPO_ROOT),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    return env


def dbt_cmd(dbt: str, verb: str, work: Path, target_name: str, *extra: str) -> list[str]:
    return [
        dbt,
        verb,
        "--project-dir",
        str(REPO_ROOT),
        "--target-path",
        str(work / target_name),
        "--log-path",
        str(work / "logs"),
        *extra,
    ]


# --------------------------------------------------------------------------------------------
# The floor: the mart's compiled SELECT with every model inlined
# --------------------------------------------------------------------------------------------


def inline_mart_sql(manifest: dict, node_id: str = MART) -> tuple[str, list[tuple[str, str]]]:
    """Return the mart's SELECT with its upstream models as CTEs, and the seeds it reads.

    Views become CTEs marked NOT MATERIALIZED, so the one statement runs the plan DuckDB runs
    for the project's views."""
    nodes = manifest["nodes"]
    order: list[str] = []
    seen: set[str] = set()

    def visit(nid: str) -> None:
        if nid in seen:
            return
        seen.add(nid)
        for dep in nodes[nid]["depends_on"]["nodes"]:
            if dep in nodes and nodes[dep]["resource_type"] == "model":
                visit(dep)
        order.append(nid)

    visit(node_id)
    seeds: set[tuple[str, str]] = set()
    for nid in order:
        for dep in nodes[nid]["depends_on"]["nodes"]:
            if dep in nodes and nodes[dep]["resource_type"] == "seed":
                seeds.add((nodes[dep]["schema"], nodes[dep]["alias"]))

    def rewrite(sql: str) -> str:
        for nid in order:
            rel = nodes[nid].get("relation_name")
            if rel:
                sql = sql.replace(rel, f"__{nodes[nid]['name']}")
        return sql

    ctes = []
    for nid in order[:-1]:
        code = nodes[nid].get("compiled_code")
        if not code:
            raise RuntimeError(f"{nid} has no compiled_code in the manifest")
        # A view is expanded where it is read, as DuckDB does with the project's views; a CTE
        # read twice would otherwise be materialized whole, which the project never does.
        hint = "NOT MATERIALIZED " if nodes[nid]["config"]["materialized"] == "view" else ""
        ctes.append(f"__{nodes[nid]['name']} AS {hint}(\n{rewrite(code).strip().rstrip(';')}\n)")
    body = rewrite(nodes[node_id]["compiled_code"]).strip().rstrip(";")
    sql = ("WITH " + ",\n".join(ctes) + "\n" if ctes else "") + f"SELECT * FROM (\n{body}\n)"
    return sql, sorted(seeds)


# --------------------------------------------------------------------------------------------
# One size
# --------------------------------------------------------------------------------------------


def bench_size(args: argparse.Namespace, rows: int) -> list[Measurement]:
    python = args.python
    dbt = str(Path(python).parent / "dbt")
    work = args.work_dir / f"rows-{rows}"
    work.mkdir(parents=True, exist_ok=True)
    data_dir = work / "data"
    shapes = "cur2" if args.skip_converter else "cur2,legacy_csv"
    generate(python, rows, data_dir, args.seed, shapes)
    cur2_glob = str(data_dir / "aws" / "cur2" / "**" / "*.parquet")
    n_rows = count_input_rows(python, cur2_glob)
    LOG.info("%d requested rows: %d CUR 2.0 line items", rows, n_rows)
    results: list[Measurement] = []

    # (a) the project: dbt build (no tests) + Parquet export
    db = work / "project" / "finops_focus.duckdb"
    shutil.rmtree(db.parent, ignore_errors=True)
    db.parent.mkdir(parents=True)
    env = dbt_env(db, cur2_glob)
    select = ["--select", *FOCUS_SELECT] if args.build_scope == "focus" else []
    (work / "target" / "partial_parse.msgpack").unlink(missing_ok=True)
    if args.parse == "warm":
        # dbt's fixed cost: a cold parse, timed apart; the build then reuses its partial parse
        parse = run_measured(dbt_cmd(dbt, "parse", work, "target"), env=env, cwd=REPO_ROOT)
        results.append(
            Measurement(
                "project dbt parse (cold, not in a)",
                n_rows,
                parse.returncode == 0,
                parse.wall_s,
                parse.peak_mb,
                f"exit {parse.returncode}",
                parse.load,
                parse.cpu_s,
            )
        )
    build = run_measured(
        dbt_cmd(dbt, "build", work, "target", *select, "--exclude", *DBT_EXCLUDE),
        env=env,
        cwd=REPO_ROOT,
    )
    if build.returncode != 0:
        results.append(
            Measurement("project", n_rows, False, build.wall_s, build.peak_mb, "dbt build failed")
        )
        LOG.error("dbt build failed:\n%s", _tail(build))
    else:
        export_dir = work / "export"
        shutil.rmtree(export_dir, ignore_errors=True)
        export = run_measured(
            [
                python,
                str(REPO_ROOT / "scripts" / "focus_export.py"),
                "--manifest",
                str(work / "target" / "manifest.json"),
                "--duckdb-path",
                str(db),
                "--export-dir",
                str(export_dir),
                "--formats",
                "parquet",
            ],
            env=env,
            cwd=REPO_ROOT,
        )
        ok = export.returncode == 0
        if not ok:
            LOG.error("export failed:\n%s", _tail(export))
        results.append(
            Measurement(
                "project",
                n_rows,
                ok,
                build.wall_s + export.wall_s,
                max(build.peak_mb, export.peak_mb),
                f"build ({args.build_scope}, {args.parse} parse) "
                f"{build.wall_s:.1f} s / {build.peak_mb:.0f} MB, "
                f"export {export.wall_s:.1f} s / {export.peak_mb:.0f} MB"
                + ("" if ok else ", export failed"),
                build.load,
                _sum_cpu(build, export),
            )
        )
        if args.dbt_tests:
            # The project's data and unit tests over the built database (not in the ratios).
            scope = (
                ["--select", *FOCUS_SELECT, "--indirect-selection", "cautious"] if select else []
            )
            tests = run_measured(
                dbt_cmd(dbt, "test", work, "target", *scope), env=env, cwd=REPO_ROOT
            )
            summary = re.search(r"Done\. (PASS=\d+ WARN=\d+ ERROR=\d+ SKIP=\d+)", tests.stdout)
            results.append(
                Measurement(
                    "project dbt test",
                    n_rows,
                    tests.returncode == 0,
                    tests.wall_s,
                    tests.peak_mb,
                    summary.group(1) if summary else f"exit {tests.returncode}",
                    tests.load,
                    tests.cpu_s,
                )
            )

    # (b) focus-converter on the legacy CSV
    if args.skip_converter:
        LOG.info("skipping focus-converter (--skip-converter)")
    else:
        results.append(bench_converter(args, work, data_dir, n_rows))

    # (c) the floor
    if build.returncode == 0:
        results.append(bench_floor(args, work, db, env, n_rows))
    else:
        results.append(Measurement("floor", n_rows, False, note="not run: dbt build failed"))
    return results


def bench_restatement(args: argparse.Namespace) -> list[Measurement]:
    """A 12-month history built whole, one month of it rebuilt, and that month built alone.

    The rebuild is `dbt build --vars '{focus_billing_periods: [month]}'` (tests excluded) on the
    history's database; the month alone is a fresh database reading only that month's files.
    Both give the month's rows; their count and Σ BilledCost are compared.
    """
    python = args.python
    dbt = str(Path(python).parent / "dbt")
    work = args.work_dir / f"restate-{args.restate_rows}"
    work.mkdir(parents=True, exist_ok=True)
    history = work / "history"
    months = ",".join(f"{args.restate_year}-{month:02d}" for month in range(1, 13))
    if not (history / "aws" / "cur2").is_dir():
        run_checked(
            [
                python,
                str(REPO_ROOT / "scripts" / "generate_aws_cur.py"),
                "--rows",
                str(args.restate_rows),
                "--out",
                str(history),
                "--shapes",
                "cur2",
                "--seed",
                str(args.seed),
                "--months",
                months,
            ]
        )
    month = f"{args.restate_year}-{args.restate_month:02d}"
    alone = work / "alone"
    shutil.rmtree(alone, ignore_errors=True)
    for path in (history / "aws" / "cur2").rglob(f"BILLING_PERIOD={month}/*.parquet"):
        target = alone / path.relative_to(history)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    history_glob = str(history / "aws" / "cur2" / "**" / "*.parquet")
    alone_glob = str(alone / "aws" / "cur2" / "**" / "*.parquet")
    n_history = count_input_rows(python, history_glob)
    n_month = count_input_rows(python, alone_glob)
    billing_period = f"{month}-01"
    build_args = ["--select", *FOCUS_SELECT] if args.build_scope == "focus" else []
    build_args += ["--exclude", *DBT_EXCLUDE]
    restate_vars = ["--vars", json.dumps({"focus_billing_periods": [billing_period]})]
    results = []
    dbs = {}
    for name, glob, n_rows, extra, fresh in [
        ("restate: 12-month history, full build", history_glob, n_history, [], True),
        ("restate: one month of the history", history_glob, n_month, restate_vars, False),
        ("restate: that month alone", alone_glob, n_month, [], True),
    ]:
        db_name = "alone" if "alone" in name else "history"
        db = work / f"db-{db_name}" / "finops_focus.duckdb"
        if fresh:
            shutil.rmtree(db.parent, ignore_errors=True)
            db.parent.mkdir(parents=True)
        env = dbt_env(db, glob)
        partial = work / f"target-{db_name}" / "partial_parse.msgpack"
        partial.unlink(missing_ok=True)
        if args.parse == "warm":
            # the same start for all three runs: a partial parse made with the run's own --vars
            # (dbt parses afresh whenever --vars change), untimed, as for the sized runs (D-653)
            run_checked(dbt_cmd(dbt, "parse", work, f"target-{db_name}", *extra), env=env)
        res = run_measured(
            dbt_cmd(dbt, "build", work, f"target-{db_name}", *build_args, *extra),
            env=env,
            cwd=REPO_ROOT,
        )
        if res.returncode != 0:
            LOG.error("%s failed:\n%s", name, _tail(res))
        dbs[name] = db
        results.append(
            Measurement(
                name, n_rows, res.returncode == 0, res.wall_s, res.peak_mb, "", res.load, res.cpu_s
            )
        )
    # the rebuilt month and the month alone hold the same rows
    check = (
        "import sys, duckdb\n"
        "c = duckdb.connect(sys.argv[1], read_only=True)\n"
        'print(c.sql("select count(*), sum(BilledCost) from main_focus.focus_cost_and_usage'
        ' where BillingPeriodStart = \'" + sys.argv[2] + "\'").fetchone())\n'
    )
    figures = [
        run_checked([python, "-c", check, str(dbs[name]), billing_period]).strip()
        for name in ("restate: one month of the history", "restate: that month alone")
    ]
    results[1].note = f"{month}: (rows, Σ BilledCost) {figures[0]}"
    results[2].note = f"{month}: {figures[1]}" + (
        ", the same" if figures[0] == figures[1] else ", DIFFERENT"
    )
    if figures[0] != figures[1]:
        results[1].ok = False
    return results


def bench_converter(
    args: argparse.Namespace, work: Path, data_dir: Path, n_rows: int
) -> Measurement:
    converter = args.converter_venv / "bin" / "focus-converter"
    if not converter.exists():
        LOG.info("setting up focus-converter in %s", args.converter_venv)
        try:
            run_checked(
                [
                    "bash",
                    str(REPO_ROOT / "scripts" / "setup_converter.sh"),
                    str(args.converter_venv),
                ]
            )
        except RuntimeError as exc:
            LOG.error("%s", exc)
            return Measurement("converter", n_rows, False, note="setup_converter.sh failed")
    merged = work / "legacy_merged.csv"
    merge_legacy_csv(args.python, data_dir, merged)
    out = work / "converter_out"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    res = run_measured(
        [
            str(converter),
            "convert",
            "--provider",
            "aws-cur",
            "--data-format",
            "csv",
            "--data-path",
            str(merged),
            "--export-path",
            str(out) + "/",
            "--export-format",
            "parquet",
        ],
        cwd=work,
    )
    files = list(out.rglob("*.parquet"))
    ok = res.returncode == 0 and bool(files)
    note = f"{len(files)} parquet file(s)"
    if not ok:
        note = f"failed (exit {res.returncode})"
        if res.returncode in (-9, 137):
            note += ", killed (out of memory?)"
        LOG.error("focus-converter failed:\n%s", _tail(res))
    else:
        out_rows = _parquet_rows(args.python, str(out / "**" / "*.parquet"))
        note += f", {out_rows} rows"
    return Measurement("converter", n_rows, ok, res.wall_s, res.peak_mb, note, res.load, res.cpu_s)


def _parquet_rows(python: str, glob: str) -> str:
    try:
        return str(count_input_rows(python, glob))
    except RuntimeError:
        return "?"


def bench_floor(
    args: argparse.Namespace, work: Path, project_db: Path, env: dict[str, str], n_rows: int
) -> Measurement:
    # Compile with --full-refresh so is_incremental() is false, as on a first build.
    try:
        run_checked(
            dbt_cmd(
                str(Path(args.python).parent / "dbt"),
                "compile",
                work,
                "target-compile",
                "--full-refresh",
                "--select",
                "+focus_cost_and_usage",
            ),
            env=env,
        )
        manifest = json.loads((work / "target-compile" / "manifest.json").read_text())
        sql, seeds = inline_mart_sql(manifest)
    except (RuntimeError, KeyError, OSError) as exc:
        LOG.error("could not compile the floor SQL: %s", exc)
        return Measurement("floor", n_rows, False, note="compile/inline failed")
    sql_file = work / "floor.sql"
    sql_file.write_text(sql)
    # The compiled SQL names relations "<catalog>"."<schema>"."<name>"; the catalog is the file
    # stem, so the floor database uses the same file name in its own folder.
    floor_db = work / "floor" / project_db.name
    shutil.rmtree(floor_db.parent, ignore_errors=True)
    floor_db.parent.mkdir(parents=True)
    by_schema: dict[str, list[str]] = {}
    for schema, table in seeds:
        by_schema.setdefault(schema, []).append(table)
    for schema, tables in by_schema.items():
        run_checked(
            [args.python, "-c", SEED_COPY_SCRIPT, str(project_db), str(floor_db), schema, *tables]
        )
    out = work / "floor_out.parquet"
    out.unlink(missing_ok=True)
    res = run_measured(
        [args.python, "-c", FLOOR_SCRIPT, str(floor_db), str(sql_file), str(out)],
        env=env,
        cwd=REPO_ROOT,
    )
    ok = res.returncode == 0
    match = re.search(r"floor_rows=(\d+)", res.stdout)
    note = f"{match.group(1)} rows out, no sort" if match else ""
    if not ok:
        LOG.error("floor failed:\n%s", _tail(res))
        note = f"failed (exit {res.returncode})"
    return Measurement("floor", n_rows, ok, res.wall_s, res.peak_mb, note, res.load, res.cpu_s)


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _ratio(a: Measurement | None, b: Measurement | None, attr: str) -> str:
    if not a or not b or not a.ok or not b.ok:
        return "-"
    x, y = getattr(a, attr), getattr(b, attr)
    return f"{x / y:.2f}" if x and y else "-"


def format_table(results: list[Measurement]) -> str:
    header = "| engine | rows | wall s | rows/s | CPU s | peak MB | load | note |"
    lines = [header, "|---|---:|---:|---:|---:|---:|---:|---|"]
    for m in results:
        lines.append(
            f"| {m.engine} | {m.rows:,} | {_fmt(m.wall_s, '.1f')} | "
            f"{_fmt(m.rows_per_s, ',.0f')} | {_fmt(m.cpu_s, '.1f')} | {_fmt(m.peak_mb, ',.0f')} | "
            f"{_fmt(m.load, '.1f')} | {'' if m.ok else 'FAILED: '}{m.note} |"
        )
    lines += [
        "",
        "| rows | time a/b | time a/c | CPU a/b | CPU a/c | memory a/b | memory a/c |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for rows in sorted({m.rows for m in results if not m.engine.startswith("restate")}):
        by = {m.engine: m for m in results if m.rows == rows}
        a, b, c = by.get("project"), by.get("converter"), by.get("floor")
        lines.append(
            f"| {rows:,} | {_ratio(a, b, 'wall_s')} | {_ratio(a, c, 'wall_s')} | "
            f"{_ratio(a, b, 'cpu_s')} | {_ratio(a, c, 'cpu_s')} | "
            f"{_ratio(a, b, 'peak_mb')} | {_ratio(a, c, 'peak_mb')} |"
        )
    lines.append("")
    lines.append("a = project (dbt build + Parquet export), b = focus-converter, c = DuckDB floor")
    restate = {m.engine: m for m in results if m.engine.startswith("restate")}
    month, alone = (
        restate.get("restate: one month of the history"),
        restate.get("restate: that month alone"),
    )
    if month and alone:
        lines.append("")
        lines.append(
            f"restating one month of the history / building that month alone: "
            f"{_ratio(month, alone, 'wall_s')} (time), {_ratio(month, alone, 'cpu_s')} (CPU), "
            f"{_ratio(month, alone, 'peak_mb')} (memory)"
        )
    lines.append("load = 1-minute load average when the run started (2 cores)")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------------------------


def parse_rows(text: str) -> list[int]:
    if text.strip().lower() == "none":
        return []
    sizes = []
    for part in text.split(","):
        part = part.strip().replace("_", "")
        if not part:
            continue
        value = int(float(part))
        if value <= 0:
            raise argparse.ArgumentTypeError(f"--rows must be positive: {part}")
        sizes.append(value)
    if not sizes:
        raise argparse.ArgumentTypeError("--rows is empty")
    return sizes


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rows",
        type=parse_rows,
        default=[100_000],
        help="comma-separated sizes in line items (default 100000), e.g. 100000,1000000; none",
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=Path("/tmp/bench"),
        help="scratch folder (default /tmp/bench)",
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--skip-converter", action="store_true", help="do not run focus-converter")
    parser.add_argument(
        "--converter-venv",
        type=Path,
        default=None,
        help="focus-converter venv (default <work-dir>/venv-converter; made when missing)",
    )
    parser.add_argument(
        "--python", default=sys.executable, help="the project's Python (with dbt and duckdb)"
    )
    parser.add_argument(
        "--dbt-tests",
        action="store_true",
        help="also time `dbt test` on the project's build (reported apart, not in the ratios)",
    )
    parser.add_argument(
        "--restate-rows",
        type=int,
        default=0,
        help="also measure a restatement: this many line items over 12 months (0: skip)",
    )
    parser.add_argument("--restate-year", type=int, default=2025)
    parser.add_argument("--restate-month", type=int, default=6, help="the month restated (1-12)")
    parser.add_argument(
        "--build-scope",
        choices=("focus", "all"),
        default="focus",
        help="focus (default): build the FOCUS marts and their upstream; all: every model",
    )
    parser.add_argument(
        "--parse",
        choices=("warm", "cold"),
        default="warm",
        help="warm (default): time a cold `dbt parse` apart, then build with its partial parse; "
        "cold: the build parses from scratch",
    )
    parser.add_argument("--results-json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    args.work_dir = args.work_dir.resolve()
    if REPO_ROOT in (args.work_dir, *args.work_dir.parents):
        LOG.error("--work-dir must be outside the project (%s)", REPO_ROOT)
        return 2
    args.work_dir.mkdir(parents=True, exist_ok=True)
    if args.converter_venv is None:
        args.converter_venv = args.work_dir / "venv-converter"
    results: list[Measurement] = []
    try:
        for rows in args.rows:
            results.extend(bench_size(args, rows))
        if args.restate_rows:
            results.extend(bench_restatement(args))
    except RuntimeError as exc:
        LOG.error("%s", exc)
        if results:
            print(format_table(results))
        return 2
    print(format_table(results))
    if args.results_json:
        args.results_json.write_text(
            json.dumps([dict(m.__dict__, rows_per_s=m.rows_per_s) for m in results], indent=2)
            + "\n"
        )
    return 0 if all(m.ok for m in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
