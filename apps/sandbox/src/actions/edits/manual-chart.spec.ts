import { manualChartProblems } from './manual-chart';

describe('manualChartProblems', () => {
  it('accepts the spec example', () => {
    expect(manualChartProblems({ '0': 20, '5': 100, '30': 80 })).toEqual([]);
  });

  it.each([
    [{ '0': 20 }, 'at least 2 points'],
    [{ '5': 20, '30': 10 }, 'start at minute 0'],
    [{ '0': 20, '9': 10 }, 'between 10 and 180'],
    [{ '0': 20, '181': 10 }, 'between 10 and 180'],
    [{ '0': 20, x: 10 }, 'whole minutes'],
    [{ '0': 20, '10': 1.5 }, 'integers >= 0'],
    [[1, 2], 'must be an object'],
  ])('rejects %j (%s)', (chart, problem) => {
    expect(manualChartProblems(chart).join()).toContain(problem);
  });
});
