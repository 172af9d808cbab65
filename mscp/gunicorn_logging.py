"""gunicorn's access log without secrets: the token in a password-reset link (the path of the
link in the e-mail) is replaced before the line is written."""

import re

from gunicorn.glogging import Logger

_RESET_LINK = re.compile(r"(/accounts/password/reset/[^/?\s]+/)(?!set-password/)[^/?\s]+")


def redact(text):
    return _RESET_LINK.sub(r"\1[token]", text) if isinstance(text, str) else text


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f", "{referer}i"):
            if key in atoms:
                atoms[key] = redact(atoms[key])
        return atoms
