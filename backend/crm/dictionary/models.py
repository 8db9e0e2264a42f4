"""The data dictionary and the runtime parameters."""

from django.conf import settings
from django.db import models

from crm.core.models import TimestampedModel


class DictionaryEntry(TimestampedModel):
    """One value of a typed list (a pharmacy type, a reassignment reason...). Other records
    keep the `code`; the labels are what people read. An entry the mall sent that nobody has
    named yet is `is_flagged` until an admin edits it."""

    type = models.CharField(max_length=64, db_index=True)
    code = models.CharField(max_length=64)
    label = models.CharField(max_length=100)
    label_en = models.CharField(max_length=100, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    is_flagged = models.BooleanField(default=False)

    class Meta:
        ordering = ["type", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["type", "code"], name="dictionary_entry_unique_code")]

    def __str__(self) -> str:
        return f"{self.type}:{self.code} {self.label}"


class ParameterValue(models.Model):
    """An admin's value for a runtime parameter declared in `catalogue.PARAMETERS`. A
    parameter with no row has its declared default."""

    key = models.CharField(max_length=64, unique=True)
    value = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
