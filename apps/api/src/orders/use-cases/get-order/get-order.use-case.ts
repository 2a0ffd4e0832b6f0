import { CallerContactEntity, OrderIntakeEntity, OrderViewEntity } from '@hotline/persistence';
import type { OrderState } from '@hotline/workflows';
import { ForbiddenException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Repository } from 'typeorm';
import { type Principal } from '../../../auth/principal';
import { callerField, type PersonalDataCipher } from '../../../personal-data/personal-data.cipher';
import { type ReferenceData } from '@hotline/domain';
import { CITY_REFERENCE_DATA, PERSONAL_DATA } from '../../../tokens';
import { confinedDistrict, districtOfOrder } from '../../../views/shared/view-access';
import { mayRead, notYourOrder, OrderReader } from '../../order-reader';

export interface CallerView {
  name?: string;
  phone: string;
  /** The complaint as said, when intake masked personal data in it (full view only). */
  originalContent?: string;
  /** true when the phone is shown masked (138****1234): the caller is not this user's business. */
  masked: boolean;
}

export interface OrderDetail {
  orderId: string;
  state: OrderState | null;
  view: OrderViewEntity | null;
  caller: CallerView | null;
}

/** The order: its live state (from its workflow), its read-model row, and the caller as this user may see it. */
@Injectable()
export class GetOrder {
  private readonly logger = new Logger('orders');

  constructor(
    private readonly orders: OrderReader,
    @InjectRepository(OrderIntakeEntity) private readonly intakes: Repository<OrderIntakeEntity>,
    @InjectRepository(OrderViewEntity) private readonly views: Repository<OrderViewEntity>,
    @InjectRepository(CallerContactEntity)
    private readonly contacts: Repository<CallerContactEntity>,
    @Inject(PERSONAL_DATA) private readonly personalData: PersonalDataCipher,
    @Inject(CITY_REFERENCE_DATA) private readonly ref: ReferenceData,
  ) {}

  async execute(orderId: string, principal: Principal): Promise<OrderDetail> {
    const intake = await this.intakes.findOneBy({ orderId });
    if (!intake) throw new NotFoundException(`No order ${orderId}`);
    const [state, view] = await Promise.all([
      this.orders.liveState(orderId),
      this.views.findOneBy({ orderId }),
    ]);
    if (
      !mayRead(
        principal,
        state && {
          status: state.status,
          leadUnitId: state.leadUnitId ?? null,
          assistingUnitIds: state.assistingUnitIds,
          returnedByUnitIds: state.returnedByUnitIds,
        },
      )
    ) {
      this.logger.warn(
        `403 unit ${principal.unitId} (user ${principal.userId}) tried to read order ${orderId}`,
      );
      throw new ForbiddenException(notYourOrder(orderId, principal));
    }
    // 三级: district centre staff read their district's orders only.
    const own = confinedDistrict(principal);
    if (own && districtOfOrder(this.ref, state, view) !== own) {
      this.logger.warn(
        `403 district ${own} (user ${principal.userId}) tried to read order ${orderId}`,
      );
      throw new ForbiddenException(`工单 ${orderId} 不属于本区（${own}），区级账号无权查看`);
    }
    return { orderId, state, view, caller: await this.callerFor(orderId, principal, state) };
  }

  /** Name and phone in full only for operators and the unit handling the order; masked for others. */
  private async callerFor(
    orderId: string,
    principal: Principal,
    state: OrderState | null,
  ): Promise<CallerView | null> {
    const contact = await this.contacts.findOneBy({ orderId });
    if (!contact) return null;
    const handling =
      principal.role === 'unit' &&
      !!state &&
      state.leadUnitId === principal.unitId &&
      state.status !== 'closed';
    if (principal.role === 'operator' || handling) {
      return {
        name: this.personalData.decrypt(contact.nameEncrypted, callerField(orderId, 'name')),
        phone: this.personalData.decrypt(contact.phoneEncrypted, callerField(orderId, 'phone')),
        ...(contact.contentEncrypted
          ? {
              originalContent: this.personalData.decrypt(
                contact.contentEncrypted,
                callerField(orderId, 'content'),
              ),
            }
          : {}),
        masked: false,
      };
    }
    return { phone: contact.phoneMasked, masked: true };
  }
}
