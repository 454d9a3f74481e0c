// dates.mjs - dates as the server sees them: the calendar date in the
// municipality's time zone (Europe/Amsterdam), not the UTC date, which
// between midnight and 01:00 or 02:00 Dutch time is still yesterday.
export const ZONE = 'Europe/Amsterdam';

const format = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

// YYYY-MM-DD in Amsterdam at time t (ms since the epoch, a Date, or now).
export function isoNL(t = Date.now()) {
  return format.format(new Date(t));
}
