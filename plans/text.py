"""Text as people type it."""


def with_lf_newlines(text: str | None) -> str:
    """`text` with every line break as LF. A browser sends a textarea's line breaks as CR LF
    and a spreadsheet may hold CR: kept and compared one way, a line break counts as one
    character (as a page's character count shows it), and a text that was typed on a page,
    exported and imported again is the same text."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")
