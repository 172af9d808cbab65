from django.contrib import admin

from plans.models import (
    BragDefinition,
    BusinessPlan,
    CrossCuttingTheme,
    Membership,
    Partnership,
    Priority,
)


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "short_name"]


class PriorityInline(admin.StackedInline):
    model = Priority
    extra = 0


class ThemeInline(admin.TabularInline):
    model = CrossCuttingTheme
    extra = 0


class BragDefinitionInline(admin.TabularInline):
    model = BragDefinition
    extra = 0


class PlanStatusFilter(admin.SimpleListFilter):
    """Upcoming, active or ended as of today: read from the plan's dates."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return BusinessPlan.Status.choices

    def queryset(self, request, queryset):
        by_status = {
            BusinessPlan.Status.UPCOMING: queryset.upcoming,
            BusinessPlan.Status.ACTIVE: queryset.active,
            BusinessPlan.Status.ENDED: queryset.ended,
        }
        return by_status[self.value()]() if self.value() in by_status else queryset


@admin.register(BusinessPlan)
class BusinessPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "period_start", "period_end", "status"]
    list_filter = [PlanStatusFilter, "partnership"]
    search_fields = ["title"]
    inlines = [PriorityInline, ThemeInline, BragDefinitionInline]


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "added_on"]
    list_filter = ["plan"]


@admin.register(CrossCuttingTheme)
class CrossCuttingThemeAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "position"]
    list_filter = ["plan"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "partnership", "role"]
    list_filter = ["partnership", "role"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]
