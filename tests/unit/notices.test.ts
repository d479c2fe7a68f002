// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { supportOf, versionNotice } from '@/lib/mlflow/support';
import { dismissNotice, NOTICE_MS, noticeIfMissing, notices, reportNotice } from '@/lib/notices';

describe('supported MLflow releases', () => {
  it.each([
    [{ major: 2, minor: 16, patch: 2 }, 'older'],
    [{ major: 2, minor: 17, patch: 0 }, 'supported'],
    [{ major: 2, minor: 22, patch: 5 }, 'supported'],
    [{ major: 3, minor: 1, patch: 4 }, 'supported'],
    [{ major: 3, minor: 17, patch: 2 }, 'supported'],
    [{ major: 3, minor: 18, patch: 0 }, 'newer'],
    [{ major: 4, minor: 0, patch: 0 }, 'newer'],
    [{ major: 1, minor: 30, patch: 0 }, 'older'],
  ] as const)('%j is %s', (v, want) => {
    expect(supportOf(v)).toBe(want);
    expect(versionNotice(v) === null).toBe(want === 'supported');
  });

  it('names the version and the range, and says MLflow is unaffected', () => {
    expect(versionNotice({ major: 2, minor: 9, patch: 1 })).toBe(
      "This MLflow (2.9.1) is older than Lens supports (MLflow 2.17 to 3.17): some of Lens's badges and buttons may not appear. MLflow itself works as usual.",
    );
  });
});

describe('notices', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    sessionStorage.clear();
    notices.value = [];
    document.body.innerHTML = '';
  });
  afterEach(() => vi.useRealTimers());

  it('says each notice once per tab session, and lets it go', () => {
    reportNotice('a', 'first');
    reportNotice('a', 'again');
    expect(notices.value).toEqual([{ id: 'a', text: 'first' }]);
    dismissNotice('a');
    reportNotice('a', 'after a dismissal');
    expect(notices.value).toEqual([]); // said once already in this tab
    reportNotice('b', 'another');
    vi.advanceTimersByTime(NOTICE_MS);
    expect(notices.value).toEqual([]);
  });

  it('reports an anchor that never appears, and not one that does or is not wanted', () => {
    const c = new AbortController();
    noticeIfMissing('.missing', 100, { id: 'm', text: 'missing' }, c.signal);
    noticeIfMissing('.here', 100, { id: 'h', text: 'here' }, c.signal);
    noticeIfMissing('.missing', 100, { id: 'w', text: 'not wanted' }, c.signal, () => false);
    document.body.innerHTML = '<div class="here"></div>';
    vi.advanceTimersByTime(100);
    expect(notices.value.map((n) => n.id)).toEqual(['m']);
  });

  it('says nothing once the page was left', () => {
    const c = new AbortController();
    noticeIfMissing('.missing', 100, { id: 'gone', text: 'x' }, c.signal);
    c.abort();
    vi.advanceTimersByTime(200);
    expect(notices.value).toEqual([]);
  });
});
