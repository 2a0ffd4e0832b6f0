import type { EventEnvelope } from './envelope';
import { ORDER_EVENT_SCHEMAS, type OrderEventPayloads, type OrderEventType } from './order-events';
import {
  WHISTLE_EVENT_SCHEMAS,
  type WhistleEventPayloads,
  type WhistleEventType,
} from './whistle-events';

/**
 * The events as typed unions discriminated on `type`: `switch (event.type)` narrows the payload,
 * and a switch that ends in `unreachable(event)` stops compiling when a new event type is added
 * and not handled. The wire format is the same EventEnvelope; these are its types only.
 */
export type OrderEvent = {
  [K in OrderEventType]: { type: K; payload: OrderEventPayloads[K] };
}[OrderEventType];

export type WhistleEvent = {
  [K in WhistleEventType]: { type: K; payload: WhistleEventPayloads[K] };
}[WhistleEventType];

/** An envelope whose `type` and `payload` are one of the union's members. */
export type EnvelopeOf<E extends { type: string; payload: object }> = E extends unknown
  ? Omit<EventEnvelope, 'type' | 'payload'> & E
  : never;

export type OrderEventEnvelope = EnvelopeOf<OrderEvent>;
export type WhistleEventEnvelope = EnvelopeOf<WhistleEvent>;

/**
 * A validated envelope (see `validateEvent`) as an order event, or null for a type this version
 * does not know (a newer producer). The payload was checked against its schema on the way in.
 */
export function asOrderEvent(event: EventEnvelope): OrderEventEnvelope | null {
  return Object.hasOwn(ORDER_EVENT_SCHEMAS, event.type)
    ? (event as unknown as OrderEventEnvelope)
    : null;
}

/** The same for whistle events. */
export function asWhistleEvent(event: EventEnvelope): WhistleEventEnvelope | null {
  return Object.hasOwn(WHISTLE_EVENT_SCHEMAS, event.type)
    ? (event as unknown as WhistleEventEnvelope)
    : null;
}

/** Ends an exhaustive switch: compiling fails when a case is missing. */
export function unreachable(value: never): never {
  throw new Error(`unhandled event: ${JSON.stringify(value)}`);
}
