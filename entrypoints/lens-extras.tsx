import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { publishExtras, type LensExtras } from '@/components/lazy/contract';
import { mountCompareDrawer } from '@/components/compare/mount-drawer';
import { plotMiniChart } from '@/components/overfit/mini-chart-plot';
import { mountQuickSearch, searchMlflow } from '@/components/search/mount-search';
import { mountLeaderboard } from './mlflow.content/features/leaderboard-panel/mount';

/**
 * The code only a click needs (uPlot, the compare drawer, quick search, the leaderboard), kept out of the content script. The background
 * injects it into the asking tab's content-script world (scripting.executeScript), where it leaves its
 * functions for the content script (components/lazy/contract.ts: an own property of the global, which a page
 * element of the same name can't shadow).
 */
export default defineUnlistedScript(() => {
  const extras: LensExtras = { plotMiniChart, mountCompareDrawer, mountQuickSearch, searchMlflow, mountLeaderboard };
  publishExtras(extras);
});
