import {
  type AdmissionApplication,
  type AdmissionList,
  redactPersonalData,
  type ReferenceData,
  shanghaiDate,
} from '@hotline/domain';
import { AdmissionApplicationEntity, AdmissionListEntryEntity } from '@hotline/persistence';
import type { AdmissionActor, AdmissionState, AdmissionWorkflowInput } from '@hotline/workflows';
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
import { DATA_SOURCE, REFERENCE_DATA } from '../tokens';
import {
  type AdmissionApplicationRequest,
  APPLICATION_ID,
  type AdmissionReviewRequest,
} from './admission-requests';

export const ADMISSION_LIST = Symbol('ADMISSION_LIST');

/**
 * Duty admission (准入) through the API: a department applies, resubmits or withdraws; the
 * district's office (a supervisor) reviews; everyone reads the list as it stands. The workflow
 * holds the rules; this service starts it, forwards actions and reads the read models.
 */
@Injectable()
export class AdmissionsService {
  private readonly taskQueue: string;

  constructor(
    private readonly workflows: WorkflowGateway,
    config: ConfigService<Settings, true>,
    @Inject(REFERENCE_DATA) private readonly ref: ReferenceData,
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(ADMISSION_LIST) private readonly list: AdmissionList,
  ) {
    this.taskQueue = config.get('api', { infer: true }).temporal.taskQueue;
  }

  async apply(principal: Principal, body: AdmissionApplicationRequest) {
    const departmentId = principal.unitId!;
    if (this.ref.index.units.get(departmentId)?.kind !== 'department')
      throw new ForbiddenException(`只有区级部门可以申请准入；${departmentId} 不是部门`);
    const applicationId = `ZS-${shanghaiDate(new Date()).replaceAll('-', '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
    const input: AdmissionWorkflowInput = {
      applicationId,
      application: this.application(departmentId, body),
      appliedBy: this.actor(principal),
    };
    await this.workflows.start('admissionWorkflow', {
      workflowId: applicationId,
      taskQueue: this.taskQueue,
      args: [input],
    });
    return { applicationId, status: 'under_review' };
  }

  review(principal: Principal, applicationId: string, body: AdmissionReviewRequest) {
    return this.act(applicationId, 'review', { ...body, actor: this.actor(principal) });
  }

  resubmit(principal: Principal, applicationId: string, body: AdmissionApplicationRequest) {
    return this.act(applicationId, 'resubmit', {
      actor: this.actor(principal),
      application: this.application(principal.unitId!, body),
    });
  }

  withdraw(principal: Principal, applicationId: string, note: string) {
    return this.act(applicationId, 'withdraw', { actor: this.actor(principal), note });
  }

  async get(principal: Principal, applicationId: string): Promise<AdmissionState> {
    this.checkId(applicationId);
    const state = await this.workflows
      .query<AdmissionState>(applicationId, 'admissionState')
      .catch((err: unknown) => {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      });
    if (!state) throw new NotFoundException(`没有编号为 ${applicationId} 的准入申请`);
    if (principal.role === 'unit' && state.application.departmentId !== principal.unitId)
      throw new NotFoundException(`没有编号为 ${applicationId} 的准入申请`);
    return state;
  }

  async applications(
    principal: Principal,
    q: { departmentId?: string; status?: string; limit: number },
  ) {
    const department = principal.role === 'unit' ? principal.unitId : q.departmentId;
    const qb = this.db
      .getRepository(AdmissionApplicationEntity)
      .createQueryBuilder('a')
      .orderBy('a.applied_at', 'DESC')
      .limit(q.limit);
    if (department) qb.andWhere('a.department_id = :d', { d: department });
    if (q.status) qb.andWhere('a.status = :s', { s: q.status });
    return { items: await qb.getMany() };
  }

  /**
   * The list as it stands: the published entries, then every task admitted through the
   * procedure in the order of admission. Version N+k is the published list after k admissions.
   */
  async currentList(q: { level?: string; departmentId?: string }) {
    const admitted = await this.db
      .getRepository(AdmissionListEntryEntity)
      .createQueryBuilder('e')
      .orderBy('e.admitted_at', 'ASC')
      .addOrderBy('e.entry_code', 'ASC')
      .getMany();
    const entries = [
      ...this.list.entries.map((e) => ({ ...e, source: 'published' as const, listVersion: 0 })),
      ...admitted.map((e, i) => ({
        code: e.entryCode,
        name: e.taskName,
        level: e.level,
        list: e.list,
        departmentId: e.departmentId,
        legalBasis: e.legalBasis,
        frequency: e.frequency,
        admittedOn: e.admittedOn,
        source: 'admitted' as const,
        listVersion: i + 1,
        applicationId: e.applicationId,
      })),
    ];
    return {
      publishedVersion: this.list.version,
      version: `${this.list.version}+${admitted.length}`,
      entries: entries.filter(
        (e) =>
          (!q.level || e.level === q.level) &&
          (!q.departmentId || e.departmentId === q.departmentId),
      ),
    };
  }

  private async act(applicationId: string, action: string, command: object) {
    this.checkId(applicationId);
    try {
      return await this.workflows.act<AdmissionState>(
        applicationId,
        action,
        command,
        'admissionState',
      );
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        throw new NotFoundException(`没有编号为 ${applicationId} 的准入申请`);
      const refusal = refusalOf(err, 'AdmissionActionRefused');
      if (!refusal) throw err;
      const status = await this.workflows
        .query<AdmissionState>(applicationId, 'admissionState')
        .then((s) => s.status)
        .catch(() => undefined);
      throw refusalToHttp(refusal, status);
    }
  }

  private checkId(applicationId: string) {
    if (!APPLICATION_ID.test(applicationId))
      throw new BadRequestException(`"${applicationId}" 不是准入申请编号（如 ZS-20261128-1A2B3C）`);
  }

  private application(
    departmentId: string,
    body: AdmissionApplicationRequest,
  ): AdmissionApplication {
    const clean = (s: string) => redactPersonalData(s).text;
    return {
      departmentId,
      taskName: clean(body.taskName),
      description: clean(body.description),
      level: body.level,
      list: body.list,
      legalBasis: body.legalBasis,
      frequency: body.frequency,
      resources: clean(body.resources),
      funding: clean(body.funding),
      ...(body.matchesEntryCode ? { matchesEntryCode: body.matchesEntryCode } : {}),
    };
  }

  private actor(p: Principal): AdmissionActor {
    return p.role === 'unit'
      ? { kind: 'unit', unitId: p.unitId!, userId: p.userId }
      : { kind: 'supervisor', userId: p.userId };
  }
}
