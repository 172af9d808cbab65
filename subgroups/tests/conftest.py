import pytest


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploads kept between an import's preview and confirmation go to a throwaway folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"
