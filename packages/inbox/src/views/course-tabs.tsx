import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export interface CourseTab {
  id: string;
  label: string;
  panel: ComponentChildren;
}

/**
 * The course's work in tabs (WAI-ARIA tabs, automatic activation): one tab stop, arrow keys, Home and End move
 * between tabs. Every panel stays mounted and only the chosen one is shown, so a half-written plan or the answers
 * in a WHO-5 view survive a look at another tab.
 */
export function CourseTabs({
  label,
  tabs,
  selected,
  onSelect,
}: {
  label: string;
  tabs: CourseTab[];
  selected: string;
  onSelect: (id: string) => void;
}) {
  const list = useRef<HTMLDivElement>(null);
  const current = tabs.some((tab) => tab.id === selected) ? selected : tabs[0]?.id;
  const choose = (index: number) => {
    const tab = tabs[(index + tabs.length) % tabs.length];
    if (!tab) return;
    onSelect(tab.id);
    list.current?.querySelector<HTMLButtonElement>(`#tab-${tab.id}`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((tab) => tab.id === current);
    const to = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    choose(to);
  };
  return (
    <div class="course-tabs">
      <div role="tablist" aria-label={label} ref={list} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === current}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === current ? 0 : -1}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab.id} role="tabpanel" id={`panel-${tab.id}`} aria-labelledby={`tab-${tab.id}`} hidden={tab.id !== current}>
          {tab.panel}
        </div>
      ))}
    </div>
  );
}
