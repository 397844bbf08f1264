import { Injectable } from '@nestjs/common';
import {
  PURCHASE_EXPANDS,
  StreamSkillClient,
  type ActionSuccess,
  type BulkPurchasesObject,
  type BulkStopResult,
  type CartObject,
  type Language,
  type PurchaseExpand,
  type PurchaseObject,
  type StreamSkillCallOptions,
} from '@app/streamskill';

export type EditAction =
  'edit-twitch-viewers' | 'edit-twitch-followers' | 'edit-chatbot' | 'edit-ai-chatbots';

/** A purchase as upstream shows it with every `expand` part, which the gateway stores for its own reads. */
export type UpstreamPurchase = PurchaseObject & { expanded?: Record<string, unknown> };

const ALL_EXPANDS: readonly PurchaseExpand[] = PURCHASE_EXPANDS;

type ReadOptions = Pick<StreamSkillCallOptions, 'budgetWaitMs'>;

/**
 * The one seam through which purchases reach StreamSkill: the outbound budget will wrap it. Every
 * method sends exactly one request (the client never retries); reads ask for every `expand` part so
 * that the gateway can answer later reads from its own database.
 */
@Injectable()
export class UpstreamPurchases {
  constructor(private readonly client: StreamSkillClient) {}

  create(cart: CartObject, language?: Language): Promise<UpstreamPurchase> {
    return this.client.createPurchase(cart, { language, expand: ALL_EXPANDS }) as Promise<UpstreamPurchase>;
  }

  /** `budgetWaitMs: 0` for a read that is only nice to have: it is refused rather than delay the answer. */
  get(upstreamId: number, options: ReadOptions = {}): Promise<UpstreamPurchase> {
    return this.client.getPurchase(upstreamId, {
      ...options,
      expand: ALL_EXPANDS,
    }) as Promise<UpstreamPurchase>;
  }

  getMany(upstreamIds: readonly number[], options: ReadOptions = {}): Promise<BulkPurchasesObject> {
    return this.client.getPurchasesBulk(upstreamIds, {
      ...options,
      expand: ALL_EXPANDS,
    }) as Promise<BulkPurchasesObject>;
  }

  start(upstreamId: number, language?: Language): Promise<ActionSuccess> {
    return this.client.startPurchase(upstreamId, { language });
  }

  prolong(upstreamId: number, count: number, language?: Language): Promise<ActionSuccess> {
    return this.client.prolongPurchase(upstreamId, { count }, { language });
  }

  bulkStop(upstreamIds: readonly number[], language?: Language): Promise<BulkStopResult> {
    return this.client.bulkStop(upstreamIds, { language });
  }

  edit(action: EditAction, upstreamId: number, body: object, language?: Language): Promise<ActionSuccess> {
    const options = { language };
    switch (action) {
      case 'edit-twitch-viewers':
        return this.client.editTwitchViewers(upstreamId, body, options);
      case 'edit-twitch-followers':
        return this.client.editTwitchFollowers(upstreamId, body, options);
      case 'edit-chatbot':
        return this.client.editChatbot(upstreamId, body, options);
      case 'edit-ai-chatbots':
        return this.client.editAiChatbots(upstreamId, body, options);
    }
  }
}
