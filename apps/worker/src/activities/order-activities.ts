import {
  callbackWindow,
  extendDeadline,
  type HandlingClass,
  orderDeadlines,
  type ReferenceData,
  routeOrder,
  WorkingCalendar,
} from '@hotline/domain';
import type {
  DeadlineRequest,
  DeadlineResult,
  OrderActivities,
  OrderPolicy,
  RoutingRequest,
  RoutingResult,
} from '@hotline/workflows';
import { type EventActivities } from '@hotline/workflows';

/** Only when true, so histories of ordinary orders stay as they were. */
const provisional = (d: { provisional: boolean }) => (d.provisional ? { provisional: true } : {});

/**
 * The lookups the order workflow makes, answered by the rules of libs/domain over the reference
 * data (duty list, territory, holiday table, policy). Pure and fast; activities so that the
 * answers are recorded in the workflow's history and a data change never breaks a replay.
 */
export function createOrderActivities(
  ref: ReferenceData,
  events: EventActivities,
): OrderActivities {
  const calendar = WorkingCalendar.fromReference(ref);

  const handlingClassOf = (matterTypeCode: string | undefined): HandlingClass =>
    (matterTypeCode && ref.index.matterTypes.get(matterTypeCode)?.handlingClass) || 'general';

  return {
    ...events,

    async orderPolicy(): Promise<OrderPolicy> {
      const p = ref.policy;
      return {
        maxReturns: p.returns.maxBeforeArbitration,
        maxExtensions: p.extension.maxCount,
        maxReworkRounds: p.callback.reworkLimit,
        maxCallbackAttempts: p.callback.maxAttempts,
        minReturnSupportingChars: p.returns.minSupportingChars,
        extensionLimitLookup: true,
        maxProgressNotes: p.notes.maxPerOrder,
        ...(p.history ? { historyEventsPerRun: p.history.eventsPerRun } : {}),
      };
    },

    async routeOrder(request: RoutingRequest): Promise<RoutingResult> {
      if (!request.matterTypeCode) {
        return { kind: 'manual', reason: '未确定事项类型，转热线中心人工派单' };
      }
      const decision = routeOrder(
        {
          matterTypeCode: request.matterTypeCode,
          streetId: request.location.streetId ?? null,
          communityId: request.location.communityId ?? null,
          gridId: request.location.gridId ?? null,
        },
        ref,
        { returnedByUnitIds: request.excludedUnitIds, returnCount: request.returnCount },
      );
      switch (decision.kind) {
        case 'dispatch':
          return {
            kind: 'dispatch',
            leadUnitId: decision.leadUnitId,
            assistingUnitIds: [...decision.assistingUnitIds],
            supervisingUnitIds: [...decision.supervisingUnitIds],
            rule: decision.rule,
          };
        case 'manual':
          return { kind: 'manual', reason: decision.reason };
        case 'arbitration':
          return { kind: 'arbitration', reason: decision.reason };
      }
    },

    async orderDeadlines(request: DeadlineRequest): Promise<DeadlineResult> {
      const from = new Date(request.from);
      const base = {
        reminderFractions: [...ref.policy.reminderFractions],
        maxExtensionFactor: ref.policy.extension.maxLengthFactor,
      };
      const input = {
        urgency: request.urgency,
        handlingClass: handlingClassOf(request.matterTypeCode),
      };
      switch (request.phase) {
        case 'manual_dispatch': {
          const d = orderDeadlines({ ...input, receivedAt: from }, calendar, ref.policy);
          return { ...base, ...provisional(d), dispatchBy: d.dispatch!.dispatchBy.toISOString() };
        }
        case 'dispatch': {
          const d = orderDeadlines({ ...input, dispatchedAt: from }, calendar, ref.policy);
          return {
            ...base,
            ...provisional(d),
            acknowledgeBy: d.acknowledgement!.acknowledgeBy.toISOString(),
            returnBy: d.acknowledgement!.returnBy.toISOString(),
          };
        }
        case 'acknowledge': {
          const d = orderDeadlines({ ...input, acknowledgedAt: from }, calendar, ref.policy);
          return {
            ...base,
            ...provisional(d),
            respondBy: d.handling!.responseBy.toISOString(),
            handleBy: d.handling!.handlingBy.toISOString(),
          };
        }
        case 'callback': {
          const w = callbackWindow(from, calendar);
          return { ...base, ...provisional(w), callbackDueAt: w.dueBy.toISOString() };
        }
        case 'extension': {
          // The longest extension (延期), run on from the limit in force (`from`) by the calendar.
          const latest = calendar.track((c) =>
            extendDeadline(
              { ...input, handlingBy: from, requestedAt: from, extensionsGranted: 0 },
              c,
              ref.policy,
            ),
          );
          return {
            ...base,
            ...(latest.provisional ? { provisional: true } : {}),
            latestHandleBy: latest.value.toISOString(),
          };
        }
      }
    },
  };
}
