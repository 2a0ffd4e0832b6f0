import {
  type DeputyStations,
  findDeputy,
  redactPersonalData,
  type ReferenceData,
  shanghaiDate,
} from '@hotline/domain';
import {
  DeputyItemEntity,
  DeputyResidentContactEntity,
  DeputyStationRecordEntity,
} from '@hotline/persistence';
import type { DeputyActor, DeputyItemState, DeputyItemWorkflowInput } from '@hotline/workflows';
import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { WorkflowNotFoundError } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { type Principal } from '../auth/principal';
import { WorkflowGateway } from '../common/workflow-gateway';
import { refusalOf, refusalToHttp } from '../common/workflow-refusal';
import { type Settings } from '../infrastructure/settings';
import { SubmitOrder } from '../orders/use-cases/submit-order/submit-order.use-case';
import { maskPhone, type PersonalDataCipher } from '../personal-data/personal-data.cipher';
import { DATA_SOURCE, PERSONAL_DATA, REFERENCE_DATA } from '../tokens';
import {
  DEPUTY_ITEM_ID,
  type DeputyHandOverRequest,
  type DeputyItemRequest,
} from './deputy-requests';

export const DEPUTY_STATIONS = Symbol('DEPUTY_STATIONS');

const residentField = (itemId: string, field: 'name' | 'phone') =>
  `deputy_resident_contact:${itemId}:${field}`;

/**
 * The deputies' channel (家站点) through the API: a deputy records a resident's opinion or
 * suggestion and hands it over (as a 12345 order through the hotline's own intake, or as a
 * proposal to a unit); the unit answers; the deputy rates and reports back. Deputies see their
 * station's items, units the items handed to them, the centre all. The workflow holds the rules.
 */
@Injectable()
export class DeputiesService {
  private readonly taskQueue: string;

  constructor(
    private readonly workflows: WorkflowGateway,
    private readonly submitOrder: SubmitOrder,
    config: ConfigService<Settings, true>,
    @Inject(REFERENCE_DATA) private readonly ref: ReferenceData,
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(PERSONAL_DATA) private readonly personalData: PersonalDataCipher,
    @Inject(DEPUTY_STATIONS) private readonly stations: DeputyStations,
  ) {
    this.taskQueue = config.get('api', { infer: true }).temporal.taskQueue;
  }

  async record(p: Principal, body: DeputyItemRequest) {
    const station = this.stationOf(p);
    let communityId = station.communityId;
    let streetId = station.streetId;
    if (body.communityId) {
      const community = this.ref.index.communities.get(body.communityId);
      if (!community) throw new BadRequestException(`没有编号为 ${body.communityId} 的社区（村）`);
      communityId = community.id;
      streetId = community.streetId;
    }
    if (body.matterTypeCode && !this.ref.index.matterTypes.has(body.matterTypeCode))
      throw new BadRequestException(`职责清单中没有事项 ${body.matterTypeCode}`);
    const itemId = `DB-${shanghaiDate(new Date()).replaceAll('-', '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
    const phone = body.resident?.phone;
    const name = body.resident?.name;
    const input: DeputyItemWorkflowInput = {
      itemId,
      stationId: station.id,
      stationKind: station.kind,
      streetId,
      deputyId: p.deputyId!,
      kind: body.kind,
      content: redactPersonalData(body.content).text,
      location: {
        ...(body.address ? { address: redactPersonalData(body.address).text } : {}),
        streetId,
        ...(communityId ? { communityId } : {}),
      },
      ...(body.matterTypeCode ? { matterTypeCode: body.matterTypeCode } : {}),
      residentReachable: Boolean(phone),
      recordedBy: this.actor(p),
    };
    // The resident's contact first: the item never exists without it.
    await this.db.getRepository(DeputyResidentContactEntity).insert({
      itemId,
      nameEncrypted: name ? this.personalData.encrypt(name, residentField(itemId, 'name')) : null,
      phoneEncrypted: phone
        ? this.personalData.encrypt(phone, residentField(itemId, 'phone'))
        : null,
      phoneMasked: phone ? maskPhone(phone) : null,
    });
    await this.workflows.start('deputyItemWorkflow', {
      workflowId: itemId,
      taskQueue: this.taskQueue,
      args: [input],
    });
    return { itemId, stationId: station.id, status: 'recorded' };
  }

  /**
   * 转办: as an order, the hotline's own intake takes it (screening, numbering, the resident as
   * the caller, channel `deputy`) under a key of the item, so a retry finds the same order; then
   * the item records the hand-over. As a proposal, the workflow checks the unit and the due date.
   */
  async handOver(p: Principal, itemId: string, body: DeputyHandOverRequest) {
    const actor = this.actor(p);
    if (body.route === 'proposal')
      return this.act(p, itemId, 'handOver', {
        actor,
        route: 'proposal',
        unitId: body.unitId,
        ...(body.dueAt ? { dueAt: body.dueAt } : {}),
        note: body.note,
      });
    const state = await this.get(p, itemId);
    if (state.status !== 'recorded')
      throw refusalToHttp(
        {
          code: 'wrong_state',
          message: `代表意见建议 ${itemId} 已转办（${state.status}），不能再次转办`,
        },
        state.status,
      );
    const contact = await this.db.getRepository(DeputyResidentContactEntity).findOneBy({ itemId });
    if (!contact?.phoneEncrypted)
      throw new BadRequestException(
        '转为12345工单需要居民的联系电话：居民未留电话的意见建议请交办（route = proposal）',
      );
    const order = await this.submitOrder.execute(
      {
        idempotencyKey: `deputy-item:${itemId}`,
        channel: 'deputy',
        category: body.category,
        urgency: body.urgency,
        content: state.input.content,
        address: state.input.location.address ?? this.stationAddress(state.input.stationId),
        ...(state.input.location.streetId ? { streetId: state.input.location.streetId } : {}),
        ...(state.input.location.communityId
          ? { communityId: state.input.location.communityId }
          : {}),
        ...((body.matterTypeCode ?? state.input.matterTypeCode)
          ? { matterTypeCode: body.matterTypeCode ?? state.input.matterTypeCode }
          : {}),
        caller: {
          name: contact.nameEncrypted
            ? this.personalData.decrypt(contact.nameEncrypted, residentField(itemId, 'name'))
            : '居民（代表转办）',
          phone: this.personalData.decrypt(contact.phoneEncrypted, residentField(itemId, 'phone')),
        },
      },
      { deputyItemId: itemId },
    );
    const handed = await this.act(p, itemId, 'handOver', {
      actor,
      route: 'order',
      orderId: order.orderId,
      note: body.note,
    });
    return { ...handed, order: { orderId: order.orderId, created: order.created } };
  }

  answer(p: Principal, itemId: string, body: { outcome: string; summary: string }) {
    return this.act(p, itemId, 'answer', {
      actor: this.actor(p),
      outcome: body.outcome,
      summary: redactPersonalData(body.summary).text,
    });
  }

  rate(p: Principal, itemId: string, body: { rating: string; comment: string }) {
    return this.act(p, itemId, 'rate', { actor: this.actor(p), ...body });
  }

  reportBack(p: Principal, itemId: string, body: { resident: string; note: string }) {
    return this.act(p, itemId, 'reportBack', {
      actor: this.actor(p),
      resident: body.resident,
      note: redactPersonalData(body.note).text,
    });
  }

  /** The item as its workflow holds it, for those who may see it (others: 404, as if absent). */
  async get(p: Principal, itemId: string): Promise<DeputyItemState & { residentPhone?: string }> {
    this.checkId(itemId);
    const state = await this.workflows
      .query<DeputyItemState>(itemId, 'deputyItemState')
      .catch((err: unknown) => {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      });
    if (!state || !this.maySee(p, state.input.stationId, state.unitId))
      throw new NotFoundException(`没有编号为 ${itemId} 的代表意见建议`);
    if (p.role !== 'deputy') return state;
    const contact = await this.db.getRepository(DeputyResidentContactEntity).findOneBy({ itemId });
    return { ...state, ...(contact?.phoneMasked ? { residentPhone: contact.phoneMasked } : {}) };
  }

  async items(p: Principal, q: { stationId?: string; status?: string; limit: number }) {
    const qb = this.db
      .getRepository(DeputyItemEntity)
      .createQueryBuilder('i')
      .orderBy('i.recorded_at', 'DESC')
      .limit(q.limit);
    if (p.role === 'deputy') qb.andWhere('i.station_id = :s', { s: this.stationOf(p).id });
    else if (q.stationId) qb.andWhere('i.station_id = :s', { s: q.stationId });
    if (p.role === 'unit') qb.andWhere('i.unit_id = :u', { u: p.unitId });
    if (q.status) qb.andWhere('i.status = :st', { st: q.status });
    return { items: await qb.getMany() };
  }

  /** The stations (家站点) with their deputies and record: a deputy sees their own station's. */
  async stationRecords(p: Principal) {
    const records = await this.db.getRepository(DeputyStationRecordEntity).find();
    const byStation = new Map(records.map((r) => [r.stationId, r]));
    const stations =
      p.role === 'deputy'
        ? this.stations.stations.filter((s) => s.id === this.stationOf(p).id)
        : this.stations.stations;
    return {
      version: this.stations.version,
      stations: stations.map((s) => {
        const r = byStation.get(s.id);
        return {
          ...s,
          record: {
            received: r?.received ?? 0,
            handedOver: r?.handedOver ?? 0,
            asOrders: r?.asOrders ?? 0,
            asProposals: r?.asProposals ?? 0,
            answered: r?.answered ?? 0,
            answeredOnTime: r?.answeredOnTime ?? 0,
            rated: r?.rated ?? 0,
            satisfied: r?.satisfied ?? 0,
            basicallySatisfied: r?.basicallySatisfied ?? 0,
            dissatisfied: r?.dissatisfied ?? 0,
            ratingLapsed: r?.ratingLapsed ?? 0,
            reportedBack: r?.reportedBack ?? 0,
            reportedOnTime: r?.reportedOnTime ?? 0,
            overdue: r?.overdue ?? 0,
          },
        };
      }),
    };
  }

  private async act(p: Principal, itemId: string, action: string, command: object) {
    // An item a deputy or a unit may not see is, to them, not there (404, as for reading it).
    if (p.role === 'deputy' || p.role === 'unit') await this.get(p, itemId);
    else this.checkId(itemId);
    try {
      return await this.workflows.act<DeputyItemState>(itemId, action, command, 'deputyItemState');
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        throw new NotFoundException(`没有编号为 ${itemId} 的代表意见建议`);
      const refusal = refusalOf(err, 'DeputyActionRefused');
      if (!refusal) throw err;
      const status = await this.workflows
        .query<DeputyItemState>(itemId, 'deputyItemState')
        .then((s) => s.status)
        .catch(() => undefined);
      throw refusalToHttp(refusal, status);
    }
  }

  private maySee(p: Principal, stationId: string, unitId: string | undefined): boolean {
    if (p.role === 'deputy') return this.stationOf(p).id === stationId;
    if (p.role === 'unit') return unitId !== undefined && unitId === p.unitId;
    return p.role === 'supervisor' || p.role === 'auditor';
  }

  /** The deputy's station, as the token says and the stations file confirms. */
  private stationOf(p: Principal) {
    const found = p.deputyId ? findDeputy(this.stations, p.deputyId) : undefined;
    if (!found || found.station.id !== p.stationId)
      throw new ForbiddenException(
        `代表 ${p.deputyId ?? p.userId} 不在站点 ${p.stationId ?? '-'} 的进站代表名单中`,
      );
    return found.station;
  }

  private stationAddress(stationId: string): string {
    return this.stations.stations.find((s) => s.id === stationId)?.address ?? stationId;
  }

  private checkId(itemId: string) {
    if (!DEPUTY_ITEM_ID.test(itemId))
      throw new BadRequestException(`"${itemId}" 不是代表意见建议编号（如 DB-20261128-1A2B3C）`);
  }

  private actor(p: Principal): DeputyActor {
    if (p.role === 'deputy') {
      const station = this.stationOf(p);
      return { kind: 'deputy', deputyId: p.deputyId!, stationId: station.id, userId: p.userId };
    }
    if (p.role === 'unit') return { kind: 'unit', unitId: p.unitId!, userId: p.userId };
    return { kind: 'supervisor', userId: p.userId };
  }
}
