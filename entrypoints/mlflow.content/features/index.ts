/** Every feature Lens has, in one list: reading this folder tells what the extension does on MLflow. */
import type { Feature } from '@/lib/features';
import compareDrawer from './compare-drawer';
import leaderboard from './leaderboard';
import oneClickRegister from './one-click-register';
import overfitBadge from './overfit-badge';
import overfitTableChips from './overfit-table-chips';
import pageMarker from './page-marker';
import quickSearch from './quick-search';
import runWatch from './run-watch';
import supportNotice from './support-notice';

export const FEATURES: readonly Feature[] = [pageMarker, overfitBadge, overfitTableChips, runWatch, oneClickRegister, quickSearch, compareDrawer, leaderboard, supportNotice];
