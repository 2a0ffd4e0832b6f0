import type { ProactiveTaskSource, ProactiveTaskScope, ReferenceData } from '@hotline/domain';
import { redactPersonalData, shanghaiDate } from '@hotline/domain';
import { HotspotEntity, ProactiveTaskEntity } from '@hotline/persistence';
import type {
  ProactiveTaskActor,
  ProactiveTaskState,
  ProactiveTaskWorkflowInput,
} from '@hotline/workflows';
import {
  BadRequestException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { WorkflowNotFoundError } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { type Principal } from '../auth/principal';
import { WorkflowGateway } from '../common/workflow-gateway';
import { refusalOf, refusalToHttp } from '../common/workflow-refusal';
import { type Settings } from '../infrastructure/settings';
import { DATA_SOURCE, REFERENCE_DATA } from '../tokens';
import { MonthlyTopicsService } from '../views/monthly-topics/monthly-topics.service';
import { type StartProactiveTaskRequest, TASK_ID } from './proactive-task-requests';

const notFound = (id: string) => new NotFoundException(`没有编号为 ${id} 的主动治理任务`);

/**
 * Proactive tasks (未诉先办, 每月一题) through the API: the centre starts one from a hotspot or an
 * accepted monthly topic and verifies it; the owning street or department plans, reports progress
 * and completion. The workflow holds the rules; this service resolves the source, starts it,
 * forwards actions and reads the read model. A unit sees only the tasks it owns.
 */
@Injectable()
export class ProactiveTasksService {
  private readonly taskQueue: string;
  private readonly topics: MonthlyTopicsService;

  constructor(
    private readonly workflows: WorkflowGateway,
    config: ConfigService<Settings, true>,
    @Inject(REFERENCE_DATA) private readonly ref: ReferenceData,
    @Inject(DATA_SOURCE) private readonly db: DataSource,
  ) {
    this.taskQueue = config.get('api', { infer: true }).temporal.taskQueue;
    this.topics = new MonthlyTopicsService(db, ref);
  }

  async start(principal: Principal, body: StartProactiveTaskRequest) {
    const { source, scope, owner, title } = await this.resolveSource(body);
    if (Date.parse(body.dueBy) <= Date.now()) throw new BadRequestException('完成期限须晚于现在');
    const unit = this.ref.index.units.get(owner);
    if (!unit) throw new BadRequestException(`没有承办单位 ${owner}`);
    if (unit.kind === 'enterprise')
      throw new BadRequestException(`主动治理任务由街道（乡镇）或部门承办，${unit.name} 是企业`);
    const taskId = `ZD-${shanghaiDate(new Date()).replaceAll('-', '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
    const input: ProactiveTaskWorkflowInput = {
      taskId,
      source,
      scope,
      title: redactPersonalData(body.title ?? title).text,
      description: redactPersonalData(body.description).text,
      ownerUnitId: owner,
      ...(body.admissionEntryCode ? { admissionEntryCode: body.admissionEntryCode } : {}),
      startedBy: { kind: 'supervisor', userId: principal.userId },
      dueBy: new Date(body.dueBy).toISOString(),
    };
    await this.workflows.start('proactiveTaskWorkflow', {
      workflowId: taskId,
      taskQueue: this.taskQueue,
      args: [input],
    });
    return { taskId, status: 'planning', ownerUnitId: owner, scope };
  }

  act(principal: Principal, taskId: string, action: string, body: object) {
    return this.forward(taskId, action, { ...body, actor: this.actor(principal) });
  }

  async get(principal: Principal, taskId: string): Promise<ProactiveTaskState> {
    this.checkId(taskId);
    const state = await this.workflows
      .query<ProactiveTaskState>(taskId, 'proactiveTaskState')
      .catch((err: unknown) => {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      });
    if (!state || (principal.role === 'unit' && state.ownerUnitId !== principal.unitId))
      throw notFound(taskId);
    return state;
  }

  async list(principal: Principal, q: { owner?: string; status?: string; limit: number }) {
    const owner = principal.role === 'unit' ? principal.unitId : q.owner;
    const qb = this.db
      .getRepository(ProactiveTaskEntity)
      .createQueryBuilder('t')
      .orderBy('t.started_at', 'DESC')
      .addOrderBy('t.task_id', 'DESC')
      .limit(q.limit);
    if (owner) qb.andWhere('t.owner_unit_id = :owner', { owner });
    if (q.status) qb.andWhere('t.status = :status', { status: q.status });
    return { items: await qb.getMany() };
  }

  /** The hotspot as the read model holds it, or the topic among the month's candidates. */
  private async resolveSource(body: StartProactiveTaskRequest): Promise<{
    source: ProactiveTaskSource;
    scope: ProactiveTaskScope;
    owner: string;
    title: string;
  }> {
    const matterName = (code: string) => this.ref.index.matterTypes.get(code)?.name ?? code;
    if (body.source.kind === 'hotspot') {
      const hotspot = await this.db
        .getRepository(HotspotEntity)
        .findOneBy({ hotspotId: body.source.hotspotId });
      if (!hotspot) throw new NotFoundException(`没有热点 ${body.source.hotspotId}`);
      const owner = body.ownerUnitId ?? hotspot.streetId;
      if (!owner) throw new BadRequestException('该热点没有所属街道，请指定承办单位');
      const community = this.communityName(hotspot.communityId);
      return {
        source: { kind: 'hotspot', hotspotId: hotspot.hotspotId, orderIds: hotspot.orderIds },
        scope: {
          matterTypeCode: hotspot.matterTypeCode,
          ...(hotspot.streetId ? { streetId: hotspot.streetId } : {}),
          communityId: hotspot.communityId,
        },
        owner,
        title: `${community}${matterName(hotspot.matterTypeCode)}集中整治`,
      };
    }
    const { month, matterTypeCode, streetId } = body.source;
    if (!body.ownerUnitId)
      throw new BadRequestException('每月一题须指定承办单位（牵头部门或街道）');
    const proposal = await this.topics.propose(month, streetId, 10);
    if (!proposal.candidates.some((c) => c.matterTypeCode === matterTypeCode))
      throw new UnprocessableEntityException(
        `事项 ${matterTypeCode} 不在 ${month} 的每月一题候选中（候选：${
          proposal.candidates.map((c) => c.matterTypeCode).join('、') || '无'
        }）`,
      );
    return {
      source: { kind: 'monthly_topic', month, orderIds: [] },
      scope: { matterTypeCode, ...(streetId ? { streetId } : {}) },
      owner: body.ownerUnitId,
      title: `每月一题（${month}）：${matterName(matterTypeCode)}`,
    };
  }

  private communityName(id: string): string {
    return this.ref.index.communities.get(id)?.name ?? id;
  }

  private async forward(taskId: string, action: string, command: object) {
    this.checkId(taskId);
    try {
      return await this.workflows.act<ProactiveTaskState>(
        taskId,
        action,
        command,
        'proactiveTaskState',
      );
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw notFound(taskId);
      const refusal = refusalOf(err, 'ProactiveTaskActionRefused');
      if (!refusal) throw err;
      const state = await this.workflows
        .query<ProactiveTaskState>(taskId, 'proactiveTaskState')
        .catch(() => undefined);
      throw refusalToHttp(refusal, state?.status);
    }
  }

  private checkId(taskId: string) {
    if (!TASK_ID.test(taskId))
      throw new BadRequestException(`"${taskId}" 不是主动治理任务编号（如 ZD-20261128-1A2B3C）`);
  }

  private actor(p: Principal): ProactiveTaskActor {
    return p.role === 'unit'
      ? { kind: 'unit', unitId: p.unitId!, userId: p.userId }
      : { kind: 'supervisor', userId: p.userId };
  }
}
