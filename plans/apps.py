from django.apps import AppConfig


class PlansConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'plans'

    def ready(self):
        from plans import accounts  # noqa: F401  (connects the sign-in log receivers)
        from plans import data_stamp

        data_stamp.connect()
