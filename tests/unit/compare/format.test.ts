import { describe, expect, it } from 'vitest';
import { formatDelta, formatValue } from '@/lib/compare';

const M = '\u2212';

describe('formatValue', () => {
  it('4 significant digits without trailing zeros', () => {
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(0.5)).toBe('0.5');
    expect(formatValue(12345.6)).toBe('12350');
    expect(formatValue(3)).toBe('3');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(-0)).toBe('0');
  });

  it('uses a typographic minus', () => {
    expect(formatValue(-1.5)).toBe(`${M}1.5`);
  });

  it('no exponent in [1e-4, 1e6), a short one outside', () => {
    expect(formatValue(0.0001)).toBe('0.0001');
    expect(formatValue(999_999)).toBe('1000000');
    expect(formatValue(1_234_567)).toBe('1.235e6');
    expect(formatValue(0.00001234)).toBe('1.234e-5');
    expect(formatValue(-2e-7)).toBe(`${M}2e-7`);
    expect(formatValue(1e21)).toBe('1e21');
  });

  it('null and non-finite', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(Infinity)).toBe('∞');
    expect(formatValue(-Infinity)).toBe(`${M}∞`);
  });
});

describe('formatDelta', () => {
  it('signs every delta, ±0 for none', () => {
    expect(formatDelta(0.0012)).toBe('+0.0012');
    expect(formatDelta(-3)).toBe(`${M}3`);
    expect(formatDelta(0)).toBe('±0');
    expect(formatDelta(-0)).toBe('±0');
  });

  it('rounds to 4 significant digits (hides float noise)', () => {
    expect(formatDelta(0.3 - 0.1)).toBe('+0.2');
    expect(formatDelta(-0.000123456)).toBe(`${M}0.0001235`);
    expect(formatDelta(123456)).toBe('+123500');
  });

  it('exponent only outside [1e-4, 1e6)', () => {
    expect(formatDelta(0.00005)).toBe('+5e-5');
    expect(formatDelta(-2_500_000)).toBe(`${M}2.5e6`);
    expect(formatDelta(999_999)).not.toContain('e');
  });

  it('non-finite deltas still read', () => {
    expect(formatDelta(Infinity)).toBe('+∞');
    expect(formatDelta(-Infinity)).toBe(`${M}∞`);
    expect(formatDelta(NaN)).toBe('NaN');
  });
});
