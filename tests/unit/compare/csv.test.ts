import { describe, expect, it } from 'vitest';
import { alignSeries, alignedSeriesCsv, toCsv } from '@/lib/compare';

describe('toCsv', () => {
  it('comma separated, CRLF after every record, every string quoted', () => {
    expect(toCsv([['a', 'b'], [1, 2.5]])).toBe('"a","b"\r\n1,2.5\r\n');
    expect(toCsv([])).toBe('');
  });

  it('quotes fields with a comma, quote, CR or LF and doubles quotes', () => {
    expect(toCsv([['a,b', 'say "hi"', 'two\nlines', 'cr\rhere', 'plain']])).toBe(
      '"a,b","say ""hi""","two\nlines","cr\rhere","plain"\r\n',
    );
  });

  // Issue #15.1: opened with ";" as the separator (Excel's default in many locales), an unquoted "a;=1+1"
  // made its second half a cell of its own, starting with "=".
  it('a name with another separator in it stays one quoted cell', () => {
    expect(toCsv([['a;=1+1', 'b\t=2', 'c|=3']])).toBe('"a;=1+1","b\t=2","c|=3"\r\n');
  });

  it('defuses formulas behind leading whitespace, non-breaking and full-width forms included', () => {
    const cells = [' =1+1', '\u00a0=1+1', '\u3000+1', '\n-1', '＝1+1', '＋1', '－1', '＠cmd', ' \u00a0＝SUM(A1)', '\ufeff=1'];
    expect(toCsv([cells])).toBe(cells.map((c) => `"'${c}"`).join(',') + '\r\n');
  });

  it('null and undefined are empty cells', () => {
    expect(toCsv([[null, 'x', undefined]])).toBe(',"x",\r\n');
  });

  it('non-finite numbers are spelled out', () => {
    expect(toCsv([[NaN, Infinity, -Infinity, -0, 1e-7]])).toBe('NaN,Infinity,-Infinity,0,1e-7\r\n');
  });

  it('defuses strings that a spreadsheet would run as a formula', () => {
    expect(toCsv([['=SUM(A1)', '+1', '-2', '@cmd', '\tx', 'ok=1']])).toBe(`"'=SUM(A1)","'+1","'-2","'@cmd","'\tx","ok=1"\r\n`);
    // The apostrophe goes inside the quotes when the field must be quoted.
    expect(toCsv([['=HYPERLINK("x")', '\rboom']])).toBe(`"'=HYPERLINK(""x"")","'\rboom"\r\n`);
  });

  it('never changes numbers, negative ones included', () => {
    expect(toCsv([[-2, -0.5, -Infinity]])).toBe('-2,-0.5,-Infinity\r\n');
  });
});

describe('alignedSeriesCsv', () => {
  it('header of x label and run labels, one row per x, gaps empty', () => {
    const aligned = alignSeries(
      [
        { steps: Float64Array.of(0, 2), timestamps: Float64Array.of(0, 2), values: Float64Array.of(1, NaN) },
        { steps: Float64Array.of(1), timestamps: Float64Array.of(1), values: Float64Array.of(-0.5) },
      ],
      'step',
    );
    expect(alignedSeriesCsv(aligned, ['run a', '=evil'], 'step')).toBe(
      `"step","run a","'=evil"\r\n0,1,\r\n1,,-0.5\r\n2,,\r\n`,
    );
  });

  it('formats x with formatX when given; missing labels are empty', () => {
    const aligned = { x: Float64Array.of(1_700_000_000), ys: [[1], [2]] };
    const csv = alignedSeriesCsv(aligned, ['only one'], 'time', (x) => new Date(x * 1000).toISOString());
    expect(csv).toBe('"time","only one",\r\n"2023-11-14T22:13:20.000Z",1,2\r\n');
  });
});
