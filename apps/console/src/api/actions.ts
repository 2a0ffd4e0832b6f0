import type { paths } from '../generated/api-schema';
import { api, call } from './client';
import type { OrderDetail, OrderState, WhistleState } from './models';

type Body<P extends keyof paths> = paths[P] extends {
  post: { requestBody?: { content: { 'application/json': infer B } } };
}
  ? B
  : never;

/** The order actions, by route; each body type comes from the generated schema. */
export type OrderActionPath = Extract<keyof paths, `/orders/{orderId}/${string}`>;
export type OrderActionBody<P extends OrderActionPath> = Body<P>;

type Post = (
  path: string,
  init: { params: { path: Record<string, string> }; body: unknown },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** An action on an order: the answer is the order's new state, or an ApiError with the reason. */
export async function orderAction<P extends OrderActionPath>(
  path: P,
  orderId: string,
  body: OrderActionBody<P>,
): Promise<OrderState> {
  return (await call(
    (api.POST as unknown as Post)(path, { params: { path: { orderId } }, body }),
  )) as OrderState;
}

export async function getOrder(orderId: string): Promise<OrderDetail> {
  return (await call(
    api.GET('/orders/{orderId}', { params: { path: { orderId } } }),
  )) as unknown as OrderDetail;
}

export type WhistleAction =
  | 'report'
  | 'commit'
  | 'progress'
  | 'complete'
  | 'precision-rating'
  | 'verify'
  | 'close'
  | 'escalate'
  | 'department-rating'
  | 'public-rating';

/** The generated schema's `action` parameter: a renamed action breaks the typecheck here. */
type GeneratedWhistleAction =
  paths['/whistles/{whistleId}/{action}']['post']['parameters']['path']['action'];
const _sameActions: [WhistleAction] extends [GeneratedWhistleAction] ? true : false = true;
void _sameActions;

export async function whistleAction(
  whistleId: string,
  action: WhistleAction,
  body: Record<string, unknown>,
) {
  return (await call(
    api.POST('/whistles/{whistleId}/{action}', {
      params: { path: { whistleId, action } },
      body: body as never,
    }),
  )) as unknown as WhistleState;
}

export async function getWhistle(whistleId: string): Promise<WhistleState> {
  return (await call(
    api.GET('/whistles/{whistleId}', { params: { path: { whistleId } } }),
  )) as unknown as WhistleState;
}
