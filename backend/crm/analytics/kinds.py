"""Every kind of export, by its code."""

from crm.analytics.exports import LIST_EXPORTS
from crm.analytics.statistics_exports import REPORT_EXPORT, STATISTICS_EXPORTS

EXPORT_KINDS = {kind.code: kind for kind in [*LIST_EXPORTS, *STATISTICS_EXPORTS, REPORT_EXPORT]}
