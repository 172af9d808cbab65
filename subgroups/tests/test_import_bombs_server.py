"""The merged-cell bomb and the zip bomb uploaded to a real gunicorn worker on the production
settings: the answer is the clear refusal, not the worker's timeout, and the worker's peak
memory (VmHWM in /proc/<pid>/status) stays under 300 MB (the merged cell once took a worker
to 4.8 GB, the zip bomb 80 seconds). bench/hostile_inputs.py times the refusals."""

import re
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.db import connection

from plans.tests.servers import gunicorn
from subgroups.tests.test_faults import bsu_session, server_environment, static_root  # noqa: F401 - fixtures
from subgroups.tests.test_import_bombs import merged_cell_bomb, zip_bomb

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (CI runs the suite on it)"),
]
WORKER_PEAK_LIMIT_KB = 300 * 1024


def worker_peak_kb(output) -> int:
    """The largest peak resident memory of the server's workers, in KB."""
    pids = {int(pid) for pid in re.findall(r"Booting worker with pid: (\d+)", "".join(output))}
    peaks = []
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            peaks.append(int(re.search(r"VmHWM:\s+(\d+) kB", status.read_text()).group(1)))
    assert peaks, "no worker found"
    return max(peaks)


def upload(url, session, content):
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})
    page = urllib.request.urlopen(request, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode()).group(1)
    cookie = re.search(r"csrftoken=([^;]+)", page.headers.get("Set-Cookie", "")).group(1)
    boundary = uuid.uuid4().hex
    fields = {"csrfmiddlewaretoken": token, "year": "2024-25", "as_at_0": "31", "as_at_1": "3", "as_at_2": "2025"}
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ) + (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="workplan.xlsx"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode() + content + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(url, data=body, headers={
        "Cookie": f"sessionid={session}; csrftoken={cookie}",
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Referer": url,
    })
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status, response.read().decode()


def test_bombs_uploaded_to_a_real_worker_are_refused_in_bounded_memory(bsu_session, static_root):  # noqa: F811
    workplan, session = bsu_session
    with gunicorn(server_environment(static_root), workers=1) as (base, output):
        url = f"{base}/subgroups/{workplan.subgroup.pk}/import/"
        status, body = upload(url, session, zip_bomb())
        assert status == 200 and "The file unpacks to 200 MB" in body
        status, body = upload(url, session, merged_cell_bomb())
        assert status == 200
        assert "Server Error" not in body
        peak = worker_peak_kb(output)
        print(f"worker peak memory {peak / 1024:.0f} MB")
        assert peak < WORKER_PEAK_LIMIT_KB
