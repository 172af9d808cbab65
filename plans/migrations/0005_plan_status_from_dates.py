"""A plan's status is read from its dates (upcoming, active, ended), so the hand-set column
goes. Nothing is carried over: "archived" and "draft" were set by hand and a plan's dates
already say where it stands; a plan entered ahead of its period shows as upcoming."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0004_bsu_not_staff'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='businessplan',
            name='plan_status_valid',
        ),
        migrations.RemoveField(
            model_name='businessplan',
            name='status',
        ),
        migrations.RemoveField(
            model_name='historicalbusinessplan',
            name='status',
        ),
    ]
