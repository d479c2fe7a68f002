/**
 * Where a small floating box (the compare tray) can sit in the bottom-right corner without covering a control
 * of the page under it: MLflow 3's round Assistant button, its open Assistant panel's Send button, whatever a
 * later MLflow puts there. No MLflow selector is needed: the page is sampled where the box would go.
 */
const CONTROL =
  'a[href], button, input, select, textarea, summary, [role="button"], [role="link"], [role="combobox"], ' +
  '[role="textbox"], [role="switch"], [role="tab"], [contenteditable="true"], [contenteditable=""]';

const GAP = 12;

export interface Box {
  width: number;
  height: number;
}

export interface SpotOptions {
  /** Distance from the viewport's bottom and (at best) right edge. */
  margin: number;
  /** Lens's own elements, never obstacles. */
  ignore(element: Element): boolean;
}

/** The page's controls under `rect`, sampled on a grid of points (every 24 px or so). */
function controlsUnder(doc: Document, left: number, top: number, box: Box, ignore: SpotOptions['ignore']): Element[] {
  const found = new Set<Element>();
  const columns = Math.max(2, Math.ceil(box.width / 24));
  const rows = Math.max(2, Math.ceil(box.height / 24));
  for (let i = 0; i <= columns; i++) {
    for (let j = 0; j <= rows; j++) {
      const x = left + (box.width * i) / columns;
      const y = top + (box.height * j) / rows;
      const under = doc.elementsFromPoint(x, y).find((el) => !ignore(el));
      const control = under?.closest(CONTROL);
      if (control && !ignore(control)) found.add(control);
    }
  }
  return [...found];
}

/**
 * The distance from the viewport's right edge at which `box` covers no control: `margin` if the corner is free,
 * else just left of what is there, moving left past each control found (at most a few times). If no such place
 * is found, the corner.
 */
export function freeRightOffset(doc: Document, box: Box, { margin, ignore }: SpotOptions): number {
  const view = doc.defaultView;
  if (!view || !box.width || !box.height) return margin;
  const width = doc.documentElement.clientWidth;
  const top = view.innerHeight - margin - box.height;
  let right = margin;
  for (let attempt = 0; attempt < 6; attempt++) {
    const left = width - right - box.width;
    if (left < margin) return margin;
    const controls = controlsUnder(doc, left, top, box, ignore);
    if (!controls.length) return right;
    const leftmost = Math.min(...controls.map((c) => c.getBoundingClientRect().left));
    right = width - leftmost + GAP;
  }
  return margin;
}
