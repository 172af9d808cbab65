"""The annual report and meeting-pack PDFs built as background work (reports/pdf_builds.py),
here run the way `make run` and the tests run them without a broker: at once, in the process
that asks, once the request has committed. The PDFs are real and read back with pypdf; the
files are in a real (throwaway) storage folder. A real worker killed mid-build is in
test_pdf_worker.py."""

import datetime
import io
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from plans.models import Membership
from plans.tests.factories import PartnershipFactory
from reports.annual import annual_report_content, section_save
from reports.models import Meeting, PdfBuild
from reports.pdf_builds import pdf_build_request, pdf_build_run, ready_annual_report_build

pytestmark = pytest.mark.django_db
D = datetime.date


def read(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF")
    return PdfReader(io.BytesIO(pdf))


def files_of(media: Path, build: PdfBuild) -> list[str]:
    folder = media / "pdf-builds" / str(build.pk)
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


@pytest.fixture
def media(private_media):
    return private_media


@pytest.fixture
def meeting(plan):
    return Meeting.objects.create(
        partnership=plan.partnership, body=Meeting.Body.EXECUTIVE, date=D(2024, 3, 7), cutoff=D(2024, 3, 1)
    )


def prepare(client, url, django_capture_on_commit_callbacks):
    """Press "Prepare the PDF": the build runs when the request commits, as without a broker."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302 and "/pdf-builds/" in response["Location"]
    return response


def test_the_bsu_prepares_the_annual_report_pdf_and_downloads_it(
    client, report, plan, media, django_capture_on_commit_callbacks
):
    page = client.get(report.get_absolute_url()).text
    assert reverse("reports:annual-pdf-build", args=[report.pk]) in page and "Prepare the PDF" in page

    response = prepare(client, reverse("reports:annual-pdf-build", args=[report.pk]), django_capture_on_commit_callbacks)
    build = PdfBuild.objects.get()
    assert response["Location"] == build.get_absolute_url()
    assert (build.status, build.kind, build.report, build.attempts) == ("ready", "annual-report", report, 1)
    progress = client.get(build.get_absolute_url()).text
    assert 'role="status"' in progress and "Ready" in progress and "hx-trigger" not in progress
    file_url = reverse("reports:pdf-build-file", args=[build.pk])
    assert file_url in progress and "Download the PDF" in progress

    download = client.get(file_url)
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == f'attachment; filename="{plan.partnership.slug}-annual-report-2023-24-draft.pdf"'
    reader = read(b"".join(download.streaming_content))
    assert reader.metadata.title == f"{plan.partnership.name} Annual Report 2023-24 (draft)"
    first = reader.pages[0].extract_text()
    assert "Annual Report 2023-24" in first and plan.partnership.name in first
    assert files_of(media, build) == [f"{plan.partnership.slug}-annual-report-2023-24-draft.pdf"]


def test_an_unchanged_report_reuses_its_pdf_and_a_changed_one_is_built_again(
    client, report, bsu, media, django_capture_on_commit_callbacks
):
    url = reverse("reports:annual-pdf-build", args=[report.pk])
    first = prepare(client, url, django_capture_on_commit_callbacks)["Location"]
    again = prepare(client, url, django_capture_on_commit_callbacks)["Location"]
    assert again == first and PdfBuild.objects.count() == 1

    section_save(report=report, slug="foreword", text="A year of change.", expected_version=1, author=bsu)
    changed = prepare(client, url, django_capture_on_commit_callbacks)["Location"]
    assert changed != first and PdfBuild.objects.filter(status="ready").count() == 2
    latest = PdfBuild.objects.first()
    text = " ".join(page.extract_text() for page in read(latest.file.read()).pages)
    assert "A year of change." in text


def test_the_reports_pdf_address_serves_a_prepared_pdf_of_the_same_content_instead_of_drawing_it_again(
    client, report, bsu, plan, media, django_capture_on_commit_callbacks
):
    direct = reverse("reports:annual-pdf", args=[report.pk])
    drawn = client.get(direct)  # nothing prepared yet: drawn for this request
    assert not drawn.streaming and read(drawn.content).metadata.title.endswith("Annual Report 2023-24 (draft)")

    prepare(client, reverse("reports:annual-pdf-build", args=[report.pk]), django_capture_on_commit_callbacks)
    build = PdfBuild.objects.get()
    served = client.get(direct)
    assert served.streaming  # the build's file, streamed from the storage
    assert b"".join(served.streaming_content) == build.file.read()
    assert served["Content-Disposition"] == drawn["Content-Disposition"] == (
        f'attachment; filename="{plan.partnership.slug}-annual-report-2023-24-draft.pdf"'
    )

    # Changed since: the kept file no longer shows the report, so it is drawn again.
    section_save(report=report, slug="foreword", text="A year of change.", expected_version=1, author=bsu)
    changed = client.get(direct)
    assert not changed.streaming
    assert "A year of change." in " ".join(page.extract_text() for page in read(changed.content).pages)

    # A ready build whose file the storage no longer has: drawn, not a missing file.
    section_save(report=report, slug="foreword", text="A year of **partnership** work.", expected_version=2, author=bsu)
    assert ready_annual_report_build(report, annual_report_content(report)) == build
    (media / build.file.name).unlink()
    redrawn = client.get(direct)
    assert redrawn.status_code == 200 and not redrawn.streaming and read(redrawn.content).pages


def test_a_pdf_made_more_than_a_day_before_a_new_one_is_deleted_with_its_file(
    client, meeting, bsu, media, django_capture_on_commit_callbacks
):
    url = reverse("reports:meeting-pack-build", args=[meeting.pk])
    prepare(client, url, django_capture_on_commit_callbacks)
    old = PdfBuild.objects.get()
    PdfBuild.objects.filter(pk=old.pk).update(finished_at=timezone.now() - datetime.timedelta(hours=25))
    prepare(client, url, django_capture_on_commit_callbacks)  # a day later: the new one replaces it
    recent = PdfBuild.objects.get()
    assert recent.pk != old.pk and not (media / old.file.name).exists() and (media / recent.file.name).exists()
    prepare(client, url, django_capture_on_commit_callbacks)  # within the day: both are kept
    assert PdfBuild.objects.count() == 2 and (media / recent.file.name).exists()


def test_deleting_a_meeting_deletes_its_packs_files_once_the_delete_has_committed(
    client, meeting, bsu, media, django_capture_on_commit_callbacks
):
    prepare(client, reverse("reports:meeting-pack-build", args=[meeting.pk]), django_capture_on_commit_callbacks)
    pack = PdfBuild.objects.get(meeting=meeting)
    assert (media / pack.file.name).exists()
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        response = client.post(reverse("reports:meeting-delete", args=[meeting.pk]))
    assert response.status_code == 302 and not PdfBuild.objects.exists()
    assert (media / pack.file.name).exists()  # not before the delete has committed
    for callback in waiting:
        callback()
    assert not (media / pack.file.name).exists()
    assert files_of(media, pack) == []


def test_a_second_request_while_one_waits_for_a_worker_gets_the_same_build(client, report, bsu, media):
    # No on-commit callback runs inside the test's transaction: the build stays queued, as it
    # does on a busy worker.
    url = reverse("reports:annual-pdf-build", args=[report.pk])
    assert client.post(url)["Location"] == client.post(url)["Location"]
    build = PdfBuild.objects.get()
    assert (build.status, build.stage, build.requested_by) == ("queued", "waiting", bsu)


def test_the_progress_page_says_where_the_build_is_and_asks_again_until_it_is_finished(client, report, media):
    build = pdf_build_request(report=report, by=None)
    page = client.get(build.get_absolute_url())
    assert page.status_code == 200
    html = page.text
    assert 'role="status"' in html and "Waiting for a worker" in html
    assert f'hx-get="{build.get_absolute_url()}" hx-trigger="every 2s"' in html
    assert f'href="{build.get_absolute_url()}">Check again' in html  # without JavaScript
    assert reverse("reports:pdf-build-file", args=[build.pk]) not in html
    assert client.get(reverse("reports:pdf-build-file", args=[build.pk])).status_code == 404

    polled = client.get(build.get_absolute_url(), headers={"HX-Request": "true"})
    assert polled.status_code == 200 and "Waiting for a worker" in polled.text and "<html" not in polled.text

    PdfBuild.objects.filter(pk=build.pk).update(status="building", stage="laying-out")
    assert "Laying out the pages (step 2 of 3)" in client.get(build.get_absolute_url(), headers={"HX-Request": "true"}).text

    pdf_build_run(build.pk)
    finished = client.get(build.get_absolute_url(), headers={"HX-Request": "true"})
    assert finished.status_code == 286  # htmx stops asking
    assert reverse("reports:pdf-build-file", args=[build.pk]) in finished.text


def test_the_meeting_pack_is_prepared_from_the_meeting_page(
    client, meeting, bsu, plan, media, django_capture_on_commit_callbacks
):
    page = client.get(meeting.get_absolute_url()).text
    assert reverse("reports:meeting-pack-build", args=[meeting.pk]) in page
    response = prepare(client, reverse("reports:meeting-pack-build", args=[meeting.pk]), django_capture_on_commit_callbacks)
    build = PdfBuild.objects.get(meeting=meeting)
    assert response["Location"] == build.get_absolute_url() and build.status == "ready"
    assert "Meeting pack: Executive meeting, 7 March 2024" in client.get(build.get_absolute_url()).text
    download = client.get(reverse("reports:pdf-build-file", args=[build.pk]))
    assert f'filename="{plan.partnership.slug}-executive-meeting-2024-03-07-pack.pdf"' in download["Content-Disposition"]
    reader = read(b"".join(download.streaming_content))
    assert "Executive meeting Thursday 7 March 2024. Meeting pack. Figures as at 1 March 2024" in " ".join(
        reader.pages[0].extract_text().split()
    )
    # A meeting pack's figures are counted when it is built: asking again builds it again.
    prepare(client, reverse("reports:meeting-pack-build", args=[meeting.pk]), django_capture_on_commit_callbacks)
    assert PdfBuild.objects.filter(meeting=meeting, status="ready").count() == 2


def test_a_build_run_again_after_its_worker_died_leaves_one_file(report, media):
    build = pdf_build_request(report=report, by=None)
    assert pdf_build_run(build.pk) == "ready"
    name = PdfBuild.objects.get(pk=build.pk).file.name
    # As if the worker had died after writing the file and before recording it: the task runs
    # again, over a half-written file and a stray one under another name.
    PdfBuild.objects.filter(pk=build.pk).update(status="building", stage="saving", file="")
    (media / name).write_bytes(b"%PDF-1.7 half")
    (media / "pdf-builds" / str(build.pk) / "older-name.pdf").write_bytes(b"%PDF-1.7 older")
    assert pdf_build_run(build.pk) == "ready"
    build.refresh_from_db()
    assert (build.status, build.attempts, build.file.name) == ("ready", 2, name)
    assert files_of(media, build) == [Path(name).name]
    assert len(read(build.file.read()).pages) > 1
    # The task delivered once more, after it finished: nothing happens.
    assert pdf_build_run(build.pk) == "ready"
    assert PdfBuild.objects.get(pk=build.pk).attempts == 2


def test_a_build_that_fails_says_so_and_trying_again_builds_it(
    client, meeting, bsu, settings, tmp_path, django_capture_on_commit_callbacks
):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    settings.MEDIA_ROOT = str(blocked)  # the storage cannot take the file
    url = reverse("reports:meeting-pack-build", args=[meeting.pk])
    prepare(client, url, django_capture_on_commit_callbacks)
    build = PdfBuild.objects.get()
    assert (build.status, build.stage, build.file.name) == ("failed", "done", "")
    assert "NotADirectoryError" in build.error and build.finished_at
    page = client.get(build.get_absolute_url()).text
    assert "The PDF could not be made." in page and "Try again" in page and f'action="{url}"' in page
    assert "hx-trigger" not in page

    settings.MEDIA_ROOT = str(tmp_path / "media")  # the storage is back
    again = prepare(client, url, django_capture_on_commit_callbacks)
    assert PdfBuild.objects.get(pk=build.pk).status == "failed"
    assert PdfBuild.objects.get(status="ready").get_absolute_url() == again["Location"]


def test_a_meeting_pack_without_a_business_plan_is_refused_in_words(client, member_of, media):
    partnership = PartnershipFactory()
    meeting = Meeting.objects.create(partnership=partnership, body=Meeting.Body.EXECUTIVE, date=D(2024, 3, 7), cutoff=D(2024, 3, 7))
    client.force_login(member_of(partnership, Membership.Role.EXECUTIVE))
    response = client.post(reverse("reports:meeting-pack-build", args=[meeting.pk]), follow=True)
    assert response.redirect_chain[-1][0] == meeting.get_absolute_url()
    assert "has no business plan to report on" in response.text
    assert not PdfBuild.objects.exists()


def test_another_partnerships_member_cannot_see_a_build_or_its_file(client, report, member_of, media):
    build = pdf_build_request(report=report, by=None)
    pdf_build_run(build.pk)
    client.force_login(member_of(PartnershipFactory(), Membership.Role.BSU))
    for url in (build.get_absolute_url(), reverse("reports:pdf-build-file", args=[build.pk])):
        assert client.get(url).status_code == 404
    assert client.post(reverse("reports:annual-pdf-build", args=[report.pk])).status_code == 404
