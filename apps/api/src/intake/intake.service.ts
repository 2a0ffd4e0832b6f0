import { type ScreeningRequest } from '@hotline/contracts';
import { redactPersonalData } from '@hotline/domain';
import { Inject, Injectable } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import {
  type IntakeSuggestions,
  intakeModel,
  loadCallerContext,
  suggest,
  suggestionsOf,
} from '../orders/intake-screening';
import { type PersonalDataCipher } from '../personal-data/personal-data.cipher';
import { DATA_SOURCE, PERSONAL_DATA } from '../tokens';

@Injectable()
export class IntakeService {
  constructor(
    @Inject(DATA_SOURCE) private readonly db: DataSource,
    @Inject(PERSONAL_DATA) private readonly personalData: PersonalDataCipher,
  ) {}

  /**
   * Suggestions for the live intake form; records nothing. Personal data said in the content is
   * masked before anything reads it, as at POST /orders; the caller's open orders are found by
   * the caller key of the phone, never by the phone itself.
   */
  async screen(request: ScreeningRequest): Promise<IntakeSuggestions> {
    const now = new Date();
    const content = redactPersonalData(request.content).text;
    const callerKey = request.caller ? this.personalData.callerKey(request.caller.phone) : null;
    const context = await loadCallerContext(this.db.manager, callerKey, now);
    return suggestionsOf(suggest(intakeModel(), { ...request, content }, context, now));
  }
}
