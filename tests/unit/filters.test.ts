import { describe, expect, it } from 'vitest';
import {
  ilikeFilter,
  likePattern,
  loggedModelsOfRun,
  loggedModelsWithIds,
  MAX_PATTERN_CHARS,
  nameContains,
  runNameContains,
  runsWithIds,
  versionsOfRun,
  versionsOfRuns,
} from '@/lib/mlflow/filters';

/** What MLflow's parser keeps of a quoted literal: the outer quotes stripped, nothing unescaped. */
function serverValue(literal: string): string {
  expect(literal[0]).toBe(literal[literal.length - 1]);
  expect(["'", '"']).toContain(literal[0]);
  return literal.slice(1, -1);
}

/** SQL LIKE semantics as SQLite runs it (no escape character), case-insensitive. */
function sqliteIlike(value: string, pattern: string): boolean {
  const re = Array.from(pattern)
    .map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${re}$`, 'isu').test(value);
}

describe('likePattern', () => {
  it('wraps plain text in %…% single quotes and is exact', () => {
    const like = likePattern('crawling-mole')!;
    expect(like.literal).toBe("'%crawling-mole%'");
    expect(like.pattern).toBe('%crawling-mole%');
    expect(like.loose).toBe(false);
  });

  it('returns null for empty text', () => {
    expect(likePattern('')).toBeNull();
  });

  it.each([
    ['%', "'%100_%'", '100%'],
    ['_', "'%a_b%'", 'a_b'],
    ['\\', "'%back_slash%'", 'back\\slash'],
    ['[', "'%x_1_%'", 'x[1]'],
    ['newline', "'%a_b%'", 'a\nb'],
    ['tab', "'%a_b%'", 'a\tb'],
    ['NUL', "'%a_b%'", 'a\u0000b'],
    ['DEL', "'%a_b%'", 'a\u007fb'],
  ])('turns %s into the one-character wildcard and marks the match loose', (_name, literal, text) => {
    const like = likePattern(text)!;
    expect(like.literal).toBe(literal);
    expect(like.loose).toBe(true);
    expect(like.matches(`run ${text} x`)).toBe(true);
  });

  it("carries ' inside double quotes, exactly", () => {
    const like = likePattern("it's")!;
    expect(like.literal).toBe(`"%it's%"`);
    expect(like.loose).toBe(false);
  });

  it('carries " inside single quotes, exactly', () => {
    const like = likePattern('"quoted"')!;
    expect(like.literal).toBe(`'%"quoted"%'`);
    expect(like.loose).toBe(false);
  });

  it("with both quote kinds, ' becomes a wildcard inside single quotes", () => {
    const like = likePattern(`it's "x"`)!;
    expect(like.literal).toBe(`'%it_s "x"%'`);
    expect(like.loose).toBe(true);
    expect(like.matches(`say it's "x" now`)).toBe(true);
    expect(like.matches(`say its "x" now`)).toBe(false);
  });

  it('keeps SQL-looking and non-ASCII text as it is', () => {
    for (const text of ['a;b', '--x', '/*x*/', 'emoji 🧪', 'Größe', '日本語', 'a.b', 'a b', 'a`b', '$x^']) {
      const like = likePattern(text)!;
      expect(like.pattern).toBe(`%${text}%`);
      expect(like.loose).toBe(false);
    }
  });

  it('never leaves a quote of its own kind, a backslash or a LIKE metacharacter in the pattern body', () => {
    const nasty = `'"%_\\[]\u0000\n\t🧪ok`;
    const like = likePattern(nasty)!;
    const quote = like.literal[0]!;
    const body = serverValue(like.literal).slice(1, -1);
    expect(body).not.toContain(quote);
    expect(body).not.toMatch(/[%\\[\]\u0000-\u001f]/);
    expect(like.matches(`x${nasty}y`)).toBe(true);
  });

  it('is a superset on the server and exact after matches(), for every special character', () => {
    const names = ['50%_done', '50x_done', '50%xdone', 'a_b', 'axb', "it's", 'its', 'back\\slash', 'backxslash', 'x[1]', '"q"'];
    for (const text of ['50%_', '50%', '_', 'a_b', "it's", 'back\\slash', '[1]', '"q"']) {
      const like = likePattern(text)!;
      const serverHits = names.filter((n) => sqliteIlike(n, serverValue(like.literal)));
      const literalHits = names.filter((n) => n.toLowerCase().includes(text.toLowerCase()));
      expect(serverHits).toEqual(expect.arrayContaining(literalHits));
      expect(serverHits.filter((n) => like.matches(n))).toEqual(literalHits);
    }
    expect(likePattern('50%_')!.matches('50x_done')).toBe(false);
  });

  it('matches case-insensitively', () => {
    expect(likePattern('CHU')!.matches('HM_Dataset/binary_classification/Churn')).toBe(true);
  });

  it('cuts long text for the server and checks all of it client-side', () => {
    const text = 'a'.repeat(999) + 'b';
    const like = likePattern(text)!;
    expect(like.pattern).toBe(`%${'a'.repeat(MAX_PATTERN_CHARS)}%`);
    expect(like.loose).toBe(true);
    expect(like.matches(text)).toBe(true);
    expect(like.matches('a'.repeat(1000))).toBe(false);
  });

  it('counts code points, never splitting an emoji', () => {
    const like = likePattern('🧪'.repeat(150), { maxChars: 3 })!;
    expect(like.pattern).toBe('%🧪🧪🧪%');
  });

  it('supports a prefix anchor', () => {
    const like = likePattern('Chu', { anchor: 'prefix' })!;
    expect(like.pattern).toBe('Chu%');
    expect(like.matches('Churn')).toBe(true);
    expect(like.matches('xChurn')).toBe(false);
  });
});

describe('ilikeFilter', () => {
  it('builds the clause', () => {
    expect(ilikeFilter('attributes.run_name', 'mole')!.filter).toBe("attributes.run_name ILIKE '%mole%'");
    expect(ilikeFilter('name', '')).toBeNull();
  });
});

describe('the filters Lens sends', () => {
  const RUN = '0b203b6ea330476396fc250b1b715d2f';
  it('writes ids as MLflow reads them, and nothing of an id that is not one can close the quote', () => {
    expect(runsWithIds([RUN, 'abc'])).toBe(`attributes.run_id IN ('${RUN}', 'abc')`);
    expect(versionsOfRun(RUN)).toBe(`run_id='${RUN}'`);
    expect(versionsOfRuns([RUN])).toBe(`run_id IN ('${RUN}')`);
    expect(loggedModelsOfRun(RUN)).toBe(`source_run_id = '${RUN}'`);
    expect(loggedModelsWithIds([`m-${RUN}`])).toBe(`attributes.model_id IN ('m-${RUN}')`);
    expect(versionsOfRun("x' OR name = 'y")).toBe("run_id='xORnamey'");
  });
  it('searches names with the portable LIKE pattern', () => {
    expect(runNameContains('crawling-mole')?.filter).toBe("attributes.run_name ILIKE '%crawling-mole%'");
    expect(nameContains('50%')?.filter).toBe("name ILIKE '%50_%'");
    expect(nameContains('')).toBeNull();
  });
});
