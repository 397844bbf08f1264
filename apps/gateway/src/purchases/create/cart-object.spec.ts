import type { CartObject } from '@app/streamskill';
import { serviceOf, toCartObject } from './cart-object';

describe('toCartObject', () => {
  it('keeps the fields that were sent, as a plain object', () => {
    const cart = Object.assign(Object.create({ inherited: true }), {
      tarif: { id: 1, quantity: 100, duration: undefined },
      channel: 'twitch',
      start: false,
      comment: undefined,
    }) as CartObject;
    expect(toCartObject(cart)).toEqual({ tarif: { id: 1, quantity: 100 }, channel: 'twitch', start: false });
  });
});

describe('serviceOf', () => {
  it.each([
    ['https://www.twitch.tv/', 'twitch'],
    ['https://kick.com/', 'kick'],
    ['https://www.youtube.com/watch?v=', 'youtube'],
    ['https://trovo.live/', 'trovo'],
    ['https://nottwitch.tv.example/', null],
    ['not a url', null],
  ])('reads %s as %s', (prefix, service) => {
    expect(serviceOf({ link: { prefix, placeholder: 'x' } })).toBe(service);
  });

  it('knows nothing without a link', () => {
    expect(serviceOf(undefined)).toBeNull();
  });
});
