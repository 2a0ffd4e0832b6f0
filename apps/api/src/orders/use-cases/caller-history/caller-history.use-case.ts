import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { type PersonalDataCipher } from '../../../personal-data/personal-data.cipher';
import { PERSONAL_DATA } from '../../../tokens';

export interface CallerHistoryEntry {
  orderId: string;
  receivedAt: string;
  category: string | null;
  matterTypeCode: string | null;
  screening: string;
  status: string;
}

/** The caller's orders of the last 90 days, by phone (operators at intake: "has this person called before?"). */
@Injectable()
export class CallerHistory {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PERSONAL_DATA) private readonly personalData: PersonalDataCipher,
  ) {}

  async execute(phone: string): Promise<CallerHistoryEntry[]> {
    const callerKey = this.personalData.callerKey(phone);
    const rows: {
      order_id: string;
      created_at: Date;
      category: string | null;
      matter_type_code: string | null;
      screening_outcome: string | null;
      status: string | null;
    }[] = await this.db.query(
      `SELECT i.order_id, i.created_at, i.category, i.matter_type_code, i.screening_outcome, v.status
           FROM order_intake i LEFT JOIN order_view v ON v.order_id = i.order_id
          WHERE i.caller_key = $1 AND i.created_at > now() - interval '90 days'
          ORDER BY i.created_at DESC LIMIT 100`,
      [callerKey],
    );
    return rows.map((r) => ({
      orderId: r.order_id,
      receivedAt: r.created_at.toISOString(),
      category: r.category,
      matterTypeCode: r.matter_type_code,
      screening: r.screening_outcome ?? 'accept',
      status: r.status ?? 'received',
    }));
  }
}
