import { parseExposition, sampleSum } from './exposition';

describe('parseExposition', () => {
  it('reads types, escaped label values, infinities and timestamps', () => {
    const exposition = parseExposition(
      [
        '# HELP a_total A counter.',
        '# TYPE a_total counter',
        'a_total{reason="say \\"hi\\"\\n",x="a,b"} 3 1700000000000',
        '# TYPE h histogram',
        'h_bucket{le="+Inf"} 4',
        'h_sum 1.5e-3',
        'g NaN',
        '',
      ].join('\n'),
    );
    expect(exposition.types.get('a_total')).toBe('counter');
    expect(exposition.samples[0]).toEqual({
      name: 'a_total',
      labels: { reason: 'say "hi"\n', x: 'a,b' },
      value: 3,
    });
    expect(sampleSum(exposition, 'h_bucket', { le: '+Inf' })).toBe(4);
    expect(sampleSum(exposition, 'h_sum')).toBeCloseTo(0.0015);
    expect(exposition.samples[3].value).toBeNaN();
  });

  it('refuses what Prometheus would refuse', () => {
    expect(() => parseExposition('a{b="c} 1')).toThrow(/line 1/);
    expect(() => parseExposition('a{b=c} 1')).toThrow(/no value/);
    expect(() => parseExposition('a one')).toThrow(/bad value/);
    expect(() => parseExposition('a 1 2 3')).toThrow();
  });
});
