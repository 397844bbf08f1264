import { Body, Controller, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireScopes } from '../auth/auth.decorators';
import { AuditAction } from '../audit/audit.decorators';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CartDto } from '../pricing/cart.dto';
import { BulkStop } from './actions/bulk-stop';
import { PurchaseActions } from './actions/purchase-actions';
import { CreatePurchase } from './create/create-purchase';
import { BulkIdsDto, ProlongDto } from './dto/action-bodies.dto';
import {
  EditAiChatbotsDto,
  EditChatbotDto,
  EditTwitchFollowersDto,
  EditTwitchViewersDto,
} from './dto/edit-bodies.dto';
import { languageOf, parseExpand, parsePurchaseId, type QueryValue } from './dto/request-params';
import { ProlongPurchase } from './prolong/prolong-purchase';
import { ActionSuccessDoc, BulkStopDoc, PurchaseObjectDoc } from './view/purchase-object.doc';
import { AcceptLanguageHeader } from '../http/accept-language-header';

/** StreamSkill's purchase writes: create and prolong are billed; the other actions are free. */
@ApiTags('purchases (StreamSkill-compatible)')
@ApiBearerAuth()
@RequireScopes('purchases:write')
@Controller('purchases')
export class PurchaseWritesController {
  constructor(
    private readonly createPurchase: CreatePurchase,
    private readonly prolongPurchase: ProlongPurchase,
    private readonly actions: PurchaseActions,
    private readonly bulkStopper: BulkStop,
  ) {}

  @AcceptLanguageHeader()
  @Post('create')
  @HttpCode(200)
  @Idempotent({ resumable: true })
  @AuditAction('purchase.create')
  @ApiQuery({ name: 'expand', required: false, description: 'Comma-separated: tarif, parent, api, chatbot.' })
  @ApiOkResponse({ type: PurchaseObjectDoc, description: 'Bought and charged.' })
  @ApiAcceptedResponse({
    type: PurchaseObjectDoc,
    description: 'StreamSkill did not answer clearly: funds stay held, status "awaiting" until settled.',
  })
  async create(
    @Body() cart: CartDto,
    @Query('expand') expand: QueryValue,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept-language') language?: string,
  ) {
    const options = { expand: parseExpand(expand), language: languageOf(language) };
    const answer = await this.createPurchase.execute({ cart, ...options });
    void reply.status(answer.status);
    return answer.body;
  }

  @AcceptLanguageHeader()
  @Post('bulk-stop')
  @HttpCode(200)
  @AuditAction('purchase.bulk_stop')
  @ApiOkResponse({ type: BulkStopDoc })
  bulkStop(@Body() body: BulkIdsDto, @Headers('accept-language') language?: string) {
    return this.bulkStopper.execute(body.ids, languageOf(language));
  }

  @AcceptLanguageHeader()
  @Post(':id/start')
  @HttpCode(200)
  @AuditAction('purchase.start')
  @ApiOkResponse({ type: ActionSuccessDoc })
  start(@Param('id') id: string, @Headers('accept-language') language?: string) {
    return this.actions.start(parsePurchaseId(id), languageOf(language));
  }

  @AcceptLanguageHeader()
  @Post(':id/prolong')
  @HttpCode(200)
  @Idempotent()
  @AuditAction('purchase.prolong')
  @ApiOkResponse({ type: ActionSuccessDoc })
  @ApiAcceptedResponse({
    type: ActionSuccessDoc,
    description: 'Outcome unknown: funds stay held until settled.',
  })
  async prolong(
    @Param('id') id: string,
    @Body() body: ProlongDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept-language') language?: string,
  ) {
    const answer = await this.prolongPurchase.execute(
      parsePurchaseId(id),
      body.count ?? 1,
      languageOf(language),
    );
    void reply.status(answer.status);
    return answer.body;
  }

  @AcceptLanguageHeader()
  @Post(':id/edit-twitch-viewers')
  @HttpCode(200)
  @AuditAction('purchase.edit_twitch_viewers')
  @ApiOkResponse({ type: ActionSuccessDoc })
  editTwitchViewers(
    @Param('id') id: string,
    @Body() body: EditTwitchViewersDto,
    @Headers('accept-language') language?: string,
  ) {
    return this.actions.edit('edit-twitch-viewers', parsePurchaseId(id), body, languageOf(language));
  }

  @AcceptLanguageHeader()
  @Post(':id/edit-twitch-followers')
  @HttpCode(200)
  @AuditAction('purchase.edit_twitch_followers')
  @ApiOkResponse({ type: ActionSuccessDoc })
  editTwitchFollowers(
    @Param('id') id: string,
    @Body() body: EditTwitchFollowersDto,
    @Headers('accept-language') language?: string,
  ) {
    return this.actions.edit('edit-twitch-followers', parsePurchaseId(id), body, languageOf(language));
  }

  @AcceptLanguageHeader()
  @Post(':id/edit-chatbot')
  @HttpCode(200)
  @AuditAction('purchase.edit_chatbot')
  @ApiOkResponse({ type: ActionSuccessDoc })
  editChatbot(
    @Param('id') id: string,
    @Body() body: EditChatbotDto,
    @Headers('accept-language') language?: string,
  ) {
    return this.actions.edit('edit-chatbot', parsePurchaseId(id), body, languageOf(language));
  }

  @AcceptLanguageHeader()
  @Post(':id/edit-ai-chatbots')
  @HttpCode(200)
  @AuditAction('purchase.edit_ai_chatbots')
  @ApiOkResponse({ type: ActionSuccessDoc })
  editAiChatbots(
    @Param('id') id: string,
    @Body() body: EditAiChatbotsDto,
    @Headers('accept-language') language?: string,
  ) {
    return this.actions.edit('edit-ai-chatbots', parsePurchaseId(id), body, languageOf(language));
  }
}
