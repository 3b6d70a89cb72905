import { niceScale } from './scale';

describe('niceScale', () => {
  it('rounds the top up to a readable number with even ticks', () => {
    expect(niceScale(87)).toEqual({ max: 100, ticks: [0, 25, 50, 75, 100] });
    expect(niceScale(3)).toEqual({ max: 3, ticks: [0, 1, 2, 3] });
  });

  it('keeps whole steps for counts', () => {
    expect(niceScale(2, { integer: true })).toEqual({ max: 2, ticks: [0, 1, 2] });
  });

  it('handles fractions (rates) and an empty chart', () => {
    expect(niceScale(0.042).ticks).toEqual([0, 0.02, 0.04, 0.06]);
    expect(niceScale(0)).toEqual({ max: 1, ticks: [0, 1] });
  });
});
