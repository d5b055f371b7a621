"""Loopback object stores for the tests: moto's S3 server and Azurite's Blob service.

Both are real HTTP servers speaking the providers' APIs, started on a free port and stopped when
the test is done. moto checks credentials (IAM) once the set-up requests are spent
(INITIAL_NO_AUTH_ACTION_COUNT); Azurite checks account-key and SAS signatures.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
AZURITE_BIN = REPO_ROOT / ".azurite" / "node_modules" / ".bin" / "azurite-blob"
# Azurite's documented development account (public, not a secret).
AZURITE_ACCOUNT = "devstoreaccount1"
AZURITE_KEY = (
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)
READ_ONLY_POLICY_ACTIONS = ["s3:GetObject", "s3:ListBucket"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"server did not listen on {port} within {timeout}s")


@contextmanager
def running(command: list[str], port: int, env: dict | None = None):
    process = subprocess.Popen(
        command,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class S3Credentials:
    access_key_id: str
    secret_access_key: str
    endpoint: str

    def env(self) -> dict[str, str]:
        return {
            "AWS_ACCESS_KEY_ID": self.access_key_id,
            "AWS_SECRET_ACCESS_KEY": self.secret_access_key,
            "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": self.endpoint,
        }


def files_under(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


@contextmanager
def s3_with_read_only_user(bucket: str, root: Path):
    """moto in server mode holding `root`'s files in `bucket`; yields read-only credentials.

    Every request after the set-up ones is authenticated against moto's IAM: the set-up spends
    exactly INITIAL_NO_AUTH_ACTION_COUNT requests (bucket, uploads, user, policy, key)."""
    import boto3

    files = files_under(root)
    setup_requests = 1 + len(files) + 4
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    moto_server = Path(sys.executable).parent / "moto_server"
    env = {"INITIAL_NO_AUTH_ACTION_COUNT": str(setup_requests)}
    with running([str(moto_server), "-H", "127.0.0.1", "-p", str(port)], port, env):
        admin = {
            "endpoint_url": endpoint,
            "region_name": "us-east-1",
            "aws_access_key_id": "setup",
            "aws_secret_access_key": "setup",
        }
        s3 = boto3.client("s3", **admin)
        s3.create_bucket(Bucket=bucket)
        for path in files:
            s3.put_object(
                Bucket=bucket, Key=path.relative_to(root).as_posix(), Body=path.read_bytes()
            )
        iam = boto3.client("iam", **admin)
        iam.create_user(UserName="focus-reader")
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": READ_ONLY_POLICY_ACTIONS,
                    "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
                }
            ],
        }
        arn = iam.create_policy(PolicyName="focus-read", PolicyDocument=json.dumps(policy))[
            "Policy"
        ]["Arn"]
        iam.attach_user_policy(UserName="focus-reader", PolicyArn=arn)
        key = iam.create_access_key(UserName="focus-reader")["AccessKey"]
        yield S3Credentials(key["AccessKeyId"], key["SecretAccessKey"], endpoint)


def azurite_available() -> bool:
    return AZURITE_BIN.is_file() and shutil.which("node") is not None


@dataclass
class AzureCredentials:
    blob_endpoint: str
    sas_token: str

    def env(self) -> dict[str, str]:
        return {
            "AZURE_STORAGE_CONNECTION_STRING": (
                f"BlobEndpoint={self.blob_endpoint};SharedAccessSignature={self.sas_token}"
            )
        }


@contextmanager
def azurite_with_read_only_sas(container: str, root: Path, workdir: Path):
    """Azurite's Blob service holding `root`'s files in `container`; yields a read+list SAS."""
    from datetime import datetime, timedelta, timezone

    from azure.storage.blob import (
        BlobServiceClient,
        ContainerSasPermissions,
        generate_container_sas,
    )

    port = free_port()
    endpoint = f"http://127.0.0.1:{port}/{AZURITE_ACCOUNT}"
    command = [
        str(AZURITE_BIN),
        "--blobHost", "127.0.0.1",
        "--blobPort", str(port),
        "--location", str(workdir),
        "--skipApiVersionCheck",
        "--silent",
    ]  # fmt: skip
    with running(command, port):
        service = BlobServiceClient.from_connection_string(
            f"DefaultEndpointsProtocol=http;AccountName={AZURITE_ACCOUNT};"
            f"AccountKey={AZURITE_KEY};BlobEndpoint={endpoint};"
        )
        client = service.create_container(container)
        for path in files_under(root):
            client.upload_blob(path.relative_to(root).as_posix(), path.read_bytes())
        sas = generate_container_sas(
            AZURITE_ACCOUNT,
            container,
            account_key=AZURITE_KEY,
            permission=ContainerSasPermissions(read=True, list=True),
            expiry=datetime.now(timezone.utc) + timedelta(hours=2),
        )
        yield AzureCredentials(endpoint, sas)
