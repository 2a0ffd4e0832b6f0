import type { WhistleState } from '@hotline/workflows';
import { ForbiddenException, Injectable } from '@nestjs/common';
import { type Principal } from '../../../auth/principal';
import { mayReadWhistle, notYourWhistle, WhistleReader } from '../../whistle-reader';

/** The whistle: each department's report, commitment, delivery, misses and ratings. */
@Injectable()
export class GetWhistle {
  constructor(private readonly whistles: WhistleReader) {}

  async execute(whistleId: string, principal: Principal): Promise<WhistleState> {
    const state = await this.whistles.state(whistleId);
    if (!mayReadWhistle(principal, state))
      throw new ForbiddenException(notYourWhistle(whistleId, principal));
    return state;
  }
}
