"""Configuration (superusers only, see mscp/admin.py). Actions and their BRAG updates are
business records: the admin shows them but never adds, edits or deletes them; every change
to them goes through the services (subgroups/services.py) from the product's pages."""

from django.contrib import admin

from subgroups.models import Action, ActionUpdate, SubGroup, Workplan


@admin.register(SubGroup)
class SubGroupAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "partnership"]
    list_filter = ["partnership"]
    search_fields = ["name", "short_name"]
    filter_horizontal = ["priorities", "leads"]
    readonly_fields = ["version"]

    def save_model(self, request, obj, form, change):
        # An edit here is an edit like any other: the BSU's settings page notices it.
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(Workplan)
class WorkplanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "year"]
    list_filter = ["plan", "year"]
    list_select_related = ["subgroup", "plan"]


class ActionUpdateInline(admin.TabularInline):
    """Updates are append-only, so the admin shows them but never edits or deletes them."""

    model = ActionUpdate
    fk_name = "action"
    extra = 0
    fields = ["as_at", "kind", "rating", "narrative", "author", "reported_by", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "workplan", "priority", "lead_names", "due_date", "is_retired"]
    list_filter = ["workplan__subgroup__partnership", "workplan__year", "is_retired"]
    list_select_related = ["workplan__subgroup", "priority"]
    search_fields = ["reference", "description", "impact", "leads__name"]
    list_per_page = 100
    filter_horizontal = ["leads"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("leads")
    inlines = [ActionUpdateInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
