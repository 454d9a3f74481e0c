// labels.js - Dutch words for the UI (see GLOSSARY.md) and the participant
// field list: which category each field belongs to, its label and input kind.

export const ROLE_LABELS = {
  director: 'regisseur',
  case_manager: 'klantmanager',
  youth_consultant: 'jongerenconsulent',
  project_leader: 'projectleider',
  job_coach: 'jobcoach',
  account_manager: 'accountmanager',
  department_assistant: 'afdelingsassistent',
  volunteer: 'vrijwilliger',
  welfare: 'welzijnswerker',
  language_provider: 'taalaanbieder',
  employer: 'werkgever',
  admin: 'beheerder',
};

export const CATEGORY_LABELS = {
  identity: 'identiteit',
  contact: 'contactgegevens',
  bsn: 'BSN',
  education_work: 'opleiding en werk',
  civic_integration: 'inburgering',
  income: 'inkomen',
  health: 'gezondheid',
  path: 'traject',
  assessments: 'beoordelingen',
  notes: 'notities',
  social: 'sociaal',
};

export const LINK_KIND_LABELS = {
  registration: 'aanmelding',
  job_coach: 'jobcoach',
  case_manager: 'klantmanager',
  volunteer: 'vrijwilliger',
  welfare: 'welzijnswerker',
  language_buddy: 'taalmaatje',
  youth_consultant: 'jongerenconsulent',
  department_assistant: 'afdelingsassistent',
  language_course: 'taalcursus',
  placement: 'plaatsing',
};

export const ORG_TYPE_LABELS = {
  municipality: 'gemeente',
  social_work_company: 'sociaal werkbedrijf',
  refugee_support: 'vluchtelingenwerk',
  welfare: 'welzijnsorganisatie',
  language_provider: 'taalaanbieder',
  employer: 'werkgever',
  reception_agency: 'COA',
  benefits_agency: 'UWV',
};

// ---------------------------------------------------------------- the path

// Phase kinds (domain/phase.c; GET /api/codes phase_kinds gives the same).
export const PHASE_KIND_LABELS = {
  registration: 'aanmelding',
  intake: 'intake',
  social_guidance: 'maatschappelijke begeleiding',
  internal_work_learning: 'intern werkleertraject',
  external_work_learning: 'extern werkleertraject',
  work_experience_place: 'werkervaringsplek',
  language_internship: 'taalstage',
  trial_placement: 'proefplaatsing',
  paid_work: 'betaald werk (met nazorg)',
  study: 'studie',
  sheltered_work: 'beschut werk',
  career_orientation: 'loopbaanoriëntatie',
  care_activation: 'zorg/activering',
  dropped_out: 'uitgevallen',
};

// Which phases run beside the main line, or only inside sheltered work.
export const PHASE_TRACK = {
  social_guidance: 'beside',
  career_orientation: 'inside',
};

export const PHASE_TRACK_LABELS = {
  main: 'hoofdlijn',
  beside: 'loopt ernaast',
  inside: 'binnen beschut werk',
};

// Signal rules (domain/signal.c).
export const SIGNAL_RULE_LABELS = {
  intake_overdue: 'intake te laat (meer dan 21 dagen na aankomst)',
  intake_due: 'intake binnen 5 dagen',
  handover_due: 'overdracht aan welzijn binnen 30 dagen',
  handover_overdue: 'overdracht aan welzijn te laat (15 maanden voorbij)',
  no_contact: 'geen contact in 6 weken',
  no_assessment: 'geen beoordeling in 8 weken werkleertraject',
  phase_end_passed: 'geplande einddatum fase verstreken',
  integration_deadline: 'inburgeringstermijn binnen 6 maanden, geen examen',
  dropout_no_follow_up: 'uitgevallen zonder contact in 4 weken',
  sheltered_hold_ending: 'gereserveerde plek beschut werk verloopt binnen 30 dagen',
  class_absence: 'herhaald afwezig bij taalles (3 keer ongeoorloofd in 28 dagen)',
};

// Short names of the rules, for column headings.
export const SIGNAL_RULE_SHORT = {
  intake_overdue: 'intake te laat',
  intake_due: 'intake binnenkort',
  handover_due: 'overdracht binnenkort',
  handover_overdue: 'overdracht te laat',
  no_contact: 'geen contact',
  no_assessment: 'geen beoordeling',
  phase_end_passed: 'einde fase verstreken',
  integration_deadline: 'inburgeringstermijn',
  dropout_no_follow_up: 'uitval zonder contact',
  sheltered_hold_ending: 'reservering loopt af',
  class_absence: 'afwezig bij taalles',
};

// Where in the dossier a signal is dealt with.
export const SIGNAL_RULE_SECTION = {
  intake_overdue: 'intake',
  intake_due: 'intake',
  handover_due: 'overdracht',
  handover_overdue: 'overdracht',
  no_contact: 'journaal',
  no_assessment: 'traject',
  phase_end_passed: 'traject',
  integration_deadline: 'gegevens',
  dropout_no_follow_up: 'journaal',
  sheltered_hold_ending: 'beschut',
  class_absence: 'weekplanning',
};

// The first step chosen at the intake.
export const FIRST_STEP_LABELS = {
  study: 'studie',
  internal_work_learning: 'intern werkleertraject',
  external_work_learning: 'extern werkleertraject',
  care_activation: 'zorg/activering',
  sheltered_work: 'beschut werk',
};

export const STUDY_CHOICE_LABELS = {
  accepted: 'kiest voor studie',
  declined: 'kiest (nu) niet voor studie',
};

// Participation ladder (GLOSSARY.md).
export const LADDER_LABELS = {
  1: 'geïsoleerd',
  2: 'sociale contacten buitenshuis',
  3: 'deelname georganiseerde activiteiten',
  4: 'onbetaald werk',
  5: 'betaald werk met ondersteuning',
  6: 'betaald werk',
};

export const JOURNAL_KIND_LABELS = {
  contact: 'contact',
  note: 'notitie',
};

export const SHELTERED_SOURCE_LABELS = {
  school_leaver: 'schoolverlater (praktijk- of speciaal onderwijs)',
  self_reporter: 'zelfmelder (via UWV)',
  dropout: 'uitgevallen, plek gereserveerd',
  other: 'overig',
};

export const SHELTERED_INDICATION_LABELS = {
  none: 'geen indicatie',
  requested: 'indicatie aangevraagd',
  granted: 'indicatie toegekend',
  refused: 'indicatie afgewezen',
};

export const SHELTERED_STAGE_LABELS = {
  candidate: 'kandidaat',
  indication: 'indicatie',
  intensive_guidance: 'intensieve begeleiding (eerste zes maanden)',
  career_orientation: 'loopbaanoriëntatie (16 weken)',
  placed: 'geplaatst (detachering of groep)',
  held: 'plek gereserveerd',
};

export const SHELTERED_STAGE_ORDER = ['candidate', 'indication', 'intensive_guidance', 'career_orientation', 'placed', 'held'];

// The hand-over checklist, for when the server gives no label.
export const HANDOVER_ITEM_LABELS = {};

export function labelOf(map, code) {
  if (code === null || code === undefined || code === '') return '';
  return map[code] ?? String(code);
}

export function roleLabel(role) {
  return ROLE_LABELS[role] || role || '';
}

export function categoryLabel(cat) {
  return CATEGORY_LABELS[cat] || cat || '';
}

export function capitalise(s) {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

// The categories that hold participant fields, in display order.
export const PARTICIPANT_CATEGORIES = [
  'identity', 'contact', 'bsn', 'education_work', 'civic_integration',
  'income', 'health', 'path',
];

// All consentable categories, in display order.
export const ALL_CATEGORIES = [
  'identity', 'contact', 'bsn', 'education_work', 'civic_integration',
  'income', 'health', 'path', 'assessments', 'notes',
];

// kind: text | date | number | select | textarea | languages | diplomas | work_history
// codes: name of the list in GET /api/codes. numeric: value is an integer.
export const FIELDS = [
  { name: 'external_id', category: 'identity', label: 'Kenmerk COA (extern id)', kind: 'text', maxlength: 64 },
  { name: 'family_name', category: 'identity', label: 'Achternaam', kind: 'text', required: true, maxlength: 100, autocomplete: 'off' },
  { name: 'given_names', category: 'identity', label: 'Voornamen', kind: 'text', required: true, maxlength: 100, autocomplete: 'off' },
  { name: 'birth_date', category: 'identity', label: 'Geboortedatum', kind: 'date', required: true },
  { name: 'sex', category: 'identity', label: 'Geslacht', kind: 'select', codes: 'sex' },
  { name: 'country_of_origin', category: 'identity', label: 'Land van herkomst', kind: 'select', codes: 'countries' },
  { name: 'languages', category: 'identity', label: 'Talen', kind: 'languages', codes: 'languages' },
  { name: 'household_size', category: 'identity', label: 'Grootte huishouden', kind: 'number', min: 1, max: 20 },
  { name: 'children', category: 'identity', label: 'Aantal kinderen', kind: 'number', min: 0, max: 20 },
  { name: 'arrival_date', category: 'identity', label: 'Aankomst in de gemeente', kind: 'date' },
  { name: 'permit_date', category: 'identity', label: 'Datum verblijfsvergunning', kind: 'date' },
  { name: 'street', category: 'contact', label: 'Straat en huisnummer', kind: 'text', autocomplete: 'off' },
  { name: 'postal_code', category: 'contact', label: 'Postcode', kind: 'text', hint: 'Bijvoorbeeld 2671 AB', size: 'postal' },
  { name: 'city', category: 'contact', label: 'Woonplaats', kind: 'text', autocomplete: 'off' },
  { name: 'phone', category: 'contact', label: 'Telefoonnummer', kind: 'text', inputType: 'tel', size: 'tel' },
  { name: 'email', category: 'contact', label: 'E-mailadres', kind: 'text', inputType: 'email' },
  { name: 'bsn', category: 'bsn', label: 'BSN', kind: 'text', hint: '9 cijfers', inputmode: 'numeric', size: 'bsn' },
  { name: 'education_years', category: 'education_work', label: 'Aantal jaren onderwijs', kind: 'number', min: 0, max: 30 },
  { name: 'isced_level', category: 'education_work', label: 'Opleidingsniveau (ISCED)', kind: 'select', codes: 'isced', numeric: true },
  { name: 'diplomas', category: 'education_work', label: "Diploma's", kind: 'diplomas' },
  { name: 'work_history', category: 'education_work', label: 'Werkervaring', kind: 'work_history' },
  { name: 'ambitions', category: 'education_work', label: 'Ambities', kind: 'textarea', maxlength: 1000 },
  { name: 'integration_duty', category: 'civic_integration', label: 'Inburgeringsplicht', kind: 'select', codes: 'integration_duty' },
  { name: 'integration_provider', category: 'civic_integration', label: 'Taalaanbieder', kind: 'text', maxlength: 100 },
  { name: 'integration_deadline', category: 'civic_integration', label: 'Einde inburgeringstermijn', kind: 'date' },
  { name: 'cefr_listening', category: 'civic_integration', label: 'Taalniveau luisteren', kind: 'select', codes: 'cefr' },
  { name: 'cefr_reading', category: 'civic_integration', label: 'Taalniveau lezen', kind: 'select', codes: 'cefr' },
  { name: 'cefr_speaking', category: 'civic_integration', label: 'Taalniveau spreken', kind: 'select', codes: 'cefr' },
  { name: 'cefr_writing', category: 'civic_integration', label: 'Taalniveau schrijven', kind: 'select', codes: 'cefr' },
  { name: 'exam_status', category: 'civic_integration', label: 'Examenstatus', kind: 'select', codes: 'exam_status' },
  { name: 'benefit', category: 'income', label: 'Uitkering', kind: 'select', codes: 'benefit' },
  { name: 'benefit_since', category: 'income', label: 'Uitkering sinds', kind: 'date' },
  { name: 'health_limits', category: 'health', label: 'Gezondheidsbeperkingen', kind: 'textarea', maxlength: 1000 },
  { name: 'target_group', category: 'path', label: 'Doelgroep', kind: 'select', codes: 'target_group' },
  { name: 'work_hours_per_day', category: 'path', label: 'Belastbaarheid: uren per dag', kind: 'number', min: 0, max: 12 },
  { name: 'work_days_per_week', category: 'path', label: 'Belastbaarheid: dagen per week', kind: 'number', min: 0, max: 7 },
];

export const FIELD_BY_NAME = Object.fromEntries(FIELDS.map((f) => [f.name, f]));

export const DIPLOMA_PARTS = [
  { name: 'title', label: 'Diploma', kind: 'text' },
  { name: 'country', label: 'Land', kind: 'select', codes: 'countries' },
  { name: 'isced_level', label: 'Niveau (ISCED)', kind: 'select', codes: 'isced', numeric: true },
  { name: 'valuation', label: 'Diplomawaardering', kind: 'select', codes: 'valuation' },
];

export const WORK_PARTS = [
  { name: 'occupation', label: 'Beroep', kind: 'text' },
  { name: 'isco_code', label: 'Beroepscode (ISCO)', kind: 'select', codes: 'isco' },
  { name: 'years', label: 'Jaren', kind: 'number', min: 0, max: 60 },
];

// Fallback labels for code values, used when /api/codes has no label.
export const FALLBACK_CODE_LABELS = {
  sex: { female: 'vrouw', male: 'man', x: 'x', unknown: 'onbekend' },
  target_group: { newcomer: 'statushouder', family_reunion: 'nareiziger', sheltered_work: 'beschut werk', other: 'overig' },
  integration_duty: { duty: 'inburgeringsplichtig', voluntary: 'vrijwillig', exempt: 'vrijgesteld', met: 'voldaan', none: 'geen' },
  exam_status: { not_started: 'niet begonnen', in_progress: 'bezig', passed: 'geslaagd', failed: 'gezakt', exempt: 'vrijgesteld' },
  benefit: { none: 'geen', participatiewet: 'Participatiewet', ww: 'WW', wia: 'WIA', wajong: 'Wajong', other: 'overig' },
};

// Format a YYYY-MM-DD date as d-m-yyyy (Dutch); leave anything else as is.
export function formatDate(s) {
  if (typeof s !== 'string') return s == null ? '' : String(s);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  const t = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?Z$/.exec(s);
  if (t) {
    const d = new Date(s);
    if (!Number.isNaN(d.getTime())) {
      return d.toLocaleString('nl-NL', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
    }
  }
  return s;
}

export function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

// Processing-log actions and the register of processing activities
// (domain/activity.c), in Dutch.
export const LOG_ACTION_LABELS = {
  create: 'aangemaakt',
  read: 'ingezien',
  list: 'getoond in overzicht',
  update: 'gewijzigd',
  import: 'geïmporteerd',
  link: 'begeleider gekoppeld',
  unlink: 'koppeling beëindigd',
  consent: 'toestemming vastgelegd',
  'revoke consent': 'toestemming ingetrokken',
  'read log': 'logging ingezien',
};

export const ACTIVITY_LABELS = {
  'mdn-001': 'registratie deelnemer',
  'mdn-002': 'inzage dossier',
  'mdn-003': 'overzicht deelnemers',
  'mdn-004': 'import screening COA',
  'mdn-005': 'vastleggen toestemming',
  'mdn-006': 'begeleidingsnetwerk',
  'mdn-007': 'inzage verwerkingslog',
};

export const STATUS_LABELS = { ok: 'gelukt', error: 'mislukt', denied: 'geweigerd' };

// The server states error reasons in English (docs/api.md); show the common
// ones in Dutch. Anything not recognised is shown as the server wrote it.
const REASONS = [
  [/^is required( for an import)?$/, () => 'is verplicht'],
  [/^unknown field$/, () => 'onbekend veld'],
  [/^unknown column$/, () => 'onbekende kolom'],
  [/^required column is missing$/, () => 'verplichte kolom ontbreekt'],
  [/^column appears twice$/, () => 'kolom staat er twee keer in'],
  [/^is read-only$/, () => 'kan niet worden gewijzigd'],
  [/^must not be empty$/, () => 'mag niet leeg zijn'],
  [/^must be an integer$/, () => 'moet een geheel getal zijn'],
  [/^must be a whole number$/, () => 'moet een geheel getal zijn'],
  [/^must be a string$/, () => 'moet tekst zijn'],
  [/^must be true or false$/, () => 'moet waar of onwaar zijn'],
  [/^must be at least (\d+) characters$/, (m) => `moet minstens ${m[1]} tekens lang zijn`],
  [/^must be at most (\d+) characters$/, (m) => `mag hoogstens ${m[1]} tekens lang zijn`],
  [/^is (\d+) characters long, at most (\d+) allowed$/, (m) => `is ${m[1]} tekens lang, hoogstens ${m[2]} toegestaan`],
  [/^has (\d+) items, at most (\d+) allowed$/, (m) => `heeft ${m[1]} items, hoogstens ${m[2]} toegestaan`],
  [/^has (\d+) cells where the header has (\d+) columns$/, (m) => `heeft ${m[1]} cellen, de kopregel heeft ${m[2]} kolommen`],
  [/^must be between (-?\d+) and (-?\d+)$/, (m) => `moet tussen ${m[1]} en ${m[2]} liggen`],
  [/^(-?\d+) is out of range (-?\d+)\.\.(-?\d+)$/, (m) => `${m[1]} ligt niet tussen ${m[2]} en ${m[3]}`],
  [/^"(.*)" is not a date \(YYYY-MM-DD\)$/, (m) => `"${m[1]}" is geen geldige datum (JJJJ-MM-DD)`],
  [/^lies in the future$/, () => 'ligt in de toekomst'],
  [/^lies more than a year in the future$/, () => 'ligt meer dan een jaar in de toekomst'],
  [/^lies before the birth date$/, () => 'ligt vóór de geboortedatum'],
  [/^lies before given_on$/, () => 'ligt vóór de datum waarop de toestemming is gegeven'],
  [/^gives an age over 110 years$/, () => 'geeft een leeftijd van meer dan 110 jaar'],
  [/^bsn "(.*)" fails the 11-test$/, (m) => `BSN "${m[1]}" voldoet niet aan de elfproef`],
  [/^bsn "(.*)" must be exactly 9 digits$/, (m) => `BSN "${m[1]}" moet uit precies 9 cijfers bestaan`],
  [/^"(.*)" is not a Dutch postal code like "1234 AB"$/, (m) => `"${m[1]}" is geen Nederlandse postcode zoals "1234 AB"`],
  [/^"(.*)" may hold only digits, spaces, \+, - and \(\)$/, (m) => `"${m[1]}" mag alleen cijfers, spaties, +, - en haakjes bevatten`],
  [/^"(.*)" is not an e-mail address$/, (m) => `"${m[1]}" is geen e-mailadres`],
  [/^"(.*)" is not in code list (\S+)$/, (m) => `"${m[1]}" staat niet in de codelijst ${m[2]}`],
  [/^"(.*)" is not an ISCO-08 code$/, (m) => `"${m[1]}" is geen ISCO-08-beroepscode`],
  [/^give an occupation or an isco_code$/, () => 'vul een beroep of een beroepscode in'],
  [/^(\d+) children do not fit a household of (\d+)$/, (m) => `${m[1]} kinderen passen niet in een huishouden van ${m[2]}`],
  [/^"(.*)" is taken$/, (m) => `"${m[1]}" is al in gebruik`],
  [/^you cannot deactivate yourself$/, () => 'u kunt uzelf niet deactiveren'],
  [/^organisation (\d+) does not exist$/, (m) => `organisatie ${m[1]} bestaat niet`],
  [/^contains a control character$/, () => 'bevat een stuurteken'],
  [/^lies before the start date$/, () => 'ligt vóór de begindatum'],
  [/^lies before the arrival date$/, () => 'ligt vóór de aankomst in de gemeente'],
  [/^(.+) cannot follow (.+)$/, (m) => `${capitalise(m[1])} kan niet volgen op ${m[2]}`],
  [/^a path starts with registration or intake, not (.+)$/, (m) => `een traject begint met aanmelding of intake, niet met ${m[1]}`],
  [/^overlaps (.+), which runs until later$/, (m) => `overlapt met ${m[1]}, dat later eindigt`],
  [/^overlaps (.+), which runs until now$/, (m) => `overlapt met ${m[1]}, dat nog loopt`],
  [/^(.+) runs only inside an open sheltered-work phase$/, (m) => `${capitalise(m[1])} kan alleen binnen een lopende fase beschut werk`],
  [/^a later main phase \((.+) from another date\) exists already; phases are added in order$/, (m) => `er is al een latere fase (${m[1]}); fasen worden op volgorde vastgelegd`],
  [/^under 27, study is the first option: offer it and record the choice$/, () => 'onder de 27 is studie de eerste mogelijkheid: bied die aan en leg de keuze vast'],
  [/^under 27: record whether study was accepted or declined$/, () => 'onder de 27: leg vast of de deelnemer voor studie kiest of niet'],
  [/^runs past the start of the next step \((.*)\)$/, (m) => `loopt door na het begin van de volgende stap (${formatDate(m[1])})`],
  [/^"(.*)" is not a kind of phase$/, (m) => `"${m[1]}" is geen soort fase`],
  [/^"(.*)" is not a data category or social$/, (m) => `"${m[1]}" is geen gegevenscategorie of 'sociaal'`],
  [/^"(.*)" is not one of (.*)$/, (m) => `"${m[1]}" is geen geldige keuze`],
  [/^user (\d+) does not exist or is inactive$/, (m) => `gebruiker ${m[1]} bestaat niet of is niet actief`],
  [/^user (\d+) is not an active welfare worker$/, (m) => `gebruiker ${m[1]} is geen actieve welzijnswerker`],
  [/^tick every checklist item before signing$/, () => 'vink eerst alle punten van de checklist af; daarna kunt u tekenen'],
  [/^only the participant's volunteer or the welfare worker signs the hand-over$/, () => 'alleen de vrijwilliger van de deelnemer of de welzijnswerker tekent de overdracht'],
  [/^must be an object of item codes and true or false$/, () => 'moet per punt aangeven of het is gedaan'],
  [/^"(.*)" is not a checklist item set to true or false$/, (m) => `"${m[1]}" is geen punt van de checklist`],
  [/^a held place needs the date the hold ends$/, () => 'een gereserveerde plek heeft een einddatum nodig'],
  [/^the intake of participant (\d+) is recorded already$/, () => 'de intake van deze deelnemer is al vastgelegd'],
  [/^the hand-over is signed by both already$/, () => 'de overdracht is al door beiden getekend'],
  [/^is not valid UTF-8$/, () => 'is geen geldige UTF-8-tekst'],
];

export function reasonNl(reason) {
  const text = String(reason ?? '');
  for (const [re, fmt] of REASONS) {
    const m = re.exec(text);
    if (m) return fmt(m);
  }
  return text;
}

// The line under a list that leaves out people outside the reader's access
// (the API's "others" counts); '' when no one is left out.
export function othersText(n) {
  const k = Number(n) || 0;
  if (k <= 0) return '';
  return k === 1 ? '1 andere deelnemer valt buiten uw toegang en wordt niet getoond.'
    : `${k} andere deelnemers vallen buiten uw toegang en worden niet getoond.`;
}
