// timeline.js - the path as a picture: one horizontal bar per phase on a
// time axis (a Gantt chart) drawn as SVG. Everything is positioned with SVG
// attributes set from script and coloured with CSS classes, so the page's
// Content-Security-Policy (no inline styles) holds. The picture is hidden
// from assistive technology: the same phases are in the table beside it.

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 1000;
const LABEL_W = 230;
const PAD_R = 16;
const AXIS_H = 34;
const ROW_H = 30;
const BAR_H = 16;
const DAY = 86400000;

function s(tag, attrs = {}, text = null) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  }
  if (text !== null) el.textContent = text;
  return el;
}

// Days since 1970-01-01 of a YYYY-MM-DD string (UTC, no time zone drift).
export function dayNumber(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ''));
  if (!m) return null;
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY);
}

function dayToDate(n) {
  return new Date(n * DAY);
}

const MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

// Month ticks between two day numbers, every `step` months.
function monthTicks(from, to) {
  const a = dayToDate(from);
  const b = dayToDate(to);
  const months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  const step = [1, 2, 3, 6, 12, 24].find((x) => months / x <= 8) || 24;
  const ticks = [];
  let y = a.getUTCFullYear();
  let m = a.getUTCMonth() + 1; // first of the next month
  if (m > 11) { m = 0; y += 1; }
  // Align to the step (quarters start in jan/apr/jul/okt, years in jan).
  while (m % Math.min(step, 12) !== 0) { m += 1; if (m > 11) { m = 0; y += 1; } }
  for (;;) {
    const d = Math.round(Date.UTC(y, m, 1) / DAY);
    if (d > to) break;
    if (d >= from) ticks.push({ day: d, label: step >= 12 || m === 0 ? `${MONTHS[m]} ${y}` : MONTHS[m] });
    m += step;
    while (m > 11) { m -= 12; y += 1; }
  }
  return ticks;
}

// phases: [{ kind, label, track: main|beside|inside, start_date, planned_end,
// actual_end, open }]; today: YYYY-MM-DD. Returns an <svg> element.
export function drawTimeline(phases, today) {
  const t = dayNumber(today);
  const rows = phases.filter((p) => dayNumber(p.start_date) !== null);
  let from = Math.min(t, ...rows.map((p) => dayNumber(p.start_date)));
  let to = Math.max(t, ...rows.flatMap((p) => [dayNumber(p.planned_end), dayNumber(p.actual_end)].filter((x) => x !== null)));
  if (to - from < 30) to = from + 30;
  const margin = Math.max(3, Math.round((to - from) * 0.02));
  from -= margin;
  to += margin;
  const plotW = WIDTH - LABEL_W - PAD_R;
  const x = (d) => LABEL_W + ((d - from) / (to - from)) * plotW;
  const height = AXIS_H + Math.max(rows.length, 1) * ROW_H + 8;

  const svg = s('svg', {
    class: 'meedoen-timeline__svg', viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height,
    'aria-hidden': 'true', focusable: 'false', role: 'presentation',
  });

  // Row backgrounds and labels.
  rows.forEach((p, i) => {
    const y = AXIS_H + i * ROW_H;
    svg.append(s('rect', { class: `meedoen-tl-row${i % 2 ? ' meedoen-tl-row--odd' : ''}`, x: 0, y, width: WIDTH, height: ROW_H }));
    const label = p.label.length > 30 ? `${p.label.slice(0, 29)}…` : p.label;
    svg.append(s('text', { class: `meedoen-tl-label${p.track !== 'main' ? ' meedoen-tl-label--side' : ''}`, x: 8, y: y + ROW_H / 2 + 5 }, label));
  });

  // Axis: month ticks and grid lines.
  svg.append(s('line', { class: 'meedoen-tl-axis', x1: LABEL_W, x2: WIDTH - PAD_R, y1: AXIS_H - 2, y2: AXIS_H - 2 }));
  for (const tick of monthTicks(from, to)) {
    const tx = x(tick.day);
    svg.append(s('line', { class: 'meedoen-tl-grid', x1: tx, x2: tx, y1: AXIS_H - 8, y2: height - 8 }));
    svg.append(s('text', { class: 'meedoen-tl-tick', x: tx + 3, y: AXIS_H - 9 }, tick.label));
  }

  // Bars.
  rows.forEach((p, i) => {
    const y = AXIS_H + i * ROW_H + (ROW_H - BAR_H) / 2;
    const start = dayNumber(p.start_date);
    const actual = dayNumber(p.actual_end);
    const planned = dayNumber(p.planned_end);
    const open = p.open ?? actual === null;
    const end = open ? Math.max(t, start) : Math.max(actual ?? start, start);
    const x1 = x(start);
    const w = Math.max(x(end) - x1, 4);
    const late = open && planned !== null && planned < t;
    const cls = ['meedoen-tl-bar', `meedoen-tl-bar--${p.track || 'main'}`, open ? 'meedoen-tl-bar--open' : 'meedoen-tl-bar--closed', late ? 'meedoen-tl-bar--late' : '']
      .filter(Boolean).join(' ');
    const bar = s('rect', { class: cls, x: x1, y, width: w, height: BAR_H, rx: 3 });
    bar.append(s('title', {}, p.title || p.label));
    svg.append(bar);
    if (open && planned !== null && planned > end) {
      svg.append(s('rect', { class: 'meedoen-tl-planned', x: x(end), y: y + 2, width: Math.max(x(planned) - x(end), 2), height: BAR_H - 4, rx: 2 }));
    }
    if (!open && planned !== null && planned !== actual) {
      svg.append(s('line', { class: 'meedoen-tl-planned-mark', x1: x(planned), x2: x(planned), y1: y - 2, y2: y + BAR_H + 2 }));
    }
  });

  // Today.
  const tx = x(t);
  svg.append(s('line', { class: 'meedoen-tl-today', x1: tx, x2: tx, y1: AXIS_H - 6, y2: height - 4 }));
  svg.append(s('text', { class: 'meedoen-tl-today-label', x: tx, y: 11, 'text-anchor': 'middle' }, 'vandaag'));
  return svg;
}
