import { type AdmissionList, type ReferenceData } from '@hotline/domain';
import { AdmissionListEntryEntity, OffListWorkEntity } from '@hotline/persistence';
import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { type Principal } from '../auth/principal';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { DATA_SOURCE, REFERENCE_DATA } from '../tokens';
import { type DataSource } from 'typeorm';
import { ADMISSION_LIST } from '../admissions/admissions.service';

const offListQuery = z.object({
  from: z.iso.date().optional().describe('检出日期起（含）'),
  to: z.iso.date().optional().describe('检出日期止（不含）'),
});
const beijing = (day: string) => new Date(`${day}T00:00:00+08:00`);

/**
 * Off-list work (清单外事项, 准入) per unit: what streets were made to do outside their lists, as
 * detected at dispatch, beside the size of the list they work under — the inspectors' "195 vs 46".
 * A unit sees only its own row.
 */
@ApiTags('admissions')
@ApiBearerAuth()
@Controller('views/off-list-work')
export class OffListWorkController {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(REFERENCE_DATA) private readonly ref: ReferenceData,
    @Inject(ADMISSION_LIST) private readonly list: AdmissionList,
  ) {}

  @Get()
  @Roles('unit', 'supervisor', 'auditor')
  @ApiOperation({
    summary:
      'Per street: off-list work detected (orders, whistles, proactive tasks) against the entries on its admission list',
  })
  async perUnit(
    @CurrentPrincipal() p: Principal,
    @Query(new ZodValidationPipe(offListQuery)) q: z.infer<typeof offListQuery>,
  ) {
    const qb = this.db
      .getRepository(OffListWorkEntity)
      .createQueryBuilder('w')
      .select('w.unit_id', 'unitId')
      .addSelect('count(*)::int', 'offList')
      .addSelect(`count(*) FILTER (WHERE w.work_kind = 'order')::int`, 'orders')
      .addSelect(`count(*) FILTER (WHERE w.work_kind = 'whistle')::int`, 'whistles')
      .addSelect(`count(*) FILTER (WHERE w.work_kind = 'proactive_task')::int`, 'proactiveTasks')
      .addSelect('count(DISTINCT w.matter_type_code)::int', 'matterTypes')
      .groupBy('w.unit_id')
      .orderBy('"offList"', 'DESC')
      .addOrderBy('w.unit_id', 'ASC');
    if (p.role === 'unit') qb.andWhere('w.unit_id = :unit', { unit: p.unitId });
    if (q.from) qb.andWhere('w.detected_at >= :from', { from: beijing(q.from) });
    if (q.to) qb.andWhere('w.detected_at < :to', { to: beijing(q.to) });
    const rows = await qb.getRawMany<{
      unitId: string;
      offList: number;
      orders: number;
      whistles: number;
      proactiveTasks: number;
      matterTypes: number;
    }>();
    const listed = await this.listSize();
    return {
      listVersion: this.list.version,
      items: rows.map((r) => ({
        ...r,
        unitName: this.ref.index.units.get(r.unitId)?.name ?? r.unitId,
        listedStreetTasks: listed.street,
        listedCommunityTasks: listed.community,
      })),
    };
  }

  @Get(':unitId')
  @Roles('unit', 'supervisor', 'auditor')
  @ApiOperation({ summary: 'One unit’s off-list work, newest first, with the reason for each' })
  async ofUnit(@CurrentPrincipal() p: Principal, @Param('unitId') unitId: string) {
    if (p.role === 'unit' && p.unitId !== unitId)
      throw new NotFoundException(`没有单位 ${unitId} 的清单外事项记录`);
    const items = await this.db
      .getRepository(OffListWorkEntity)
      .find({ where: { unitId }, order: { detectedAt: 'DESC' }, take: 500 });
    return { unitId, items };
  }

  /** Entries on the list for each level: published, plus admitted through the procedure. */
  private async listSize() {
    const admitted = await this.db.getRepository(AdmissionListEntryEntity).find();
    const count = (level: string) =>
      this.list.entries.filter((e) => e.level === level).length +
      admitted.filter((e) => e.level === level).length;
    return { street: count('street'), community: count('community') };
  }
}
