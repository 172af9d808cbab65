from django.contrib.admin.apps import AdminConfig


class ConfigurationAdminConfig(AdminConfig):
    """The admin, with the superuser-only site of `mscp.admin` as `admin.site`."""

    default_site = "mscp.admin.ConfigurationAdminSite"
