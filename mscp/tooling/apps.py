from django.apps import AppConfig


class ToolingConfig(AppConfig):
    """Work that spans the apps and so sits above them all: the demo data (`load_demo`),
    partnership backups (`export_partnership`, `import_partnership`) and the project's own
    deployment checks."""

    name = "mscp.tooling"
    label = "tooling"
    verbose_name = "Cross-app tooling"

    def ready(self):
        from mscp import mail  # noqa: F401  (registers the mail server's deployment check)
