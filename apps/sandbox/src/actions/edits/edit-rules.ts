import type { FieldErrors } from '@app/common';
import type { ClassConstructor } from 'class-transformer';
import type { SandboxPurchase } from '../../purchases/purchase.types';
import type { EditAction } from '../../tariffs/tariff.types';
import {
  EditAiChatbotsDto,
  EditChatbotDto,
  EditTwitchFollowersDto,
  EditTwitchViewersDto,
} from './edit-bodies.dto';
import { manualChartProblems } from './manual-chart';

/** How one edit endpoint validates and stores its body. */
export interface EditRules<T extends object> {
  dto: ClassConstructor<T>;
  /** The rules that depend on the order (what was bought, its current settings) or on several fields. */
  orderProblems(edit: T, purchase: SandboxPurchase, rawBody: Record<string, unknown>): FieldErrors;
}

const MANUAL_FIELDS = [
  'manual_chart',
  'manual_chart_randomization',
  'manual_chart_end_action',
  'manual_chart_end_param',
];

const twitchViewers: EditRules<EditTwitchViewersDto> = {
  dto: EditTwitchViewersDto,
  orderProblems(edit, purchase) {
    const problems: FieldErrors = {};
    const threads = edit.threads ?? numberSetting(purchase, 'threads') ?? purchase.quantity;
    if (edit.threads !== undefined && edit.threads > purchase.quantity) {
      problems.threads = [`threads cannot exceed the purchased amount (${purchase.quantity})`];
    }
    if (edit.connect_time !== undefined && edit.connect_time > Math.min(60, threads)) {
      problems.connect_time = [`connect_time must be between 1 and ${Math.min(60, threads)}`];
    }
    const manual = (edit.online_mode ?? purchase.settings.online_mode) === 'manual';
    if (manual) {
      for (const field of MANUAL_FIELDS.filter((f) => edit[f as keyof EditTwitchViewersDto] === undefined)) {
        problems[field] = [`${field} is required in manual online mode`];
      }
    }
    if (edit.manual_chart !== undefined) {
      const chartProblems = manualChartProblems(edit.manual_chart);
      if (chartProblems.length) problems.manual_chart = chartProblems;
    }
    return problems;
  },
};

const twitchFollowers: EditRules<EditTwitchFollowersDto> = {
  dto: EditTwitchFollowersDto,
  orderProblems: (_edit, _purchase, rawBody): FieldErrors =>
    rawBody.count === undefined ? {} : { count: ['count is not supported by this endpoint'] },
};

const chatbot: EditRules<EditChatbotDto> = { dto: EditChatbotDto, orderProblems: () => ({}) };

const aiChatbots: EditRules<EditAiChatbotsDto> = {
  dto: EditAiChatbotsDto,
  orderProblems(edit, purchase) {
    const problems: FieldErrors = {};
    if (edit.count !== undefined && edit.count > purchase.quantity) {
      problems.count = [`count cannot exceed the purchased amount (${purchase.quantity})`];
    }
    const count = edit.count ?? numberSetting(purchase, 'count') ?? purchase.quantity;
    const minInterval = Math.max(1, Math.ceil(60 / count));
    if (edit.interval !== undefined && edit.interval < minInterval) {
      problems.interval = [`interval must be at least ${minInterval} for ${count} chatbots`];
    }
    return problems;
  },
};

export const EDIT_RULES: Record<EditAction, EditRules<object>> = {
  'edit-twitch-viewers': twitchViewers as EditRules<object>,
  'edit-twitch-followers': twitchFollowers as EditRules<object>,
  'edit-chatbot': chatbot as EditRules<object>,
  'edit-ai-chatbots': aiChatbots as EditRules<object>,
};

function numberSetting(purchase: SandboxPurchase, key: string): number | undefined {
  const value = purchase.settings[key];
  return typeof value === 'number' ? value : undefined;
}
