"""Alibaba Cloud's zipped Bill Subscription deliveries (DECISIONLOG D-350..D-353).

Bill Subscription pushes CSV compressed as .zip to OSS, splits a large bill into several .zip
files and writes every push to a new folder. The committed plain-CSV fixture is laid out that way
here (an older daily push of each month and the final push split in two), read through the
storage plugin's zip loader locally and from moto's S3 server (OSS speaks the S3 API), and must
give exactly the Alibaba rows the plain CSV fixture gives.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest
from conftest import FIXTURE_DATA, MART, REPO_ROOT, Build, run_dbt
from object_store import s3_with_read_only_user

sys.path.insert(0, str(REPO_ROOT / "plugins"))
import finops_focus_storage as storage  # noqa: E402

BUCKET = "acme-alibaba-bills"
# Alibaba alone (the mart's Alibaba rows do not depend on the other providers), zipped
ZIP_VARS = {"aws_enabled": False, "alibaba_enabled": True, "alibaba_focus_zipped": True}
# the models and seeds up to the mart: the comparison with the plain CSV build is the test
UP_TO_MART = ["build", "--select", "+focus_cost_and_usage", "--resource-type", "model", "seed"]
# dbt runs the plugin of this checkout, whatever the environment has installed
PLUGIN_ENV = {"PYTHONPATH": str(REPO_ROOT / "plugins")}


def _generator():
    spec = importlib.util.spec_from_file_location(
        "generate_alibaba_focus", REPO_ROOT / "scripts" / "generate_alibaba_focus.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


generator = _generator()


def zip_bytes(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def part(path: str, modified: float | None, *rows: tuple[str, str]) -> storage.ZipPart:
    """A parsed part holding rows of (BillingAccountId, BillingPeriodStart)."""
    return storage.ZipPart(
        path,
        modified,
        [
            {"BillingAccountId": account, "BillingPeriodStart": start, "filename": path}
            for account, start in rows
        ],
    )


def lay_out_fixture(root: Path) -> list[Path]:
    """The committed CSV fixture as zipped deliveries under `root` (the bucket's contents)."""
    written = []
    for path in sorted((FIXTURE_DATA / "alibaba" / "focus").rglob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
        month = rows[0]["BillingPeriodStart"][:7]
        written += generator.write_zip_deliveries(
            root / "alibaba" / "focus", month, rows, reader.fieldnames, parts=2
        )
    return written


def alibaba_rows(build: Build) -> list[tuple]:
    return build.query(
        f"select * exclude (x_SourceFile) from {MART} "
        "where x_SourceSystem = 'alibaba_focus' order by all"
    )


# --------------------------------------------------------------------------------------------
# The loader's pure parts
# --------------------------------------------------------------------------------------------


@pytest.mark.quick
def test_every_csv_member_is_read_as_text_with_its_zip_path():
    content = zip_bytes({"a.csv": "\ufeffBilledCost,Tags\n1.5,\n", "b.csv": "BilledCost\n2\n"})
    parsed = storage.read_zip_part("s3://b/p/x.zip", content, 0.0)
    assert parsed.rows == [
        {"BilledCost": "1.5", "Tags": None, "filename": "s3://b/p/x.zip/a.csv"},
        {"BilledCost": "2", "filename": "s3://b/p/x.zip/b.csv"},
    ]
    assert parsed.delivery == "s3://b/p"


@pytest.mark.quick
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"PK\x03\x04 cut short", "cannot read s3://b/p/x.zip: not a readable zip archive"),
        (
            zip_bytes({"readme.txt": "x"}),
            "cannot read s3://b/p/x.zip: the zip archive holds no CSV",
        ),
        (zip_bytes({"a.csv": ""}), "cannot read s3://b/p/x.zip/a.csv: the CSV is empty"),
        (zip_bytes({"a.csv": "A,B\n1\n"}), "cannot read s3://b/p/x.zip/a.csv: line 2 has 1 values"),
    ],
)
def test_a_corrupt_or_empty_zip_is_one_line_naming_the_object(content, expected):
    with pytest.raises(storage.ZipDeliveryError) as raised:
        storage.read_zip_part("s3://b/p/x.zip", content)
    assert str(raised.value).startswith(expected)
    assert "\n" not in str(raised.value)


@pytest.mark.quick
def test_the_newest_push_of_each_account_and_month_is_read_with_all_its_parts():
    jan, feb = "2025-01-01 00:00:00", "2025-02-01 00:00:00"
    parts = [
        # folder names sort the other way: the store's modification time decides
        part("bills/z-old/a_1.zip", 100.0, ("A", jan), ("A", feb)),
        part("bills/a-new/a_1.zip", 200.0, ("A", jan)),
        part("bills/a-new/a_2.zip", 150.0, ("A", jan)),
        # another account's push of the same month is not superseded by account A's
        part("bills/b-push/b_1.zip", 50.0, ("B", jan)),
    ]
    rows, status = storage.select_deliveries(parts)
    assert status == {
        "bills/z-old/a_1.zip": "read",  # its February rows: no newer push holds February
        "bills/a-new/a_1.zip": "read",
        "bills/a-new/a_2.zip": "read",
        "bills/b-push/b_1.zip": "read",
    }
    read = sorted(
        (row["filename"], row["BillingAccountId"], row["BillingPeriodStart"]) for row in rows
    )
    assert read == [
        ("bills/a-new/a_1.zip", "A", jan),
        ("bills/a-new/a_2.zip", "A", jan),
        ("bills/b-push/b_1.zip", "B", jan),
        ("bills/z-old/a_1.zip", "A", feb),
    ]
    _, status = storage.select_deliveries(
        parts[1:3] + [part("bills/z-old/a_1.zip", 100.0, ("A", jan))]
    )
    assert status["bills/z-old/a_1.zip"] == "superseded"
    # equal times: the greater folder name is the newer push
    _, status = storage.select_deliveries(
        [part("p/20250204/x.zip", 1.0, ("A", jan)), part("p/20250116/x.zip", 1.0, ("A", jan))]
    )
    assert status == {"p/20250204/x.zip": "read", "p/20250116/x.zip": "superseded"}


@pytest.mark.quick
def test_the_zip_layout_is_reproducible_and_dated_by_its_push(tmp_path):
    first, second = lay_out_fixture(tmp_path / "one"), lay_out_fixture(tmp_path / "two")
    names = [path.relative_to(tmp_path / "one").as_posix() for path in first]
    assert names == [path.relative_to(tmp_path / "two").as_posix() for path in second]
    assert [path.read_bytes() for path in first] == [path.read_bytes() for path in second]
    assert names == [
        "alibaba/focus/20250116/5012345678901234_focus_202501_1.zip",
        "alibaba/focus/20250204/5012345678901234_focus_202501_1.zip",
        "alibaba/focus/20250204/5012345678901234_focus_202501_2.zip",
        "alibaba/focus/20250216/5012345678901234_focus_202502_1.zip",
        "alibaba/focus/20250304/5012345678901234_focus_202502_1.zip",
        "alibaba/focus/20250304/5012345678901234_focus_202502_2.zip",
    ]
    # 4 February 2025 13:00 UTC+8 is 05:00 UTC
    assert first[1].stat().st_mtime == 1738645200


@pytest.mark.quick
def test_the_loader_stops_with_one_line_naming_the_object(tmp_path):
    (tmp_path / "push").mkdir()
    (tmp_path / "push" / "bill_1.zip").write_bytes(zip_bytes({"bill_1.csv": "A\n1\n"}))
    (tmp_path / "push" / "bill_2.zip").write_bytes(b"PK\x03\x04 cut short")
    with duckdb.connect() as conn:
        with pytest.raises(storage.ZipDeliveryError, match="bill_2.zip: not a readable zip"):
            storage.load_zipped_csv(f"{tmp_path}/**/*.zip", conn)
        (tmp_path / "push" / "bill_2.zip").write_bytes(b"")
        with pytest.raises(storage.ZipDeliveryError, match="bill_2.zip: the object is empty"):
            storage.load_zipped_csv(f"{tmp_path}/**/*.zip", conn)
        (tmp_path / "push" / "bill_2.zip").unlink()
        table = storage.load_zipped_csv(f"{tmp_path}/**/*.zip", conn)
        assert table.to_pylist() == [
            {"A": "1", "filename": f"{tmp_path}/push/bill_1.zip/bill_1.csv"}
        ]
        with pytest.raises(storage.ZipDeliveryError, match=r"cannot read .*/nothing/\*\.zip: "):
            storage.load_zipped_csv(f"{tmp_path}/nothing/*.zip", conn)


@pytest.mark.quick
def test_alibaba_oss_endpoints_use_virtual_hosted_urls():
    oss = {"AWS_ACCESS_KEY_ID": "x", "AWS_ENDPOINT_URL": "https://oss-cn-hangzhou.aliyuncs.com"}
    assert "url_style 'vhost'" in storage.s3_secret_sql(oss)
    assert "endpoint 'oss-cn-hangzhou.aliyuncs.com'" in storage.s3_secret_sql(oss)
    assert "url_style 'path'" in storage.s3_secret_sql({**oss, "FOCUS_S3_URL_STYLE": "path"})
    moto = {"AWS_ACCESS_KEY_ID": "x", "AWS_ENDPOINT_URL": "http://127.0.0.1:9000"}
    assert "url_style 'path'" in storage.s3_secret_sql(moto)


# --------------------------------------------------------------------------------------------
# dbt on the zipped deliveries: local folders and moto's S3
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def zipped(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("alibaba_zipped")
    lay_out_fixture(root)
    return root


def test_local_zipped_deliveries_give_the_plain_csv_rows(
    zipped, all_providers_build, tmp_path, report_figure
):
    work = tmp_path / "local"
    result = run_dbt(
        UP_TO_MART,
        duckdb_path=work / "focus.duckdb",
        raw_path=FIXTURE_DATA,
        work_dir=work,
        dbt_vars=ZIP_VARS,
        extra_env={
            **PLUGIN_ENV,
            "FOCUS_ALIBABA_FOCUS_PATH": f"{zipped}/alibaba/focus/**/*.zip",
        },
    )
    assert result.returncode == 0, result.output[-3000:]
    build = Build(work / "focus.duckdb", FIXTURE_DATA, work / "target", result)
    rows = alibaba_rows(build)
    assert rows == alibaba_rows(all_providers_build)
    sources = {
        path.split("/alibaba/focus/", 1)[1]
        for (path,) in build.query(
            f"select distinct x_SourceFile from {MART} where x_SourceSystem = 'alibaba_focus'"
        )
    }
    assert sources == {
        "20250204/5012345678901234_focus_202501_1.zip/5012345678901234_focus_202501_1.csv",
        "20250204/5012345678901234_focus_202501_2.zip/5012345678901234_focus_202501_2.csv",
        "20250304/5012345678901234_focus_202502_1.zip/5012345678901234_focus_202502_1.csv",
        "20250304/5012345678901234_focus_202502_2.zip/5012345678901234_focus_202502_2.csv",
    }
    log = (work / "logs" / "dbt.log").read_text(encoding="utf-8")
    assert "alibaba zip delivery: superseded" in log
    assert log.count("alibaba zip delivery: read") >= 4
    report_figure(
        f"alibaba zipped deliveries (local): {len(rows)} FOCUS rows, as from the plain CSV"
    )


def test_s3_zipped_deliveries_give_the_plain_csv_rows(
    zipped, all_providers_build, tmp_path, report_figure
):
    expected = all_providers_build.query(
        "select * exclude (source_file) from main_staging.stg_alibaba__focus_line_items "
        "order by all"
    )
    with s3_with_read_only_user(BUCKET, zipped) as credentials:
        work = tmp_path / "s3"
        result = run_dbt(
            ["run", "--select", "stg_alibaba__focus_line_items"],
            duckdb_path=work / "focus.duckdb",
            raw_path=FIXTURE_DATA,
            work_dir=work,
            dbt_vars=ZIP_VARS,
            extra_env={
                **credentials.env(),
                **PLUGIN_ENV,
                "FOCUS_ALIBABA_FOCUS_PATH": f"s3://{BUCKET}/alibaba/focus/**/*.zip",
            },
        )
        assert result.returncode == 0, result.output[-3000:]
        build = Build(work / "focus.duckdb", FIXTURE_DATA, work / "target", result)
        rows = build.query(
            "select * exclude (source_file) from main_staging.stg_alibaba__focus_line_items "
            "order by all"
        )
        assert rows == expected
        sources = build.query(
            "select distinct source_file from main_staging.stg_alibaba__focus_line_items"
        )
        assert sorted(path for (path,) in sources) == [
            f"s3://{BUCKET}/alibaba/focus/{folder}/5012345678901234_focus_{month}_{n}.zip/"
            f"5012345678901234_focus_{month}_{n}.csv"
            for folder, month in (("20250204", "202501"), ("20250304", "202502"))
            for n in (1, 2)
        ]

    report_figure(
        f"alibaba zipped deliveries (moto S3, read-only IAM user): {len(rows)} staging rows, "
        "as from the plain CSV"
    )
