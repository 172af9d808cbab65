"""The annual report and meeting-pack PDFs, built by a Celery worker rather than inside a web
request (a 40-page report takes longer than anyone should wait for a page).

Asking for a PDF records a `PdfBuild` and queues `reports.tasks.pdf_build_task` once the request
commits; the progress page reads the build's stage. Without a broker (REDIS_URL unset, as with
`make run` and most tests) the task runs at once in the asking process, so the build is ready
by the time the page shows it.

The task may run more than once for one build: its worker can die mid-build, and the broker
hands the task to another (acks_late, reject_on_worker_lost). So a run of a build that is
already ready does nothing, every status change is committed on its own, and the file goes to
a name of the build's own (`pdf-builds/<build id>/<download name>.pdf`), whatever an earlier
run left in that folder being removed first: one build, one file.
"""

import datetime
import hashlib
import json
import logging
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from reports.annual import annual_report_content
from reports.meetings import meeting_pack, meeting_plan
from reports.models import AnnualReport, Meeting, PdfBuild
from reports.pdf import (
    annual_report_filename,
    annual_report_html,
    html_to_pdf,
    meeting_pack_filename,
    render_pdf_html,
)

logger = logging.getLogger(__name__)

# Where the built PDFs live in the default storage: one folder per build.
PDF_BUILD_FOLDER = "pdf-builds"
# A build still waiting for a worker is given to whoever asks for the same PDF again within
# this time (a second click, a colleague), rather than queueing the same work twice; after it,
# a new build is queued, in case the first one's task was lost.
REUSE_QUEUED_FOR = datetime.timedelta(minutes=10)
# A finished build is kept this long after it was made (its page and file may still be open
# somewhere); once a newer build of the same PDF is asked for after that, it is deleted with
# its file.
KEEP_FINISHED_FOR = datetime.timedelta(days=1)
# How much of a failure's message is kept on the build (the whole of it is in the log).
ERROR_TEXT_LENGTH = 2000
NO_PLAN = "The partnership has no business plan to report on."


def annual_report_fingerprint(report: AnnualReport, content: dict) -> str:
    """A hash of everything the report's PDF shows: its content (the sign-off fingerprint of
    its figures and texts; a published report's are frozen), whether and when it was
    published, where each lead partner's sign-off stands and the cover's name and logo."""
    partnership = report.partnership
    canonical = json.dumps(
        {
            "content": content.get("fingerprint"),
            "status": report.status,
            "published_at": report.published_at,
            "sign_offs": [
                (row.partner.pk, row.partner.organisation, row.latest.pk if row.latest else None, row.counts)
                for row in content["sign_offs"]
            ],
            "lead_partners": [(partner.pk, partner.organisation) for partner in content["lead_partners"]],
            "cover": (partnership.name, partnership.logo.name, partnership.logo_alt),
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def ready_annual_report_build(report: AnnualReport, content: dict) -> PdfBuild | None:
    """A ready build of `report`'s PDF made from this same `content` (annual_report_content),
    or None: its file is the PDF the report would be drawn as now."""
    fingerprint = annual_report_fingerprint(report, content)
    return PdfBuild.objects.filter(report=report, status=PdfBuild.Status.READY, fingerprint=fingerprint).first()


@transaction.atomic
def pdf_build_request(*, report: AnnualReport | None = None, meeting: Meeting | None = None, by) -> PdfBuild:
    """A build of the PDF of `report` or of `meeting`'s pack, asked for by `by`: a ready build
    of the annual report whose content has not changed since, else one of the same PDF still
    waiting for a worker, else a new build, queued when the transaction commits. A meeting
    pack's figures are counted when it is built, so a ready one is never reused. Refused (a
    ValidationError) for a meeting of a partnership with no business plan."""
    if (report is None) == (meeting is None):
        raise ValueError("A PDF build is of one annual report or one meeting.")
    if report is not None:
        kind, target, partnership_id = PdfBuild.Kind.ANNUAL_REPORT, {"report": report}, report.partnership_id
        ready = ready_annual_report_build(report, annual_report_content(report))
        if ready is not None:
            return ready
    else:
        if meeting_plan(meeting) is None:
            raise ValidationError(NO_PLAN)
        kind, target, partnership_id = PdfBuild.Kind.MEETING_PACK, {"meeting": meeting}, meeting.partnership_id
    waiting = PdfBuild.objects.filter(
        **target, status=PdfBuild.Status.QUEUED, created_at__gte=timezone.now() - REUSE_QUEUED_FOR
    ).first()
    if waiting is not None:
        return waiting
    _delete_superseded(target)
    build = PdfBuild.objects.create(partnership_id=partnership_id, kind=kind, requested_by=by, **target)
    transaction.on_commit(partial(pdf_build_enqueue, build.pk))
    return build


def _delete_superseded(target: dict) -> None:
    """Delete the builds of the same PDF that finished more than KEEP_FINISHED_FOR ago (their
    files go with them: `delete_file_with_build`): a new build is replacing them."""
    PdfBuild.objects.filter(**target, finished_at__lt=timezone.now() - KEEP_FINISHED_FOR).delete()


def delete_file_with_build(sender, instance: PdfBuild, **kwargs) -> None:
    """A build's file goes with the build, however the build goes (replaced by a newer one, or
    with its meeting, report or partnership), once that has committed: a rolled-back delete
    keeps both. A storage that fails to delete it is logged, not shown to the user, whose
    delete has already happened."""
    if instance.file:
        transaction.on_commit(partial(instance.file.storage.delete, instance.file.name), robust=True)


def pdf_build_enqueue(build_id: int) -> None:
    """Hand the build to a worker (or, without a broker, run it here and now)."""
    from reports.tasks import pdf_build_task  # the task module imports this one

    pdf_build_task.delay(build_id)


def _record(build_id: int, **fields) -> None:
    """Commit one change of the build's status or stage, on its own, so that the progress
    page sees it at once."""
    PdfBuild.objects.filter(pk=build_id).update(**fields)


def _document(build: PdfBuild) -> tuple[str, str, str]:
    """The PDF's document as HTML, its download name and its content's fingerprint."""
    if build.kind == PdfBuild.Kind.ANNUAL_REPORT:
        report = AnnualReport.objects.select_related("partnership", "published_by").get(pk=build.report_id)
        content = annual_report_content(report)
        html = annual_report_html(content, partnership=report.partnership)
        return html, annual_report_filename(report), annual_report_fingerprint(report, content)
    meeting = Meeting.objects.select_related("partnership", "subgroup").get(pk=build.meeting_id)
    if meeting_plan(meeting) is None:
        raise ValidationError(NO_PLAN)
    return render_pdf_html("reports/pdf/meeting_pack.html", meeting_pack(meeting)), meeting_pack_filename(meeting), ""


def pdf_build_store(build: PdfBuild, filename: str, pdf: bytes) -> str:
    """Save `pdf` as the build's one file, `pdf-builds/<id>/<filename>.pdf` in the build's
    storage, and return its name. Whatever an earlier run of the build left in its folder (a
    whole or half-written file, under this name or another) is deleted first: the storage never
    holds two files for one build, and a bucket that never overwrites is not asked to."""
    storage = build.file.storage
    folder = f"{PDF_BUILD_FOLDER}/{build.pk}"
    try:
        files = storage.listdir(folder)[1]
    except FileNotFoundError:  # a folder on disk that no run has made yet
        files = []
    for name in files:
        storage.delete(f"{folder}/{name}")
    return storage.save(f"{folder}/{filename}.pdf", ContentFile(pdf))


def pdf_build_run(build_id: int) -> str:
    """Build the PDF of build `build_id` (the task's body), recording each stage as it starts,
    and return the status it ended with. A build that is ready, failed or gone is left as it
    is; one that was being built when its worker died is built again from the start. A
    failure is recorded on the build, in words for the progress page, and logged."""
    build = PdfBuild.objects.filter(pk=build_id).first()
    if build is None or build.is_finished:
        return build.status if build else "gone"
    _record(
        build_id, status=PdfBuild.Status.BUILDING, stage=PdfBuild.Stage.GATHERING, error="",
        attempts=build.attempts + 1, started_at=timezone.now(),
    )
    try:
        html, filename, fingerprint = _document(build)
        _record(build_id, stage=PdfBuild.Stage.LAYING_OUT)
        pdf = html_to_pdf(html)
        _record(build_id, stage=PdfBuild.Stage.SAVING)
        name = pdf_build_store(build, filename, pdf)
    except (AnnualReport.DoesNotExist, Meeting.DoesNotExist):
        return "gone"  # deleted while it waited: its build went with it
    except Exception as error:  # any failure is the build's: say so on its page, keep the worker
        logger.exception("PDF build %s failed", build_id)
        _record(
            build_id, status=PdfBuild.Status.FAILED, stage=PdfBuild.Stage.DONE, finished_at=timezone.now(),
            error=f"{type(error).__name__}: {error}"[:ERROR_TEXT_LENGTH],
        )
        return PdfBuild.Status.FAILED
    _record(
        build_id, status=PdfBuild.Status.READY, stage=PdfBuild.Stage.DONE, file=name, filename=filename,
        fingerprint=fingerprint, finished_at=timezone.now(),
    )
    return PdfBuild.Status.READY
