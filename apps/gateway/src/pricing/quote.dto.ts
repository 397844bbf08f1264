import { ApiProperty } from '@nestjs/swagger';

export class QuoteView {
  @ApiProperty({ example: '12.50', description: "The customer's price of the cart (decimal string)." })
  price!: string;

  @ApiProperty({ enum: ['usd', 'rub'], example: 'usd' })
  currency!: 'usd' | 'rub';
}
