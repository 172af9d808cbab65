"""Bringing a workplan in from the Excel or CSV table a partnership already keeps.

`parse` reads a file into rows of text by column; `plan` turns those rows into what would be
created, updated or left alone (and the errors); `apply` writes a plan in one transaction
through the same services the pages use.
"""
