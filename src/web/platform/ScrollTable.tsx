import type { CSSProperties, ReactNode } from 'react';

/**
 * A DSFR table that scrolls sideways inside its frame on a narrow screen (375 px) instead of widening
 * the page. The scrolling frame takes the keyboard focus and carries the table's name, so a keyboard
 * user can scroll it and a screen reader announces it (axe: scrollable-region-focusable).
 * `children` is the table's content: its caption, head and body.
 */
export function ScrollTable({ label, className = '', style, children }: { label: string; className?: string; style?: CSSProperties; children: ReactNode }) {
  return (
    <div className={`fr-table ${className}`.trim()} style={style}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={label}>
          <div className="fr-table__content">
            <table>{children}</table>
          </div>
        </div>
      </div>
    </div>
  );
}
