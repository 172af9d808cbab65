"""Files in an S3-compatible bucket: with MSCP_S3_BUCKET set, the default storage is the bucket
(settings `s3_storage`), and the workplan import keeps its uploads there. Runs against moto's
S3 server on loopback: a file written by this process is read by another started with the same
environment, the stale-upload cleanup deletes from the bucket too, and no file is ever readable
without a signature."""

import hashlib
import itertools
import json
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from mscp import settings as project_settings
from plans.models import Membership
from plans.tests.factories import BusinessPlanFactory, ThemeFactory
from plans.tests.servers import ROOT, production_environment
from subgroups.importing.uploads import UPLOAD_LIFETIME, uploads_expire
from subgroups.models import Workplan
from subgroups.tests.factories import SubGroupFactory
from subgroups.tests.spreadsheets import xlsx_bytes
from subgroups.tests.test_import_views import ROWS, upload

pytestmark = pytest.mark.django_db

REGION = "eu-west-2"
PUBLIC_GROUPS = {
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}
_bucket_numbers = itertools.count()


@pytest.fixture
def world(member_of):
    plan = BusinessPlanFactory()
    subgroup = SubGroupFactory(partnership=plan.partnership, short_name="QAPR")
    workplan = Workplan.objects.create(subgroup=subgroup, plan=plan, year="2024-25")
    ThemeFactory(plan=plan, title="Think Family")
    return {"subgroup": subgroup, "workplan": workplan, "bsu": member_of(plan.partnership, Membership.Role.BSU)}


@pytest.fixture(scope="module")
def s3_endpoint():
    # Imported here, not at the top: every test process collects this module, and moto's
    # server takes seconds to import.
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer("127.0.0.1", 0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


class Bucket:
    def __init__(self, endpoint: str, environment: dict):
        import boto3

        self.endpoint, self.environment, self.name = endpoint, environment, environment["MSCP_S3_BUCKET"]
        self.client = boto3.client(
            "s3", endpoint_url=endpoint, region_name=REGION,
            aws_access_key_id="testing", aws_secret_access_key="testing",
        )
        self.client.create_bucket(Bucket=self.name, CreateBucketConfiguration={"LocationConstraint": REGION})

    def keys(self, prefix: str = "") -> list[str]:
        listed = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return [item["Key"] for item in listed.get("Contents", [])]

    def public_grants(self, key: str) -> list[dict]:
        grants = self.client.get_bucket_acl(Bucket=self.name)["Grants"]
        grants += self.client.get_object_acl(Bucket=self.name, Key=key)["Grants"]
        return [grant for grant in grants if grant["Grantee"].get("URI") in PUBLIC_GROUPS]

    def anonymous_get(self, url: str) -> int:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as refused:
            return refused.code


@pytest.fixture
def bucket(s3_endpoint, monkeypatch, settings):
    """An empty bucket of its own, the environment that names it, and this process's default
    storage made from that environment by the settings' own `s3_storage`."""
    environment = {
        "MSCP_S3_BUCKET": f"mscp-files-{next(_bucket_numbers)}",
        "MSCP_S3_ENDPOINT_URL": s3_endpoint,
        "MSCP_S3_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    made = Bucket(s3_endpoint, environment)
    settings.STORAGES = settings.STORAGES | {"default": project_settings.s3_storage()}
    return made


# Another process on the production settings, from the environment alone: reads the kept
# upload, signs a link to it, and runs the deployment checklist (non-zero exit on a warning).
ELSEWHERE = """
import hashlib, json, os
from django.core.files.storage import default_storage
from django.core.management import call_command
path = os.environ["UPLOAD_PATH"]
with default_storage.open(path, "rb") as stored:
    content = stored.read()
print(json.dumps({
    "backend": type(default_storage._wrapped).__name__,
    "sha256": hashlib.sha256(content).hexdigest(),
    "link": default_storage.url(path),
}))
call_command("check", deploy=True, fail_level="WARNING")
"""


def test_an_upload_previewed_here_is_read_by_another_process_imported_and_never_public(client, world, bucket):
    content = xlsx_bytes(ROWS)
    preview_url = upload(client, world, content).url
    (key,) = bucket.keys("imports/")

    assert bucket.anonymous_get(f"{bucket.endpoint}/{bucket.name}/{key}") == 403
    assert bucket.public_grants(key) == []

    environment = production_environment(EMAIL_HOST="smtp.example.org", UPLOAD_PATH=key, **bucket.environment)
    elsewhere = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", ELSEWHERE],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60,
    )
    assert elsewhere.returncode == 0, elsewhere.stdout + elsewhere.stderr
    read = json.loads(elsewhere.stdout.splitlines()[0])
    assert read["backend"] == "S3Storage"
    assert read["sha256"] == hashlib.sha256(content).hexdigest()
    assert "X-Amz-Signature=" in read["link"] and f"X-Amz-Expires={project_settings.MSCP_S3_LINK_SECONDS}" in read["link"]
    assert bucket.anonymous_get(read["link"]) == 200  # only a signed link opens it
    assert "no issues" in elsewhere.stdout

    assert client.post(preview_url).status_code == 302
    assert world["workplan"].actions.filter(reference="Q2", description="Refresh the dashboard").exists()
    assert bucket.keys("imports/") == []  # deleted from the bucket once imported


def test_uploads_never_confirmed_are_deleted_from_the_bucket_after_a_day(bucket):
    assert uploads_expire() == 0  # nothing kept yet
    abandoned = default_storage.save("imports/abandoned.upload", ContentFile(b"workplan"))
    assert uploads_expire() == 0  # not a day old yet
    assert bucket.keys("imports/") == [abandoned]
    assert uploads_expire(now=timezone.now() + UPLOAD_LIFETIME + timedelta(minutes=1)) == 1
    assert bucket.keys() == []


def test_a_name_already_in_the_bucket_is_never_overwritten(bucket):
    first = default_storage.save("imports/same.upload", ContentFile(b"first"))
    second = default_storage.save("imports/same.upload", ContentFile(b"second"))
    assert first != second
    assert default_storage.open(first).read() == b"first"


def test_the_bucket_is_used_only_when_named_and_a_public_acl_is_refused(monkeypatch):
    monkeypatch.delenv("MSCP_S3_BUCKET", raising=False)
    assert project_settings.s3_storage() is None  # the private folder, as before
    monkeypatch.setenv("MSCP_S3_BUCKET", "mscp-files")
    options = project_settings.s3_storage()["OPTIONS"]
    assert options["default_acl"] == "private" and options["querystring_auth"] is True
    assert options["file_overwrite"] is False
    monkeypatch.setenv("MSCP_S3_DEFAULT_ACL", "")  # a bucket with ACLs disabled: send none
    assert project_settings.s3_storage()["OPTIONS"]["default_acl"] is None
    monkeypatch.setenv("MSCP_S3_DEFAULT_ACL", "public-read")
    with pytest.raises(ImproperlyConfigured, match="never public"):
        project_settings.s3_storage()
