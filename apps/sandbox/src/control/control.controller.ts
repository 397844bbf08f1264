import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CONTROL_PREFIX } from '../http/control-paths';
import { ControlService } from './control.service';

/** Test and demo controls; no auth, never rate-limited or faulted. */
@Controller(CONTROL_PREFIX.slice(1))
export class ControlController {
  constructor(private readonly control: ControlService) {}

  @Get('state')
  state() {
    return this.control.state();
  }

  @Post('reset')
  @HttpCode(200)
  reset() {
    this.control.reset();
    return { status: 'ok' };
  }

  @Put('balance')
  setBalance(@Body() body: unknown) {
    this.control.setBalance(body);
    const { balance, currency } = this.control.state();
    return { balance, currency };
  }

  @Get('faults')
  faults() {
    return this.control.listFaults();
  }

  @Put('faults')
  replaceFaults(@Body() body: unknown) {
    return this.control.setFaults(body, 'replace');
  }

  @Post('faults')
  @HttpCode(200)
  addFaults(@Body() body: unknown) {
    return this.control.setFaults(body, 'add');
  }

  @Delete('faults')
  clearFaults() {
    this.control.clearFaults();
    return [];
  }

  @Put('rate-limit')
  setRateLimit(@Body() body: unknown) {
    this.control.setRateLimit(body);
    return { rateLimit: this.control.state().rateLimit };
  }

  @Post('purchases')
  @HttpCode(200)
  seedPurchase(@Body() body: unknown) {
    return this.control.seedPurchase(body);
  }

  @Post('purchases/:id/status')
  @HttpCode(200)
  forceStatus(@Param('id') id: string, @Body() body: unknown) {
    return this.control.forceStatus(id, body);
  }
}
