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


@admin.register(BusinessPlan)
class BusinessPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "period_start", "period_end", "status"]
    list_filter = ["status", "partnership"]
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
