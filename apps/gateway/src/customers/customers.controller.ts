import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators';
import { AuditAction } from '../audit/audit.decorators';
import { CreateCustomerDto, ListCustomersQuery, UpdateCustomerDto } from './customer.dto';
import { CustomersService } from './customers.service';

@ApiTags('admin: customers')
@ApiBearerAuth()
@AdminOnly()
@Controller('admin/customers')
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Post()
  @AuditAction('customer.create')
  create(@Body() dto: CreateCustomerDto) {
    return this.customers.create(dto);
  }

  @Get()
  list(@Query() query: ListCustomersQuery) {
    return this.customers.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.customers.get(id);
  }

  @Patch(':id')
  @AuditAction('customer.update')
  update(@Param('id') id: string, @Body() dto: UpdateCustomerDto) {
    return this.customers.update(id, dto);
  }
}
