// users.js - user administration (admin): list users, add a user with role
// and organisation, deactivate or reactivate a user, reset a user's
// tweestapsverificatie, and require it per organisation.
import { get, post, patch, describeError, ApiError } from './api.js';
import { h, $, clear, table, showMessage, inputField, selectField, button, setFieldError, clearErrors, showErrorSummary, controlOf } from './dom.js';
import { initPage } from './nav.js';
import { loadCodes, codeOptions } from './codes.js';
import { ROLE_LABELS, roleLabel, ORG_TYPE_LABELS, reasonNl } from './labels.js';

const FIELD_LABELS = {
  username: 'Gebruikersnaam', display_name: 'Naam', password: 'Wachtwoord', role: 'Rol', organisation_id: 'Organisatie',
};

let orgs = [];
let me = null;

async function loadUsers() {
  const list = $('#users-list');
  let data;
  try {
    data = await get('/api/users');
  } catch (err) {
    clear(list);
    showMessage($('#users-message'), err instanceof ApiError && err.status === 403 ? 'info' : 'error',
      err instanceof ApiError && err.status === 403 ? 'Alleen een beheerder kan gebruikers beheren.' : describeError(err));
    return false;
  }
  clear(list);
  const items = data?.items || [];
  list.append(table({
    caption: `Gebruikers (${items.length})`,
    columns: [{ label: 'Gebruikersnaam' }, { label: 'Naam' }, { label: 'Rol' }, { label: 'Organisatie' }, { label: 'Status' }, { label: 'Tweestapsverificatie' }, { label: 'Actie' }],
    rows: items.map((u) => [
      u.username,
      u.display_name || '',
      roleLabel(u.role),
      u.organisation_name || '',
      u.active === false ? 'gedeactiveerd' : 'actief',
      `${u.second_factor ? 'aan' : 'uit'}${u.second_factor_required ? ' (vereist)' : ''}`,
      h('div', { class: 'utrecht-button-group' },
        me && u.id === me.id ? h('span', { class: 'meedoen-muted', text: 'uw eigen account' }) : button(u.active === false ? 'Activeren' : 'Deactiveren', {
          class: 'utrecht-button utrecht-button--secondary-action meedoen-small-button',
          'aria-label': `${u.active === false ? 'Activeren' : 'Deactiveren'}: ${u.username}`,
          onclick: (ev) => setActive(u, u.active === false, ev.currentTarget),
        }),
        u.second_factor ? button('Tweestapsverificatie resetten', {
          class: 'utrecht-button utrecht-button--secondary-action meedoen-small-button',
          'aria-label': `Tweestapsverificatie resetten: ${u.username}`,
          onclick: (ev) => resetSecondFactor(u, ev.currentTarget),
        }) : null),
    ]),
    className: 'meedoen-users',
  }));
  return true;
}

async function setActive(u, active, btn) {
  btn.disabled = true;
  try {
    await patch(`/api/users/${u.id}`, { active });
    showMessage($('#users-message'), 'ok', active ? `${u.username} is weer actief.` : `${u.username} is gedeactiveerd; de sessies van deze gebruiker zijn beëindigd.`);
    await loadUsers();
    const again = [...document.querySelectorAll('#users-list button')].find((b) => b.getAttribute('aria-label')?.endsWith(`: ${u.username}`));
    if (again) again.focus();
  } catch (err) {
    btn.disabled = false;
    showMessage($('#users-message'), 'error', describeError(err));
  }
}

async function resetSecondFactor(u, btn) {
  btn.disabled = true;
  try {
    await post(`/api/users/${u.id}/second-factor/reset`, {});
    // the list first, then the message: when it shows, the list is current
    if ((await loadUsers()) === false) return;
    showMessage($('#users-message'), 'ok', `De tweestapsverificatie van ${u.username} is gereset en de sessies van deze gebruiker zijn beëindigd. ${u.second_factor_required ? 'Bij de volgende keer inloggen stelt deze gebruiker die opnieuw in.' : ''}`.trim());
    $('#users-message [role="status"]')?.setAttribute('tabindex', '-1');
    $('#users-message [role="status"]')?.focus();
  } catch (err) {
    btn.disabled = false;
    showMessage($('#users-message'), 'error', describeError(err));
  }
}

function renderOrgs() {
  const list = clear($('#orgs-list'));
  list.append(table({
    caption: `Organisaties (${orgs.length})`,
    columns: [{ label: 'Organisatie' }, { label: 'Soort' }, { label: 'Tweestapsverificatie' }, { label: 'Actie' }],
    rows: orgs.map((o) => [
      o.name,
      ORG_TYPE_LABELS[o.type] || o.type,
      o.require_second_factor ? 'vereist' : 'niet vereist',
      button(o.require_second_factor ? 'Niet meer vereisen' : 'Vereisen', {
        class: 'utrecht-button utrecht-button--secondary-action meedoen-small-button',
        'aria-label': `${o.require_second_factor ? 'Tweestapsverificatie niet meer vereisen' : 'Tweestapsverificatie vereisen'}: ${o.name}`,
        onclick: (ev) => setRequired(o, !o.require_second_factor, ev.currentTarget),
      }),
    ]),
    className: 'meedoen-orgs',
  }));
}

async function setRequired(o, required, btn) {
  btn.disabled = true;
  try {
    const updated = await patch(`/api/organisations/${o.id}`, { require_second_factor: required });
    o.require_second_factor = updated.require_second_factor;
    if (required && me && o.id === me.organisation_id) {
      // the admin's own organisation: their own session may now be setup-only
      const now = await get('/api/me');
      if (now && now.second_factor_setup_required) {
        location.assign('/account.html?setup=1');
        return;
      }
    }
    renderOrgs();
    if ((await loadUsers()) === false) return;
    showMessage($('#orgs-message'), 'ok', required
      ? `${o.name} vereist nu tweestapsverificatie.`
      : `${o.name} vereist geen tweestapsverificatie meer.`);
    const again = [...document.querySelectorAll('#orgs-list button')].find((b) => b.getAttribute('aria-label')?.endsWith(`: ${o.name}`));
    if (again) again.focus();
  } catch (err) {
    btn.disabled = false;
    showMessage($('#orgs-message'), 'error', describeError(err));
  }
}

function renderForm(codes) {
  const fields = $('#user-fields');
  const roleCodes = codeOptions(codes, 'roles');
  const roles = (roleCodes.length ? roleCodes.map((o) => o.value) : Object.keys(ROLE_LABELS))
    .map((r) => ({ value: r, label: roleLabel(r) }));
  const orgOptions = orgs.map((o) => ({ value: String(o.id), label: o.type ? `${o.name} (${ORG_TYPE_LABELS[o.type] || o.type})` : o.name }));
  fields.append(
    inputField({ id: 'u-username', name: 'username', label: 'Gebruikersnaam', required: true, autocomplete: 'off' }),
    inputField({ id: 'u-display_name', name: 'display_name', label: 'Naam', required: true, autocomplete: 'off' }),
    inputField({ id: 'u-password', name: 'password', label: 'Wachtwoord', type: 'password', required: true, autocomplete: 'new-password', hint: 'Minstens 10 tekens.' }),
    selectField({ id: 'u-role', name: 'role', label: 'Rol', options: roles, required: true, emptyLabel: 'Kies een rol' }),
    selectField({ id: 'u-organisation_id', name: 'organisation_id', label: 'Organisatie', options: orgOptions, required: true, emptyLabel: 'Kies een organisatie', hint: 'De rol moet passen bij het soort organisatie.' }),
  );
  // Offer only the organisations whose type fits the chosen role.
  const roleType = Object.fromEntries((codes.roles || []).map((r) => [r.code, r.organisation_type || null]));
  const roleSelect = $('#u-role');
  const orgSelect = $('#u-organisation_id');
  roleSelect.addEventListener('change', () => {
    const type = roleType[roleSelect.value];
    for (const opt of orgSelect.options) {
      if (!opt.value) continue;
      const org = orgs.find((o) => String(o.id) === opt.value);
      const fits = !type || !org?.type || org.type === type;
      opt.hidden = !fits;
      opt.disabled = !fits;
    }
    const current = orgSelect.selectedOptions[0];
    if (current && current.disabled) orgSelect.value = '';
    const fitting = [...orgSelect.options].filter((o) => o.value && !o.disabled);
    if (!orgSelect.value && fitting.length === 1) orgSelect.value = fitting[0].value;
  });
}

async function addUser(ev) {
  ev.preventDefault();
  const form = $('#user-form');
  clearErrors(form);
  clear($('#user-errors'));
  clear($('#add-message'));
  const body = {
    username: $('#u-username').value.trim(),
    display_name: $('#u-display_name').value.trim(),
    password: $('#u-password').value,
    role: $('#u-role').value,
    organisation_id: $('#u-organisation_id').value ? Number($('#u-organisation_id').value) : null,
  };
  const btn = $('#add-user-button');
  btn.disabled = true;
  try {
    const created = await post('/api/users', body);
    form.reset();
    showMessage($('#add-message'), 'ok', `Gebruiker ${created?.username || body.username} is toegevoegd.`);
    await loadUsers();
  } catch (err) {
    let errors = err instanceof ApiError ? err.errors : [];
    if (err instanceof ApiError && err.status === 409 && !errors.length) {
      errors = [{ field: 'username', reason: err.body?.detail || 'Deze gebruikersnaam bestaat al.' }];
    }
    if (errors.length) {
      const items = errors.map((e) => {
        const w = form.querySelector(`[data-field="${CSS.escape(e.field || '')}"]`);
        if (w) setFieldError(w, reasonNl(e.reason));
        return { text: `${FIELD_LABELS[e.field] || e.field || 'Invoer'}: ${reasonNl(e.reason)}`, target: w ? controlOf(w) : null };
      });
      showErrorSummary($('#user-errors'), 'De gebruiker is niet toegevoegd', items);
    } else {
      showErrorSummary($('#user-errors'), 'De gebruiker is niet toegevoegd', [], describeError(err));
    }
  } finally {
    btn.disabled = false;
  }
}

async function main() {
  me = await initPage('users');
  const [codes, orgData] = await Promise.all([loadCodes(), get('/api/organisations').catch(() => ({ items: [] }))]);
  orgs = orgData?.items || [];
  if (!(await loadUsers())) return;
  renderForm(codes);
  $('#add-user').hidden = false;
  renderOrgs();
  $('#organisations').hidden = false;
  $('#user-form').addEventListener('submit', addUser);
}

main().finally(() => { document.body.dataset.ready = "true"; });
