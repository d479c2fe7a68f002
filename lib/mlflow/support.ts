/**
 * The MLflow releases Lens is tested on (`npm run test:compat`, README › MLflow versions), and what Lens says
 * when a server is outside them. Kept beside the routes and anchors: they are what differs between releases.
 */
import type { ServerVersion } from '../register/server-version';

/** The oldest and newest releases the e2e suite passes on (the compat matrix: 2.17.2 … 3.17.2). */
export const SUPPORTED_RANGE = { oldest: { major: 2, minor: 17 }, newest: { major: 3, minor: 17 } } as const;

export type Support = 'supported' | 'older' | 'newer';

export function supportOf(version: ServerVersion): Support {
  const at = (v: { major: number; minor: number }) => version.major * 1000 + version.minor - (v.major * 1000 + v.minor);
  if (at(SUPPORTED_RANGE.oldest) < 0) return 'older';
  if (at(SUPPORTED_RANGE.newest) > 0) return 'newer';
  return 'supported';
}

const RANGE_TEXT = `MLflow ${SUPPORTED_RANGE.oldest.major}.${SUPPORTED_RANGE.oldest.minor} to ${SUPPORTED_RANGE.newest.major}.${SUPPORTED_RANGE.newest.minor}`;

/** The sentence for a server outside the range, or null inside it. */
export function versionNotice(version: ServerVersion): string | null {
  const v = `${version.major}.${version.minor}.${version.patch}`;
  switch (supportOf(version)) {
    case 'older':
      return `This MLflow (${v}) is older than Lens supports (${RANGE_TEXT}): some of Lens's badges and buttons may not appear. MLflow itself works as usual.`;
    case 'newer':
      return `This MLflow (${v}) is newer than Lens was tested on (${RANGE_TEXT}): if a badge or button of Lens is missing, that is why. MLflow itself works as usual.`;
    default:
      return null;
  }
}

/** What Lens says when an MLflow element it attaches to never appears (a release that changed its page). */
export const ANCHOR_NOTICES = {
  markers: "Lens can't place its markers on this MLflow version's Model metrics charts; the verdict is in the badge beside the run name.",
  badge: "Lens can't place its overfitting badge on this MLflow version's run page.",
} as const;
