import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toMoneyString } from '@app/common';
import { RequireScopes } from '../auth/auth.decorators';
import { AuditAction } from '../audit/audit.decorators';
import { RequestContext } from '../tenancy/request-context';
import { CartDto } from './cart.dto';
import { PricingService } from './pricing.service';
import { QuoteView } from './quote.dto';

@ApiTags('quotes')
@ApiBearerAuth()
@Controller('quotes')
export class QuotesController {
  constructor(private readonly pricing: PricingService) {}

  @Post()
  @HttpCode(200)
  @RequireScopes('purchases:read')
  @AuditAction('quote.request')
  @ApiOperation({
    summary: 'Price a cart (a CartObject) for the calling customer; buys nothing, calls no upstream.',
  })
  @ApiOkResponse({ type: QuoteView })
  async quote(@Body() cart: CartDto): Promise<QuoteView> {
    const quote = await this.pricing.quote(RequestContext.tenantId(), cart);
    return { price: toMoneyString(quote.price), currency: quote.currency };
  }
}
