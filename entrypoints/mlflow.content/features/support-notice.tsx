import { NoticeList } from '@/components/notice/NoticeList';
import css from '@/components/notice/notice.css?inline';
import { mountView } from '@/components/shadow-mount';
import { whenIdle } from '@/lib/dom/idle';
import { defineFeature } from '@/lib/features';
import { versionNotice } from '@/lib/mlflow/support';
import { dismissNotice, notices, reportNotice } from '@/lib/notices';
import { loadServerVersion } from '@/lib/register/server-version';
import { pageBase } from '@/lib/mlflow/routes';

const CHECKED_PREFIX = 'lens:version-checked:';

/**
 * Says, once and in words, what Lens cannot do here: an MLflow release outside the tested range (checked once
 * per tab, after the page is idle: one small `version` request), and anchors other features could not find.
 */
export default defineFeature({
  id: 'support-notice',
  include: [() => true],
  async init({ client, signal }) {
    mountView((h) => document.body.append(h), <NoticeList notices={notices} onDismiss={dismissNotice} />, { tag: 'lens-notice', feature: 'support-notice', css, signal });

    const key = CHECKED_PREFIX + pageBase(location.href);
    try {
      if (sessionStorage.getItem(key)) return;
    } catch {
      return; // no storage: no way to ask only once, so never ask
    }
    await whenIdle(5_000, signal);
    if (signal.aborted) return;
    const version = await loadServerVersion(client, signal).catch(() => null);
    if (signal.aborted) return;
    sessionStorage.setItem(key, '1');
    const text = version && versionNotice(version);
    if (text) reportNotice('mlflow-version', text);
  },
});
