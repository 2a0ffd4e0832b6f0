import {
  callbackWindow,
  centreUnitId,
  checkPushDown,
  type CityRoutingContext,
  devolvedEnforcement,
  type CityRoutingDecision,
  escalationTarget,
  routeCityOrder,
  shanghaiDate,
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
  DispatchLevels,
  LevelsRequest,
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
  city: CityRoutingContext,
): OrderActivities {
  const calendar = WorkingCalendar.fromReference(ref);
  const levels = cityLevels(city);

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
      if (request.takenBy) return levels.route(request);
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

    async dispatchLevels(request: LevelsRequest): Promise<DispatchLevels> {
      return levels.ofLead(request);
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

/** Three-level routing, the levels of a chosen lead and the push-down check, as activities answer them. */
export function cityLevels(city: CityRoutingContext) {
  const { ref } = city;
  const dayOf = (receivedAt: string | undefined) =>
    shanghaiDate(receivedAt ? new Date(receivedAt) : new Date());

  const escalationOf = (unitId: string): DispatchLevels['escalation'] => {
    if (!ref.index.units.has(unitId)) return undefined;
    const e = escalationTarget(unitId, ref);
    return e ? { toUnitId: e.toUnitId, level: e.level, explanation: e.explanation } : undefined;
  };

  const pushDownOf = (
    matterTypeCode: string | undefined,
    fromUnitId: string,
    toUnitId: string,
    reason: string,
    day: string,
  ): DispatchLevels['pushDown'] => {
    if (!matterTypeCode || !ref.index.matterTypes.has(matterTypeCode)) return undefined;
    if (!ref.index.units.has(fromUnitId) || !ref.index.units.has(toUnitId)) return undefined;
    const check = checkPushDown({ matterTypeCode, fromUnitId, toUnitId, day, reason }, city);
    // Only a move down to a street is recorded; a sideways or upward one is not a push-down.
    if (check.code === 'not_downward') return undefined;
    return { fromUnitId, flagged: check.flagged, code: check.code, explanation: check.explanation };
  };

  return {
    route(request: RoutingRequest): RoutingResult {
      if (!request.matterTypeCode) {
        return { kind: 'manual', reason: '未确定事项类型，转热线中心人工派单' };
      }
      const taking = request.takenBy!;
      // A centre the data does not know (never thrown: an activity would retry it forever).
      if (taking.level === 'district' && !ref.index.districts.has(taking.districtId))
        return {
          kind: 'manual',
          reason: `受理中心所属区“${taking.districtId}”不存在，转热线中心人工派单`,
        };
      if (taking.level === 'city' && !ref.city)
        return { kind: 'manual', reason: '没有市级热线中心，转热线中心人工派单' };
      const day = dayOf(request.receivedAt);
      const decision: CityRoutingDecision = routeCityOrder(
        {
          matterTypeCode: request.matterTypeCode,
          streetId: request.location.streetId ?? null,
          communityId: request.location.communityId ?? null,
          gridId: request.location.gridId ?? null,
          takenBy: taking,
          day,
        },
        city,
        { returnedByUnitIds: request.excludedUnitIds, returnCount: request.returnCount },
      );
      switch (decision.kind) {
        case 'manual':
          return { kind: 'manual', reason: decision.reason };
        case 'arbitration':
          return {
            kind: 'arbitration',
            reason: decision.reason,
            arbiterUnitId: decision.arbiterUnitId,
            arbiterLevel: decision.arbiterLevel,
          };
        case 'dispatch': {
          const escalation = escalationOf(decision.leadUnitId);
          const pushDown = request.returnedBy
            ? pushDownOf(
                request.matterTypeCode,
                request.returnedBy.unitId,
                decision.leadUnitId,
                request.returnedBy.explanation,
                day,
              )
            : undefined;
          return {
            kind: 'dispatch',
            leadUnitId: decision.leadUnitId,
            assistingUnitIds: [...decision.assistingUnitIds],
            supervisingUnitIds: [...decision.supervisingUnitIds],
            rule: decision.rule,
            levels: {
              ...(decision.districtId ? { districtId: decision.districtId } : {}),
              leadLevel: decision.leadLevel,
              dispatchedByUnitId: decision.dispatchedByUnitId,
              ...(decision.enforcement ? { enforcement: { ...decision.enforcement } } : {}),
              ...(escalation ? { escalation } : {}),
              ...(pushDown ? { pushDown } : {}),
            },
          };
        }
      }
    },

    ofLead(request: LevelsRequest): DispatchLevels {
      const lead = ref.index.units.get(request.leadUnitId);
      // A street chosen by a person for a matter under a devolved power: its team enforces it.
      const street = ref.index.streets.get(request.leadUnitId);
      const enforcement =
        street && request.matterTypeCode && ref.index.matterTypes.has(request.matterTypeCode)
          ? devolvedEnforcement(city, request.matterTypeCode, street, dayOf(request.receivedAt))
          : null;
      const knownCentre =
        request.takenBy.level === 'district'
          ? ref.index.districts.has(request.takenBy.districtId)
          : ref.city !== null;
      const fromUnitId =
        request.fromUnitId ?? (knownCentre ? centreUnitId(request.takenBy, ref) : undefined);
      if (!fromUnitId)
        return {
          ...(lead ? { leadLevel: lead.level } : {}),
          ...(enforcement ? { enforcement: { ...enforcement } } : {}),
        };
      const escalation = escalationOf(request.leadUnitId);
      const pushDown = pushDownOf(
        request.matterTypeCode,
        fromUnitId,
        request.leadUnitId,
        request.reason,
        dayOf(request.receivedAt),
      );
      return {
        ...(lead?.districtId ? { districtId: lead.districtId } : {}),
        ...(lead ? { leadLevel: lead.level } : {}),
        dispatchedByUnitId: fromUnitId,
        ...(enforcement ? { enforcement: { ...enforcement } } : {}),
        ...(escalation ? { escalation } : {}),
        ...(pushDown ? { pushDown } : {}),
      };
    },
  };
}
