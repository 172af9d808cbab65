from django.apps import AppConfig
from django.db.models.signals import post_delete


class ReportsConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'reports'

    def ready(self):
        from reports.models import PdfBuild
        from reports.pdf_builds import delete_file_with_build

        post_delete.connect(delete_file_with_build, sender=PdfBuild, dispatch_uid="pdf_build_file")
