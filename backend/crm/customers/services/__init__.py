"""Every write to customers (DESIGN.md rule 1), by what it is about: `mall` (what the
mall tells), `ownership` (客户归属), `profile`, `follow_ups`, `contacts`, `churn`."""
