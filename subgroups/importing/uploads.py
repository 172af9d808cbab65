"""An uploaded workplan kept between the preview and the confirmation.

The file goes to Django's default storage (the private folder, or the private S3 bucket:
see STORAGES in the settings) under the "imports/" prefix, never a served path, named by a
random token that only the uploader's session knows, and is deleted once the import is
confirmed or another file replaces it. Uploads never confirmed are deleted after a day,
whoever uploads next.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

SESSION_KEY = "workplan_imports"
STORAGE_PREFIX = "imports/"
UPLOAD_LIFETIME = datetime.timedelta(days=1)


@dataclass(frozen=True)
class KeptUpload:
    token: str
    path: str
    subgroup_id: int
    year: str
    filename: str
    as_at: datetime.date | None = None  # the import's as-at date the uploader chose

    def read(self) -> bytes:
        with default_storage.open(self.path, "rb") as stored:
            return stored.read()


def token_digest(token: str) -> str:
    """What is kept of a token once its upload is imported (never the token itself)."""
    return hashlib.sha256(token.encode()).hexdigest()


def upload_keep(
    *, session, subgroup, year: str, content: bytes, filename: str, as_at: datetime.date | None = None
) -> KeptUpload:
    """Store the file, and the as-at date chosen with it, for this session, replacing any
    earlier upload not yet confirmed."""
    for token in list(session.get(SESSION_KEY, {})):
        upload_discard(session=session, token=token)
    uploads_expire()
    token = secrets.token_urlsafe(24)
    path = default_storage.save(f"{STORAGE_PREFIX}{token}.upload", ContentFile(content))
    session[SESSION_KEY] = {
        token: {
            "path": path, "subgroup_id": subgroup.pk, "year": year, "filename": filename,
            "as_at": as_at.isoformat() if as_at else None,
        }
    }
    return KeptUpload(token=token, path=path, subgroup_id=subgroup.pk, year=year, filename=filename, as_at=as_at)


def upload_find(*, session, token: str, subgroup) -> KeptUpload | None:
    """The session's kept upload for `subgroup`, or None (another user's token is unknown)."""
    stored = session.get(SESSION_KEY, {}).get(token)
    if not stored or stored["subgroup_id"] != subgroup.pk or not default_storage.exists(stored["path"]):
        return None
    as_at = stored.get("as_at")
    return KeptUpload(
        token=token, **(stored | {"as_at": datetime.date.fromisoformat(as_at) if as_at else None})
    )


def upload_discard(*, session, token: str) -> None:
    kept = session.get(SESSION_KEY, {})
    stored = kept.pop(token, None)
    session[SESSION_KEY] = kept
    if stored and default_storage.exists(stored["path"]):
        default_storage.delete(stored["path"])


def uploads_expire(now=None) -> int:
    """Delete kept uploads older than UPLOAD_LIFETIME (abandoned previews); returns how many."""
    cutoff = (now or timezone.now()) - UPLOAD_LIFETIME
    try:
        # Not exists(STORAGE_PREFIX): a bucket has no folders, only names that share a prefix.
        names = default_storage.listdir(STORAGE_PREFIX)[1]
    except FileNotFoundError:  # the private folder, before its first upload
        return 0
    expired = [
        f"{STORAGE_PREFIX}{name}"
        for name in names
        if default_storage.get_modified_time(f"{STORAGE_PREFIX}{name}") < cutoff
    ]
    for path in expired:
        default_storage.delete(path)
    return len(expired)
