import { Injectable } from '@nestjs/common';
import { validationFailed } from '../../common/sandbox-error';
import { sentFields, validateBody } from '../../common/validate-body';
import { channelUrl } from '../../purchases/create-purchase.service';
import type { EditAction } from '../../tariffs/tariff.types';
import { ActionablePurchases } from '../actionable-purchase';
import { ACTION_OK } from '../purchase-actions.service';
import { EDIT_RULES } from './edit-rules';

/** The four edit actions: 404/405/409 first, then the body (422), then the settings are merged into the order. */
@Injectable()
export class PurchaseEditsService {
  constructor(private readonly actionable: ActionablePurchases) {}

  edit(action: EditAction, orderId: string, body: unknown) {
    const { purchase, tariff } = this.actionable.find(orderId, (t) => t.editAction === action);
    const rules = EDIT_RULES[action];
    const edit = validateBody(rules.dto, body);
    const problems = rules.orderProblems(edit, purchase, (body ?? {}) as Record<string, unknown>);
    if (Object.keys(problems).length) throw validationFailed(problems);
    const changes = sentFields(rules.dto, edit);
    Object.assign(purchase.settings, changes);
    if (typeof changes.channel === 'string') purchase.channel = channelUrl(tariff, changes.channel);
    return ACTION_OK;
  }
}
