"""Cross-app tooling: the demo loader and partnership backups as management commands."""
