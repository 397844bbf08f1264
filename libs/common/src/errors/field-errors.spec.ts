import { IsInt, Max, Min, ValidateNested, validateSync } from 'class-validator';
import { Type, plainToInstance } from 'class-transformer';
import { toFieldErrors } from './field-errors';

class Tarif {
  @IsInt() @Min(1) id!: number;
  @IsInt() @Max(10000) quantity!: number;
}
class Cart {
  @ValidateNested() @Type(() => Tarif) tarif!: Tarif;
}

describe('toFieldErrors', () => {
  it('names nested fields with dotted paths, as StreamSkill does', () => {
    const cart = plainToInstance(Cart, { tarif: { id: 0, quantity: 20000 } });
    const errors = toFieldErrors(validateSync(cart));
    expect(Object.keys(errors).sort()).toEqual(['tarif.id', 'tarif.quantity']);
    expect(errors['tarif.id'][0]).toMatch(/must not be less than 1/);
  });

  it('returns an empty map for valid input', () => {
    const cart = plainToInstance(Cart, { tarif: { id: 3, quantity: 5 } });
    expect(toFieldErrors(validateSync(cart))).toEqual({});
  });
});
