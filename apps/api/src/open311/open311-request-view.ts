import { type ReferenceData } from '@hotline/domain';
import { type OrderState } from '@hotline/workflows';
import { handlingNotice } from './open311-services';
import { isoWithZone } from './open311-time';
import { addressIdOf, placeName } from './open311-place';
import { MEDIA_LINE } from './open311-submission';

/**
 * One order as GeoReport v2 shows a service request. Built from the workflow's state or from
 * the read model, whichever the API has; never with the caller's name, phone or e-mail.
 */
export interface OrderSnapshot {
  orderId: string;
  status: string;
  closure: string | null;
  filterReason: string | null;
  mergedIntoOrderId: string | null;
  matterTypeCode: string | null;
  leadUnitId: string | null;
  content: string | null;
  address: string | null;
  streetId: string | null;
  communityId: string | null;
  gridId: string | null;
  receivedAt: Date | string;
  updatedAt: Date | string;
  handleBy: Date | string | null;
  /**
   * Submitted through Open311: its text and address were written to be public. Orders from
   * other channels (a call) show the matter and the community, not what the caller said.
   */
  viaOpen311: boolean;
}

/** The spec's fields, in the spec's order. */
export type Open311Request = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string | null;
  service_code: string | null;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
};

const COORDINATES = /(?:（)?坐标 (-?\d{1,3}\.\d{6}), (-?\d{1,3}\.\d{6})(?:）)?$/;

export function toOpen311Request(o: OrderSnapshot, ref: ReferenceData): Open311Request {
  const matter = o.matterTypeCode ? ref.index.matterTypes.get(o.matterTypeCode) : undefined;
  const unit = o.leadUnitId ? (ref.index.units.get(o.leadUnitId)?.name ?? o.leadUnitId) : null;
  const { description, mediaUrl } = splitMedia(o.viaOpen311 ? o.content : null);
  const location = publicLocation(o, ref);
  const closed = o.status === 'closed';
  return {
    service_request_id: o.orderId,
    status: closed ? 'closed' : 'open',
    status_notes: statusNotes(o, unit),
    service_name: matter?.name ?? null,
    service_code: o.matterTypeCode,
    description,
    agency_responsible: unit,
    service_notice: closed ? null : handlingNotice(matter, ref),
    requested_datetime: isoWithZone(o.receivedAt),
    updated_datetime: isoWithZone(o.updatedAt),
    expected_datetime: o.handleBy && !closed ? isoWithZone(o.handleBy) : null,
    address: location.address,
    address_id: addressIdOf(o),
    zipcode: null,
    lat: location.lat,
    long: location.long,
    media_url: mediaUrl,
  };
}

/** From the workflow's `orderState` query: the text and the filter's reason are on the timeline. */
export function snapshotOfState(state: OrderState, viaOpen311: boolean): OrderSnapshot {
  const detail = (type: string) => state.timeline.find((t) => t.type === type)?.detail ?? {};
  const received = detail('OrderReceived');
  const filtered = detail('OrderFiltered');
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    orderId: state.orderId,
    status: state.status,
    closure: state.closure ?? null,
    filterReason: str(filtered.reason),
    mergedIntoOrderId: str(filtered.mergedIntoOrderId),
    matterTypeCode: state.matterTypeCode ?? null,
    leadUnitId: state.leadUnitId ?? null,
    content: str(received.content),
    address: state.location.address,
    streetId: state.location.streetId ?? null,
    communityId: state.location.communityId ?? null,
    gridId: state.location.gridId ?? null,
    receivedAt: state.receivedAt,
    updatedAt: state.timeline.at(-1)?.at ?? state.receivedAt,
    handleBy: state.deadlines.handleBy ?? null,
    viaOpen311,
  };
}

const REJECTION_WORDS: Readonly<Record<string, string>> = {
  outside_public_duty: '不属于政府公共服务范围，请通过相应渠道解决',
  in_legal_process: '已进入诉讼、仲裁或信访程序',
  unlawful_demand: '诉求不符合法律政策规定',
  abusive: '属于恶意、骚扰或不实反映',
  insufficient_information: '信息不足，无法办理',
};

const CLOSURE_WORDS: Readonly<Record<string, string>> = {
  completed: '已办结，回访已完成',
  answered_directly: '已直接答复，办结',
  terminated: '经审核终止办理',
};

/** Where the request stands, in words a citizen reads ("已派单至…，等待签收"). */
export function statusNotes(o: OrderSnapshot, unit: string | null): string {
  const by = unit ?? '承办单位';
  switch (o.status) {
    case 'received':
      return '已受理，正在分拨';
    case 'awaiting_dispatch':
      return '已受理，等待指挥中心人工派单';
    case 'dispatched':
      return `已派单至${by}，等待签收`;
    case 'in_arbitration':
      return '派单存在争议，指挥中心正在裁定承办单位';
    case 'acknowledged':
      return `${by}已签收，正在办理`;
    case 'responded':
      return `${by}已与诉求人联系，正在办理`;
    case 'in_progress':
      return `${by}正在办理`;
    case 'resolved':
      return `${by}已反馈办理结果，等待回访`;
    case 'closed':
      if (o.closure === 'rejected')
        return `不予受理：${REJECTION_WORDS[o.filterReason ?? ''] ?? '不在受理范围'}`;
      if (o.closure === 'merged')
        return o.mergedIntoOrderId
          ? `与工单${o.mergedIntoOrderId}反映的是同一问题，已并单办理`
          : '已并单办理';
      return CLOSURE_WORDS[o.closure ?? ''] ?? '已办结';
    default:
      return '已受理';
  }
}

function splitMedia(content: string | null): {
  description: string | null;
  mediaUrl: string | null;
} {
  if (!content) return { description: null, mediaUrl: null };
  const lines = content.split('\n');
  const media = lines.findIndex((l) => l.startsWith(MEDIA_LINE));
  if (media < 0) return { description: content, mediaUrl: null };
  return {
    description: lines.filter((_, i) => i !== media).join('\n'),
    mediaUrl: lines[media]!.slice(MEDIA_LINE.length),
  };
}

/** Open311 orders: the address as sent, coordinates apart; others: the community's name only. */
function publicLocation(o: OrderSnapshot, ref: ReferenceData) {
  const coarse = placeName(
    {
      ...(o.streetId ? { streetId: o.streetId } : {}),
      ...(o.communityId ? { communityId: o.communityId } : {}),
      ...(o.gridId ? { gridId: o.gridId } : {}),
    },
    ref,
  );
  if (!o.viaOpen311 || !o.address) return { address: coarse || null, lat: null, long: null };
  const m = COORDINATES.exec(o.address);
  if (!m) return { address: o.address, lat: null, long: null };
  const address = o.address.slice(0, m.index).trim();
  return { address: address || coarse || null, lat: Number(m[1]), long: Number(m[2]) };
}
