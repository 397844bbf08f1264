import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { BearerAuthGuard } from '../auth/bearer-auth.guard';
import { PurchaseEditsService } from './edits/purchase-edits.service';
import { PurchaseActionsService } from './purchase-actions.service';

@Controller('v1/purchases')
@UseGuards(BearerAuthGuard)
export class ActionsController {
  constructor(
    private readonly actions: PurchaseActionsService,
    private readonly edits: PurchaseEditsService,
  ) {}

  @Post('bulk-stop')
  @HttpCode(200)
  bulkStop(@Body() body: unknown) {
    return this.actions.bulkStop(body);
  }

  @Post(':orderId/start')
  @HttpCode(200)
  start(@Param('orderId') orderId: string) {
    return this.actions.start(orderId);
  }

  @Post(':orderId/prolong')
  @HttpCode(200)
  prolong(@Param('orderId') orderId: string, @Body() body: unknown) {
    return this.actions.prolong(orderId, body);
  }

  @Post(':orderId/edit-twitch-viewers')
  @HttpCode(200)
  editTwitchViewers(@Param('orderId') orderId: string, @Body() body: unknown) {
    return this.edits.edit('edit-twitch-viewers', orderId, body);
  }

  @Post(':orderId/edit-twitch-followers')
  @HttpCode(200)
  editTwitchFollowers(@Param('orderId') orderId: string, @Body() body: unknown) {
    return this.edits.edit('edit-twitch-followers', orderId, body);
  }

  @Post(':orderId/edit-chatbot')
  @HttpCode(200)
  editChatbot(@Param('orderId') orderId: string, @Body() body: unknown) {
    return this.edits.edit('edit-chatbot', orderId, body);
  }

  @Post(':orderId/edit-ai-chatbots')
  @HttpCode(200)
  editAiChatbots(@Param('orderId') orderId: string, @Body() body: unknown) {
    return this.edits.edit('edit-ai-chatbots', orderId, body);
  }
}
