{#-
    How Google Cloud charge periods and billing periods relate (DECISIONLOG D-203): the billing
    period is the invoice month, midnight to midnight US Pacific time, held as UTC instants
    (202512 = [2025-12-01 08:00, 2026-01-01 08:00) UTC); the charge period is the usage interval,
    UTC. Usage is never invoiced before it happens, so every charge period starts before its
    billing period ends; it may start before the billing period does (usage reported late, and
    corrections of an earlier month, which are ChargeClass Correction). Returns the GCP rows that
    break this, and adjustment rows dated before their billing period that are not Corrections.
-#}
select
    x_SourceLineItemId,
    x_SourceLineItemType,
    ChargeClass,
    ChargePeriodStart,
    BillingPeriodStart,
    BillingPeriodEnd

from {{ ref('focus_cost_and_usage') }}
where x_Provider = 'gcp'
    and (
        ChargePeriodStart >= BillingPeriodEnd
        or (
            x_SourceLineItemType = 'adjustment'
            and ChargePeriodStart < BillingPeriodStart
            and ChargeClass is distinct from 'Correction'
        )
    )
