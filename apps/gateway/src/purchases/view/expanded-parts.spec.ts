import type { TarifDetailsObject } from '@app/streamskill';
import { expandedParts } from './expanded-parts';

const TARIF = { id: 3, title: 'Chatbots', price: 1, graduated_prices: null } as unknown as TarifDetailsObject;
const sources = {
  tarif: TARIF,
  toCustomerPrices: (tarif: TarifDetailsObject) => ({ ...tarif, price: tarif.price * 2 }),
};

describe('expandedParts', () => {
  it('expands only what was asked, with customer prices and no upstream parent', () => {
    const stored = { parent: { id: 555 }, api: { created_via: 'api' }, chatbot: { settings: { mode: 1 } } };
    const parts = expandedParts(
      { expanded: stored, chatbot: true },
      new Set(['tarif', 'parent', 'chatbot']),
      sources,
    );
    expect(parts).toEqual({
      tarif: { ...TARIF, price: 2 },
      parent: null,
      chatbot: { settings: { mode: 1 } },
    });
  });

  it('falls back to what upstream sent, then to defaults', () => {
    const stored = { tarif: { ...TARIF, price: 3 } };
    const parts = expandedParts({ expanded: stored, chatbot: false }, new Set(['tarif', 'api', 'chatbot']), {
      ...sources,
      tarif: null,
    });
    expect(parts).toEqual({ tarif: { ...TARIF, price: 6 }, api: { created_via: 'api' }, chatbot: null });
    expect(
      expandedParts({ expanded: null, chatbot: false }, new Set(['tarif']), { ...sources, tarif: null }),
    ).toEqual({
      tarif: null,
    });
  });
});
