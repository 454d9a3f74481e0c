// lessons.js - what the timetable, class-attendance and capacity pages
// share: weekday and day-part words, a session as text, whether a date has a
// class, and the server's reasons about class groups in Dutch.
import { DAYS, PARTS } from './workfloor.js';
import { CAN } from './nav.js';
import { reasonNl, formatDate, capitalise } from './labels.js';

// Roles that may manage class groups (ACT_MANAGE_TIMETABLES) and record
// class attendance; the server decides per group and per person.
export const TIMETABLE_MANAGERS = CAN.manageTimetables;

export const DAY_LABEL = Object.fromEntries(DAYS);
export const PART_LABEL = Object.fromEntries(PARTS);

// "tue_morning" -> "dinsdagochtend".
export function dayPartLabel(code) {
  const [day, part] = String(code || '').split('_');
  if (!DAY_LABEL[day] || !PART_LABEL[part]) return String(code || '');
  return `${DAY_LABEL[day]}${PART_LABEL[part]}`;
}

// Day-part codes in week order as readable text: "dinsdagochtend, donderdagochtend".
export function dayPartsText(codes) {
  const set = new Set(Array.isArray(codes) ? codes : []);
  const out = [];
  for (const [day] of DAYS) for (const [part] of PARTS) if (set.has(`${day}_${part}`)) out.push(dayPartLabel(`${day}_${part}`));
  return out.join(', ');
}

// "09:00" from "09:00" or "09:00:00".
export function hhmm(t) {
  const m = /^(\d{2}):(\d{2})/.exec(String(t || ''));
  return m ? `${m[1]}:${m[2]}` : String(t || '');
}

// "dinsdag 09:00–11:30".
export function sessionText(s) {
  const day = s.weekday_label || DAY_LABEL[s.weekday] || s.weekday || '';
  return `${day} ${hhmm(s.start_time)}–${hhmm(s.end_time)}`;
}

// The parts of the day a session takes, "ochtend en middag".
export function sessionPartsText(s) {
  const parts = (Array.isArray(s.day_parts) ? s.day_parts : []).map((c) => PART_LABEL[String(c).split('_')[1]] || c);
  if (!parts.length) return '';
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}` : parts[0];
}

// The weekday code ("mon") of a YYYY-MM-DD date.
export function weekdayOf(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ''));
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return DAYS[(d.getUTCDay() + 6) % 7][0];
}

export function addDays(iso, n) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ''));
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n));
  return d.toISOString().slice(0, 10);
}

// The Monday of the week holding iso.
export function mondayOf(iso) {
  const wd = weekdayOf(iso);
  if (!wd) return iso;
  return addDays(iso, -DAYS.findIndex(([d]) => d === wd));
}

// Does the group have a class on this date (a session on its weekday, inside
// the group's period)?
export function hasClassOn(group, iso) {
  if (!group || !iso) return false;
  if (group.start_date && iso < group.start_date) return false;
  if (group.end_date && iso > group.end_date) return false;
  // A day without class for the whole group (a holiday) has no class.
  const off = (Array.isArray(group.exceptions) ? group.exceptions : [])
    .some((x) => x.from_date && iso >= x.from_date && iso <= (x.to_date || x.from_date));
  if (off) return false;
  const wd = weekdayOf(iso);
  return (Array.isArray(group.sessions) ? group.sessions : []).some((s) => s.weekday === wd);
}

// The last date on or before `from` on which the group has a class (looking
// back at most a year), or null.
export function lastClassDay(group, from) {
  let d = from;
  for (let i = 0; i < 366; i++) {
    if (hasClassOn(group, d)) return d;
    if (group.start_date && d < group.start_date) return null;
    d = addDays(d, -1);
  }
  return null;
}

// "naam verborgen" for someone whose name the reader may not see.
export function personName(p) {
  if (!p || p.hidden || !(p.family_name || p.given_names)) return null;
  return [p.given_names, p.family_name].filter(Boolean).join(' ');
}

function weekdayWord(code) {
  return DAY_LABEL[code] || code;
}

// Reasons of the class-group and attendance checks in Dutch; anything else
// through labels.js (which leaves unknown reasons as the server wrote them).
const REASONS = [
  [/^not imported: group "(.*)" has errors on lines? (.+)$/, (m) => `niet ingelezen: groep "${m[1]}" heeft fouten op regel ${m[2]}`],
  [/^"(.*)" is not after the start "(.*)"$/, (m) => `${m[1]} is niet later dan het begin (${m[2]})`],
  [/^(\S+) touches no day-part \((.*)\)$/, (m) => `${m[1]} valt in geen enkel dagdeel (${m[2]})`],
  [/^the provider has a group named "(.*)" already.*$/, (m) => `deze aanbieder heeft al een lesgroep met de naam "${m[1]}"`],
  [/^overlaps the session on (\w{3}) (\d{1,2}:\d{2}) ?- ?(\d{1,2}:\d{2})$/, (m) => `overlapt met de les op ${weekdayWord(m[1])} ${m[2]}–${m[3]}`],
  [/^overlaps (.+)$/, (m) => `overlapt met ${m[1]}`],
  [/^"(.*)" is not a weekday.*$/, (m) => `"${m[1]}" is geen weekdag (mon, tue, wed, thu, fri, sat of sun)`],
  [/^unknown weekday "?([^"]*)"?$/, (m) => `"${m[1]}" is geen weekdag (mon, tue, wed, thu, fri, sat of sun)`],
  [/^"(.*)" is not a (clock )?time.*$/, (m) => `"${m[1]}" is geen tijd zoals 09:00`],
  [/^(must be|is) (later than|after) (the )?start(_time)?.*$/, () => 'moet later zijn dan de begintijd'],
  [/^.*end(s)? (is )?not after (the )?start.*$/, () => 'het einde moet later zijn dan het begin'],
  [/^ends before it starts.*$/, () => 'het einde ligt vóór het begin'],
  [/^.*ends? before (it|the start).*$/, () => 'het einde ligt vóór het begin'],
  [/^.*outside (every|all|the) day-parts?.*$/, () => 'valt buiten alle dagdelen (ochtend, middag, avond)'],
  [/^.*runs into the next( day-part)?.*$/, () => 'loopt door in het volgende dagdeel'],
  [/^.*at least one session.*$/, () => 'geef minstens één les op'],
  [/^.*different period.*$/, () => 'regels van dezelfde groep hebben een verschillende periode'],
  [/^.*(group|name) .*(exists|taken|already).*$/, () => 'deze aanbieder heeft al een lesgroep met deze naam'],
  [/^.*is not a language provider.*$/, () => 'is geen taalaanbieder'],
  [/^.*not your own (organisation|provider).*$/, () => 'u mag alleen uw eigen organisatie noemen'],
  [/^.*(is )?not enrolled.*$/, () => 'is die dag niet ingeschreven in deze groep'],
  [/^.*no (class|session).*$/, () => 'de groep heeft op die dag geen les'],
  [/^.*in the future.*$/, () => 'ligt in de toekomst'],
  [/^"(.*)" is not a status.*$/, (m) => `"${m[1]}" is geen geldige keuze`],
  [/^.*reason is required.*$|^.*needs a reason.*$/, () => 'vul een reden in'],
];

export function reasonLessons(reason) {
  const text = String(reason ?? '');
  for (const [re, fmt] of REASONS) {
    const m = re.exec(text);
    if (m) return fmt(m);
  }
  return reasonNl(text);
}

export function period(from, to) {
  if (!from && !to) return 'doorlopend';
  if (from && !to) return `vanaf ${formatDate(from)}`;
  if (!from && to) return `tot en met ${formatDate(to)}`;
  return `${formatDate(from)} tot en met ${formatDate(to)}`;
}

export { DAYS, PARTS, capitalise, formatDate };
