"""The partnership's logo: the BSU uploads a PNG or JPEG (anything else is refused), it is
kept in private storage, shown only to the partnership's members and printed on the annual
report's cover."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from plans.models import Membership
from plans.services import LOGO_MAX_BYTES
from plans.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def image_file(name="logo.png", image_format="PNG", size=(120, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1d70b8").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def partnership():
    return PartnershipFactory(slug="merton")


@pytest.fixture
def bsu_client(client, member_of, partnership):
    client.force_login(member_of(partnership, Membership.Role.BSU))
    return client


def upload(client, partnership, logo, alt="MSCP logo"):
    url = reverse("plans:partnership-settings", args=[partnership.pk])
    return client.post(url, {"logo": logo, "logo_alt": alt} if logo else {"logo_alt": alt})


def test_the_bsu_uploads_a_logo_members_see_it_and_other_partnerships_do_not(
    bsu_client, partnership, member_of
):
    response = upload(bsu_client, partnership, image_file("logo.jpg", "JPEG"))
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.logo.name.startswith("logos/merton-logo") and partnership.logo.name.endswith(".jpg")
    logo_url = reverse("plans:partnership-logo", args=[partnership.pk])
    viewer = Client()
    viewer.force_login(member_of(partnership, Membership.Role.VIEWER))
    served = viewer.get(logo_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(served.content)).format == "JPEG"
    outsider = Client()
    outsider.force_login(member_of(PartnershipFactory(), Membership.Role.BSU))
    assert outsider.get(logo_url).status_code == 404
    assert Client().get(logo_url).status_code == 302  # to sign in


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        (SimpleUploadedFile("logo.png", b"<svg onload='alert(1)'></svg>"), "must be a PNG or JPEG image"),
        (SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100), "must be a PNG or JPEG image"),
        (image_file("logo.gif", "GIF"), "must be a PNG or JPEG image"),
        (SimpleUploadedFile("logo.png", b"x" * (LOGO_MAX_BYTES + 1)), "smaller than 1 MB"),
        (image_file(size=(4001, 10)), "at most 4000 pixels"),
    ],
    ids=["svg with script", "broken png", "gif", "too large", "too wide"],
)
def test_anything_but_a_sound_png_or_jpeg_is_refused_beside_the_field(bsu_client, partnership, logo, message):
    response = upload(bsu_client, partnership, logo)
    assert response.status_code == 200
    assert message in response.content.decode()
    partnership.refresh_from_db()
    assert not partnership.logo


def test_a_logo_needs_a_description(bsu_client, partnership):
    response = upload(bsu_client, partnership, image_file(), alt="  ")
    assert "Describe the logo" in response.content.decode()
    partnership.refresh_from_db()
    assert not partnership.logo


def test_replacing_the_logo_removes_the_old_file(
    bsu_client, partnership, private_media, django_capture_on_commit_callbacks
):
    upload(bsu_client, partnership, image_file())
    partnership.refresh_from_db()
    first = partnership.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        upload(bsu_client, partnership, image_file())
    partnership.refresh_from_db()
    assert partnership.logo.name != first
    assert not (private_media / first).exists()


def test_the_annual_report_cover_embeds_the_logo_with_its_description(bsu_client, partnership):
    from reports.pdf import cover_logo, render_pdf_html

    upload(bsu_client, partnership, image_file(), alt="Merton Safeguarding Children Partnership logo")
    partnership.refresh_from_db()
    logo = cover_logo(partnership)
    assert logo["src"].startswith("data:image/png;base64,")
    html = render_pdf_html(
        "reports/pdf/annual_report.html",
        {"partnership": partnership, "year": "2023-24", "sections": [], "cover_logo": logo, "glance": []},
    )
    assert 'class="pdf-cover__logo" src="data:image/png;base64,' in html
    assert 'alt="Merton Safeguarding Children Partnership logo"' in html
