// nav.js - the shared page header: site name, main navigation, the signed-in
// user with their role, a link to their own account page, and the logout
// button. A user whose organisation requires tweestapsverificatie they have
// not set up yet can only reach their account page (the server refuses the
// rest): initPage sends them there.
import { get, post } from './api.js';
import { h, clear } from './dom.js';
import { roleLabel } from './labels.js';

const PARTICIPANT_ROLES_EXCLUDED = new Set(['admin']);
// Which roles may take which action (mirrors the action columns of
// domain/access.c; the server checks every request, this only decides which
// links and forms the UI offers).
export const CAN = {
  create: new Set(['case_manager', 'youth_consultant', 'project_leader', 'job_coach']),
  import: new Set(['case_manager', 'project_leader', 'job_coach']),
  consent: new Set(['case_manager', 'youth_consultant', 'project_leader', 'job_coach']),
  log: new Set(['director', 'case_manager']),
  users: new Set(['admin']),
  // GET /api/signals/summary: counts over every participant.
  signalSummary: new Set(['director', 'case_manager', 'project_leader']),
  // GET /api/sheltered: the sheltered-work board.
  sheltered: new Set(['youth_consultant', 'case_manager', 'director', 'project_leader', 'job_coach']),
  // ACT_READ_EMPLOYERS: employers, placements, trainings and visits (an
  // employer user reads only their own organisation).
  readEmployers: new Set(['director', 'case_manager', 'youth_consultant', 'project_leader', 'job_coach',
    'account_manager', 'department_assistant', 'employer']),
  // ACT_MANAGE_EMPLOYERS: employers, contacts, placements, trainings.
  manageEmployers: new Set(['project_leader', 'account_manager']),
  // ACT_MANAGE_VISITS: plan company visits and matching events.
  manageVisits: new Set(['project_leader', 'job_coach', 'account_manager']),
  // ACT_MANAGE_TIMETABLES: class groups, sessions, timetable imports, and
  // recording class attendance (the language provider for its own groups).
  manageTimetables: new Set(['language_provider', 'project_leader']),
  // Read class groups (a job coach reads the timetables only).
  readTimetables: new Set(['language_provider', 'project_leader', 'job_coach']),
};
const CREATE_ROLES = CAN.create;
const IMPORT_ROLES = CAN.import;

function navItems(user) {
  const items = [];
  if (user.setupOnly) return items;
  if (!PARTICIPANT_ROLES_EXCLUDED.has(user.role)) {
    items.push({ href: '/worklist.html', text: 'Werkvoorraad', key: 'worklist' });
    items.push({ href: '/index.html', text: 'Deelnemers', key: 'list' });
  }
  if (CAN.sheltered.has(user.role)) {
    items.push({ href: '/sheltered.html', text: 'Beschut werk', key: 'sheltered' });
  }
  if (CAN.readEmployers.has(user.role)) {
    items.push({ href: '/employers.html', text: 'Werkgevers', key: 'employers' });
    items.push({ href: '/placements.html', text: 'Plaatsen', key: 'placements' });
    items.push({ href: '/visits.html', text: 'Bezoeken', key: 'visits' });
  }
  if (CAN.readEmployers.has(user.role)) {
    items.push({ href: '/capacity.html', text: 'Capaciteit', key: 'capacity' });
  }
  if (CAN.readTimetables.has(user.role)) {
    items.push({ href: '/timetables.html', text: 'Lesroosters', key: 'timetables' });
  }
  if (CAN.manageTimetables.has(user.role)) {
    items.push({ href: '/attendance.html', text: 'Lesaanwezigheid', key: 'attendance' });
  }
  if (CREATE_ROLES.has(user.role)) {
    items.push({ href: '/new.html', text: 'Nieuwe deelnemer', key: 'new' });
  }
  if (IMPORT_ROLES.has(user.role)) {
    items.push({ href: '/import.html', text: 'Screening importeren', key: 'import' });
  }
  if (user.role === 'admin') {
    items.push({ href: '/users.html', text: 'Gebruikers', key: 'users' });
  }
  return items;
}

// The page a user lands on: the worklist, or the user list for the admin.
export function homePage(user) {
  return user && user.role === 'admin' ? '/users.html' : '/worklist.html';
}

export function renderHeader(user, active) {
  const header = document.getElementById('site-header');
  if (!header) return;
  clear(header);
  header.className = 'utrecht-page-header meedoen-header';
  const list = h('ul', { class: 'meedoen-nav__list' });
  for (const it of navItems(user)) {
    list.append(h('li', { class: 'meedoen-nav__item' },
      h('a', {
        class: 'meedoen-nav__link', href: it.href,
        'aria-current': it.key === active ? 'page' : null,
      }, it.text)));
  }
  const logout = h('button', { class: 'utrecht-button utrecht-button--secondary-action meedoen-logout', type: 'button' }, 'Uitloggen');
  logout.addEventListener('click', async () => {
    logout.disabled = true;
    try { await post('/api/logout', undefined, { noRedirect: true }); } catch { /* leave anyway */ }
    location.assign('/login.html');
  });
  header.append(h('div', { class: 'utrecht-page-header__content meedoen-header__content' },
    h('a', { class: 'meedoen-brand', href: homePage(user) }, 'meedoen'),
    h('nav', { class: 'meedoen-nav', 'aria-label': 'Hoofdmenu' }, list),
    h('div', { class: 'meedoen-user' },
      h('p', { class: 'meedoen-user__who' },
        h('span', { class: 'meedoen-visually-hidden', text: 'Ingelogd als ' }),
        h('span', { class: 'meedoen-user__name', text: user.display_name || user.username }),
        ' ',
        h('span', { class: 'meedoen-user__role', text: `(${roleLabel(user.role)}${user.organisation_name ? `, ${user.organisation_name}` : ''})` }),
        ' ',
        h('a', {
          class: 'utrecht-link utrecht-link--html-a meedoen-user__account', href: '/account.html',
          'aria-current': active === 'account' ? 'page' : null,
        }, 'Mijn account')),
      logout)));
}

// Load the signed-in user (redirecting to the login page on 401) and draw the
// header. Returns the user object.
export async function initPage(active) {
  const me = await get('/api/me');
  const user = me && me.user ? me.user : me;
  user.setupOnly = Boolean(me && me.second_factor_setup_required);
  if (user.setupOnly && active !== 'account') {
    location.assign('/account.html?setup=1');
    return new Promise(() => {}); // the page is going away
  }
  renderHeader(user, active);
  return user;
}

// Read a positive integer query parameter.
export function intParam(name, fallback = null) {
  const v = new URLSearchParams(location.search).get(name);
  if (v === null || !/^\d+$/.test(v)) return fallback;
  return Number(v);
}
