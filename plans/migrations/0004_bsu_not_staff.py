"""Partnership staff no longer use the Django admin (it is for superusers only, and the BSU
configures its partnership through the product's pages). Earlier demo loads made every BSU
member staff with every plans and subgroups model permission: take those away again from
everyone who is not a superuser."""

from django.db import migrations

CONFIGURATION_APPS = ["plans", "subgroups"]


def bsu_members_not_staff(apps, schema_editor):
    User = apps.get_model("auth", "User")
    Permission = apps.get_model("auth", "Permission")
    bsu_members = User.objects.filter(is_superuser=False, memberships__role="bsu").distinct()
    permissions = Permission.objects.filter(content_type__app_label__in=CONFIGURATION_APPS)
    for user in bsu_members:
        user.user_permissions.remove(*permissions)
    User.objects.filter(pk__in=bsu_members.values("pk")).update(is_staff=False)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("plans", "0003_membership_history"),
    ]

    operations = [migrations.RunPython(bsu_members_not_staff, migrations.RunPython.noop)]
