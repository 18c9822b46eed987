from django.contrib import admin

from kundenwert.customers.models import Contact, Customer, GroupRecord, Insight


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "status", "group_override", "potential", "useful", "heart")
    list_filter = ("status", "group_override", "useful", "heart")
    search_fields = ("number", "name", "email")
    inlines = [ContactInline]


admin.site.register(Insight)


@admin.register(GroupRecord)
class GroupRecordAdmin(admin.ModelAdmin):
    list_display = ("customer", "as_of", "group", "exit_candidate")
    list_filter = ("group", "as_of")
