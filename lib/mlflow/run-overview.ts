/**
 * The run Overview's "Registered models" entry: an `<h4>` heading in its own section on 3.x
 * (`<div><h4>Registered models</h4><a…>Churn v1</a> | <span>None</span></div>`), a table row on 2.x
 * (`<tr><th>Registered models</th><td><a…> | <span>—</span></td></tr>`). MLflow reads it once per page load, so a
 * version registered from this page shows there only after a reload: Lens adds it meanwhile.
 */

/** Elements that may be the entry's heading; `registeredModelsCell` says which one is. */
export const overviewHeadingSelector = 'h4, tr > th';

const HEADING = /^registered models$/i;

/** The element that holds the entry's value (links or the placeholder), or null when `heading` is another heading. */
export function registeredModelsCell(heading: Element): HTMLElement | null {
  if (!HEADING.test(heading.textContent?.trim() ?? '')) return null;
  if (heading.tagName === 'TH') {
    const cell = heading.nextElementSibling;
    return cell instanceof HTMLElement && cell.tagName === 'TD' ? cell : null;
  }
  return heading.parentElement;
}

/** MLflow's "None" (3.x) or "—" (2.x) placeholder in the cell: the entry lists no version. */
export function registeredModelsPlaceholder(cell: Element): HTMLElement | null {
  for (const child of Array.from(cell.children)) {
    if (child instanceof HTMLElement && /^(none|—|-)$/i.test(child.textContent?.trim() ?? '')) return child;
  }
  return null;
}

/** MLflow lists the version itself (its own link `#/models/<name>/versions/<n>`). */
export function cellListsVersion(cell: Element, href: string): boolean {
  return Array.from(cell.querySelectorAll('a[href]')).some((a) => a.getAttribute('href') === href);
}
