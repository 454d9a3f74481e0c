/*
 * codes.c - the rows of every code list and the small functions that walk
 * them. The lists are pure data; see codes.h for what each one holds.
 *
 * Every list is sorted by code in strcmp order (so "0" < "01" < "1" < "11"
 * for ISCO, and "am" < "ar" < "az" for languages) and lookups binary-search
 * it; tests/unit/test_codes.c fails when a row is out of order or doubled.
 * Country names follow the Dutch iso-codes translation with the short names
 * in common use ("Syrië", "Iran", "Palestina"); user interfaces that want
 * the lists alphabetical by label sort them themselves.
 */
#include "codes.h"

#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ISCED 2011 levels of education. */
static const struct code isced_codes[] = {
	{ "0", "Vroegschoolse educatie / geen onderwijs" },
	{ "1", "Primair onderwijs" },
	{ "2", "Lager secundair onderwijs" },
	{ "3", "Hoger secundair onderwijs" },
	{ "4", "Postsecundair niet-tertiair onderwijs" },
	{ "5", "Kortcyclisch tertiair onderwijs" },
	{ "6", "Bachelor of gelijkwaardig" },
	{ "7", "Master of gelijkwaardig" },
	{ "8", "Doctoraat" },
};

/* Common European Framework of Reference levels, plus A0 for someone who
 * has not reached A1. */
static const struct code cefr_codes[] = {
	{ "A0", "Beginner (onder A1)" },
	{ "A1", "A1 basisgebruiker: doorbraak" },
	{ "A2", "A2 basisgebruiker: tussenstap" },
	{ "B1", "B1 onafhankelijk gebruiker: drempel" },
	{ "B2", "B2 onafhankelijk gebruiker: gevorderd" },
	{ "C1", "C1 vaardig gebruiker: effectief" },
	{ "C2", "C2 vaardig gebruiker: beheersing" },
};

/* ISCO-08: the 10 major groups and 43 sub-major groups. */
static const struct code isco_codes[] = {
	{ "0", "Militaire beroepen" },
	{ "01", "Officieren" },
	{ "02", "Onderofficieren" },
	{ "03", "Militairen, overige rangen" },
	{ "1", "Leidinggevenden" },
	{ "11", "Directeuren, hogere ambtenaren en volksvertegenwoordigers" },
	{ "12", "Managers bedrijfsvoering en commerciële zaken" },
	{ "13", "Managers productie en gespecialiseerde dienstverlening" },
	{ "14", "Managers horeca, detailhandel en overige dienstverlening" },
	{ "2", "Intellectuele, wetenschappelijke en artistieke beroepen" },
	{ "21", "Specialisten natuurwetenschappen en techniek" },
	{ "22", "Specialisten gezondheidszorg" },
	{ "23", "Specialisten onderwijs" },
	{ "24", "Specialisten bedrijfsbeheer en administratie" },
	{ "25", "Specialisten informatie- en communicatietechnologie" },
	{ "26", "Specialisten juridische, sociale en culturele zaken" },
	{ "3", "Technici en vakspecialisten" },
	{ "31", "Technici natuurwetenschappen en techniek" },
	{ "32", "Vakspecialisten gezondheidszorg" },
	{ "33", "Vakspecialisten bedrijfsbeheer en administratie" },
	{ "34", "Vakspecialisten juridische, sociale, culturele en verwante zaken" },
	{ "35", "Technici informatie- en communicatietechnologie" },
	{ "4", "Administratief personeel" },
	{ "41", "Algemeen administratief personeel en typisten" },
	{ "42", "Klantenservicemedewerkers" },
	{ "43", "Administratief personeel cijfers en materiaalregistratie" },
	{ "44", "Overig administratief personeel" },
	{ "5", "Dienstverlenend personeel en verkopers" },
	{ "51", "Persoonlijke dienstverleners" },
	{ "52", "Verkopers" },
	{ "53", "Verzorgend personeel" },
	{ "54", "Beveiligingspersoneel" },
	{ "6", "Geschoolde landbouwers, bosbouwers en vissers" },
	{ "61", "Marktgerichte geschoolde landbouwers en veehouders" },
	{ "62", "Marktgerichte geschoolde bosbouwers, vissers en jagers" },
	{ "63", "Zelfvoorzienende landbouwers, vissers, jagers en verzamelaars" },
	{ "7", "Ambachtslieden en verwante beroepen" },
	{ "71", "Bouwvakkers en verwante beroepen, behalve elektriciens" },
	{ "72", "Metaalbewerkers, monteurs en verwante beroepen" },
	{ "73", "Ambachtelijke beroepen en drukkers" },
	{ "74", "Elektriciens en elektronicamonteurs" },
	{ "75", "Levensmiddelenverwerkers, houtbewerkers, kledingmakers en overige ambachten" },
	{ "8", "Bedieners van machines en installaties, en assembleurs" },
	{ "81", "Bedieners van stationaire machines en installaties" },
	{ "82", "Assembleurs" },
	{ "83", "Bestuurders van voertuigen en bedieners van mobiele installaties" },
	{ "9", "Elementaire beroepen" },
	{ "91", "Schoonmakers en huishoudelijke hulpen" },
	{ "92", "Hulpkrachten landbouw, bosbouw en visserij" },
	{ "93", "Hulpkrachten mijnbouw, bouw, industrie en transport" },
	{ "94", "Hulpkrachten bij de bereiding van maaltijden" },
	{ "95", "Straatverkopers en straatdienstverleners" },
	{ "96", "Vuilnisophalers en overige elementaire beroepen" },
};

/* ISO 3166-1 alpha-2, all 249 officially assigned codes. */
static const struct code country_codes[] = {
	{ "AD", "Andorra" },
	{ "AE", "Verenigde Arabische Emiraten" },
	{ "AF", "Afghanistan" },
	{ "AG", "Antigua en Barbuda" },
	{ "AI", "Anguilla" },
	{ "AL", "Albanië" },
	{ "AM", "Armenië" },
	{ "AO", "Angola" },
	{ "AQ", "Antarctica" },
	{ "AR", "Argentinië" },
	{ "AS", "Amerikaans-Samoa" },
	{ "AT", "Oostenrijk" },
	{ "AU", "Australië" },
	{ "AW", "Aruba" },
	{ "AX", "Ålandseilanden" },
	{ "AZ", "Azerbeidzjan" },
	{ "BA", "Bosnië en Herzegovina" },
	{ "BB", "Barbados" },
	{ "BD", "Bangladesh" },
	{ "BE", "België" },
	{ "BF", "Burkina Faso" },
	{ "BG", "Bulgarije" },
	{ "BH", "Bahrein" },
	{ "BI", "Burundi" },
	{ "BJ", "Benin" },
	{ "BL", "Saint-Barthélemy" },
	{ "BM", "Bermuda" },
	{ "BN", "Brunei" },
	{ "BO", "Bolivia" },
	{ "BQ", "Bonaire, Sint Eustatius en Saba" },
	{ "BR", "Brazilië" },
	{ "BS", "Bahama's" },
	{ "BT", "Bhutan" },
	{ "BV", "Bouveteiland" },
	{ "BW", "Botswana" },
	{ "BY", "Belarus" },
	{ "BZ", "Belize" },
	{ "CA", "Canada" },
	{ "CC", "Cocoseilanden (Keelingeilanden)" },
	{ "CD", "Congo (Democratische Republiek)" },
	{ "CF", "Centraal-Afrikaanse Republiek" },
	{ "CG", "Congo (Republiek)" },
	{ "CH", "Zwitserland" },
	{ "CI", "Ivoorkust" },
	{ "CK", "Cookeilanden" },
	{ "CL", "Chili" },
	{ "CM", "Kameroen" },
	{ "CN", "China" },
	{ "CO", "Colombia" },
	{ "CR", "Costa Rica" },
	{ "CU", "Cuba" },
	{ "CV", "Kaapverdië" },
	{ "CW", "Curaçao" },
	{ "CX", "Christmaseiland" },
	{ "CY", "Cyprus" },
	{ "CZ", "Tsjechië" },
	{ "DE", "Duitsland" },
	{ "DJ", "Djibouti" },
	{ "DK", "Denemarken" },
	{ "DM", "Dominica" },
	{ "DO", "Dominicaanse Republiek" },
	{ "DZ", "Algerije" },
	{ "EC", "Ecuador" },
	{ "EE", "Estland" },
	{ "EG", "Egypte" },
	{ "EH", "Westelijke Sahara" },
	{ "ER", "Eritrea" },
	{ "ES", "Spanje" },
	{ "ET", "Ethiopië" },
	{ "FI", "Finland" },
	{ "FJ", "Fiji" },
	{ "FK", "Falklandeilanden (Malvinas)" },
	{ "FM", "Micronesia" },
	{ "FO", "Faeröer" },
	{ "FR", "Frankrijk" },
	{ "GA", "Gabon" },
	{ "GB", "Verenigd Koninkrijk" },
	{ "GD", "Grenada" },
	{ "GE", "Georgië" },
	{ "GF", "Frans-Guyana" },
	{ "GG", "Guernsey" },
	{ "GH", "Ghana" },
	{ "GI", "Gibraltar" },
	{ "GL", "Groenland" },
	{ "GM", "Gambia" },
	{ "GN", "Guinee" },
	{ "GP", "Guadeloupe" },
	{ "GQ", "Equatoriaal-Guinea" },
	{ "GR", "Griekenland" },
	{ "GS", "Zuid-Georgia en de Zuidelijke Sandwicheilanden" },
	{ "GT", "Guatemala" },
	{ "GU", "Guam" },
	{ "GW", "Guinee-Bissau" },
	{ "GY", "Guyana" },
	{ "HK", "Hongkong" },
	{ "HM", "Heardeiland en McDonaldeilanden" },
	{ "HN", "Honduras" },
	{ "HR", "Kroatië" },
	{ "HT", "Haïti" },
	{ "HU", "Hongarije" },
	{ "ID", "Indonesië" },
	{ "IE", "Ierland" },
	{ "IL", "Israël" },
	{ "IM", "Eiland Man" },
	{ "IN", "India" },
	{ "IO", "Brits Indische Oceaanterritorium" },
	{ "IQ", "Irak" },
	{ "IR", "Iran" },
	{ "IS", "IJsland" },
	{ "IT", "Italië" },
	{ "JE", "Jersey" },
	{ "JM", "Jamaica" },
	{ "JO", "Jordanië" },
	{ "JP", "Japan" },
	{ "KE", "Kenia" },
	{ "KG", "Kirgizië" },
	{ "KH", "Cambodja" },
	{ "KI", "Kiribati" },
	{ "KM", "Comoren" },
	{ "KN", "Saint Kitts en Nevis" },
	{ "KP", "Noord-Korea" },
	{ "KR", "Zuid-Korea" },
	{ "KW", "Koeweit" },
	{ "KY", "Kaaimaneilanden" },
	{ "KZ", "Kazachstan" },
	{ "LA", "Laos" },
	{ "LB", "Libanon" },
	{ "LC", "Saint Lucia" },
	{ "LI", "Liechtenstein" },
	{ "LK", "Sri Lanka" },
	{ "LR", "Liberia" },
	{ "LS", "Lesotho" },
	{ "LT", "Litouwen" },
	{ "LU", "Luxemburg" },
	{ "LV", "Letland" },
	{ "LY", "Libië" },
	{ "MA", "Marokko" },
	{ "MC", "Monaco" },
	{ "MD", "Moldavië" },
	{ "ME", "Montenegro" },
	{ "MF", "Sint-Maarten (Frans deel)" },
	{ "MG", "Madagaskar" },
	{ "MH", "Marshalleilanden" },
	{ "MK", "Noord-Macedonië" },
	{ "ML", "Mali" },
	{ "MM", "Myanmar" },
	{ "MN", "Mongolië" },
	{ "MO", "Macau" },
	{ "MP", "Noordelijke Marianen" },
	{ "MQ", "Martinique" },
	{ "MR", "Mauritanië" },
	{ "MS", "Montserrat" },
	{ "MT", "Malta" },
	{ "MU", "Mauritius" },
	{ "MV", "Maldiven" },
	{ "MW", "Malawi" },
	{ "MX", "Mexico" },
	{ "MY", "Maleisië" },
	{ "MZ", "Mozambique" },
	{ "NA", "Namibië" },
	{ "NC", "Nieuw-Caledonië" },
	{ "NE", "Niger" },
	{ "NF", "Norfolkeiland" },
	{ "NG", "Nigeria" },
	{ "NI", "Nicaragua" },
	{ "NL", "Nederland" },
	{ "NO", "Noorwegen" },
	{ "NP", "Nepal" },
	{ "NR", "Nauru" },
	{ "NU", "Niue" },
	{ "NZ", "Nieuw-Zeeland" },
	{ "OM", "Oman" },
	{ "PA", "Panama" },
	{ "PE", "Peru" },
	{ "PF", "Frans-Polynesië" },
	{ "PG", "Papoea-Nieuw-Guinea" },
	{ "PH", "Filipijnen" },
	{ "PK", "Pakistan" },
	{ "PL", "Polen" },
	{ "PM", "Saint-Pierre en Miquelon" },
	{ "PN", "Pitcairneilanden" },
	{ "PR", "Puerto Rico" },
	{ "PS", "Palestina" },
	{ "PT", "Portugal" },
	{ "PW", "Palau" },
	{ "PY", "Paraguay" },
	{ "QA", "Qatar" },
	{ "RE", "Réunion" },
	{ "RO", "Roemenië" },
	{ "RS", "Servië" },
	{ "RU", "Rusland" },
	{ "RW", "Rwanda" },
	{ "SA", "Saoedi-Arabië" },
	{ "SB", "Salomonseilanden" },
	{ "SC", "Seychellen" },
	{ "SD", "Soedan" },
	{ "SE", "Zweden" },
	{ "SG", "Singapore" },
	{ "SH", "Sint-Helena, Ascension en Tristan da Cunha" },
	{ "SI", "Slovenië" },
	{ "SJ", "Spitsbergen en Jan Mayen" },
	{ "SK", "Slowakije" },
	{ "SL", "Sierra Leone" },
	{ "SM", "San Marino" },
	{ "SN", "Senegal" },
	{ "SO", "Somalië" },
	{ "SR", "Suriname" },
	{ "SS", "Zuid-Soedan" },
	{ "ST", "Sao Tomé en Principe" },
	{ "SV", "El Salvador" },
	{ "SX", "Sint Maarten (Nederlands deel)" },
	{ "SY", "Syrië" },
	{ "SZ", "Eswatini" },
	{ "TC", "Turks- en Caicoseilanden" },
	{ "TD", "Tsjaad" },
	{ "TF", "Franse Zuidelijke Gebieden" },
	{ "TG", "Togo" },
	{ "TH", "Thailand" },
	{ "TJ", "Tadzjikistan" },
	{ "TK", "Tokelau" },
	{ "TL", "Oost-Timor" },
	{ "TM", "Turkmenistan" },
	{ "TN", "Tunesië" },
	{ "TO", "Tonga" },
	{ "TR", "Turkije" },
	{ "TT", "Trinidad en Tobago" },
	{ "TV", "Tuvalu" },
	{ "TW", "Taiwan" },
	{ "TZ", "Tanzania" },
	{ "UA", "Oekraïne" },
	{ "UG", "Oeganda" },
	{ "UM", "Kleine afgelegen eilanden van de Verenigde Staten" },
	{ "US", "Verenigde Staten" },
	{ "UY", "Uruguay" },
	{ "UZ", "Oezbekistan" },
	{ "VA", "Vaticaanstad" },
	{ "VC", "Saint Vincent en de Grenadines" },
	{ "VE", "Venezuela" },
	{ "VG", "Britse Maagdeneilanden" },
	{ "VI", "Amerikaanse Maagdeneilanden" },
	{ "VN", "Vietnam" },
	{ "VU", "Vanuatu" },
	{ "WF", "Wallis en Futuna" },
	{ "WS", "Samoa" },
	{ "YE", "Jemen" },
	{ "YT", "Mayotte" },
	{ "ZA", "Zuid-Afrika" },
	{ "ZM", "Zambia" },
	{ "ZW", "Zimbabwe" },
};

/* ISO 639-1 where a language has a two-letter code, ISO 639-3 (or, for
 * Berber as a whole, ISO 639-5) where it has not. Kurdish has the
 * macrolanguage "ku" for when the variety is not known, beside Sorani and
 * Kurmanji. */
static const struct code language_codes[] = {
	{ "af", "Afrikaans" },
	{ "aii", "Assyrisch (Neo-Aramees)" },
	{ "am", "Amhaars" },
	{ "ar", "Arabisch" },
	{ "az", "Azerbeidzjaans" },
	{ "be", "Belarussisch" },
	{ "ber", "Berbers (Tamazight)" },
	{ "bg", "Bulgaars" },
	{ "bn", "Bengaals" },
	{ "bo", "Tibetaans" },
	{ "bs", "Bosnisch" },
	{ "ca", "Catalaans" },
	{ "ckb", "Koerdisch (Sorani)" },
	{ "cnr", "Montenegrijns" },
	{ "cs", "Tsjechisch" },
	{ "da", "Deens" },
	{ "de", "Duits" },
	{ "din", "Dinka" },
	{ "dse", "Nederlandse Gebarentaal" },
	{ "el", "Grieks" },
	{ "en", "Engels" },
	{ "es", "Spaans" },
	{ "et", "Estisch" },
	{ "fa", "Perzisch (Farsi)" },
	{ "ff", "Fulfulde (Fula)" },
	{ "fi", "Fins" },
	{ "fr", "Frans" },
	{ "fy", "Fries" },
	{ "gu", "Gujarati" },
	{ "ha", "Hausa" },
	{ "haz", "Hazaragi" },
	{ "he", "Hebreeuws" },
	{ "hi", "Hindi" },
	{ "hr", "Kroatisch" },
	{ "ht", "Haïtiaans Creools" },
	{ "hu", "Hongaars" },
	{ "hy", "Armeens" },
	{ "id", "Indonesisch" },
	{ "ig", "Igbo" },
	{ "it", "Italiaans" },
	{ "ja", "Japans" },
	{ "ka", "Georgisch" },
	{ "kk", "Kazachs" },
	{ "km", "Khmer (Cambodjaans)" },
	{ "kmr", "Koerdisch (Kurmanji)" },
	{ "ko", "Koreaans" },
	{ "ku", "Koerdisch" },
	{ "ky", "Kirgizisch" },
	{ "ln", "Lingala" },
	{ "lo", "Laotiaans" },
	{ "lt", "Litouws" },
	{ "lv", "Lets" },
	{ "mk", "Macedonisch" },
	{ "ml", "Malayalam" },
	{ "mn", "Mongools" },
	{ "mr", "Marathi" },
	{ "ms", "Maleis" },
	{ "my", "Birmaans" },
	{ "ne", "Nepalees" },
	{ "nl", "Nederlands" },
	{ "no", "Noors" },
	{ "nus", "Nuer" },
	{ "om", "Oromo" },
	{ "pa", "Punjabi" },
	{ "pap", "Papiaments" },
	{ "pl", "Pools" },
	{ "prs", "Dari" },
	{ "ps", "Pasjtoe" },
	{ "pt", "Portugees" },
	{ "rif", "Riffijns (Tarifit)" },
	{ "rn", "Kirundi" },
	{ "ro", "Roemeens" },
	{ "rom", "Romani" },
	{ "ru", "Russisch" },
	{ "rw", "Kinyarwanda" },
	{ "si", "Singalees" },
	{ "sk", "Slowaaks" },
	{ "sl", "Sloveens" },
	{ "so", "Somalisch" },
	{ "sq", "Albanees" },
	{ "sr", "Servisch" },
	{ "srn", "Sranantongo" },
	{ "sv", "Zweeds" },
	{ "sw", "Swahili" },
	{ "ta", "Tamil" },
	{ "te", "Telugu" },
	{ "tg", "Tadzjieks" },
	{ "th", "Thai" },
	{ "ti", "Tigrinya" },
	{ "tig", "Tigre" },
	{ "tk", "Turkmeens" },
	{ "tl", "Tagalog" },
	{ "tr", "Turks" },
	{ "ug", "Oeigoers" },
	{ "uk", "Oekraïens" },
	{ "ur", "Urdu" },
	{ "uz", "Oezbeeks" },
	{ "vi", "Vietnamees" },
	{ "wo", "Wolof" },
	{ "yo", "Yoruba" },
	{ "zh", "Chinees" },
};

static const struct code sex_codes[] = {
	{ "female", "vrouw" },
	{ "male", "man" },
	{ "unknown", "onbekend" },
	{ "x", "X (anders/niet gespecificeerd)" },
};

static const struct code target_group_codes[] = {
	{ "family_reunion", "nareiziger" },
	{ "newcomer", "statushouder" },
	{ "other", "overige Participatiewet" },
	{ "sheltered_work", "beschut werk" },
};

static const struct code integration_duty_codes[] = {
	{ "duty", "inburgeringsplichtig" },
	{ "exempt", "vrijgesteld" },
	{ "met", "voldaan" },
	{ "none", "niet van toepassing" },
	{ "voluntary", "vrijwillige inburgeraar" },
};

static const struct code exam_status_codes[] = {
	{ "exempt", "vrijgesteld" },
	{ "failed", "niet geslaagd" },
	{ "in_progress", "bezig" },
	{ "not_started", "niet begonnen" },
	{ "passed", "geslaagd" },
};

static const struct code benefit_codes[] = {
	{ "none", "geen" },
	{ "other", "overig" },
	{ "participatiewet", "bijstand (Participatiewet)" },
	{ "wajong", "Wajong" },
	{ "wia", "WIA" },
	{ "ww", "WW" },
};

/* Whether a foreign diploma has been valued (diplomawaardering by IDW or
 * Nuffic/SBB). */
static const struct code valuation_codes[] = {
	{ "not_comparable", "niet vergelijkbaar" },
	{ "not_requested", "niet aangevraagd" },
	{ "requested", "aangevraagd" },
	{ "valued", "gewaardeerd" },
};

/* The employer side (issue 4). Orders that matter (physical load light <
 * medium < heavy) live in domain/placement.c; these lists give the codes
 * and their Dutch labels. */
static const struct code sector_codes[] = {
	{ "care", "zorg" },
	{ "construction", "bouw" },
	{ "food_processing", "voedingsmiddelenindustrie" },
	{ "greenhouse_horticulture", "glastuinbouw" },
	{ "hospitality", "horeca" },
	{ "logistics", "logistiek" },
	{ "other", "overig" },
	{ "public", "overheid" },
	{ "retail", "detailhandel" },
	{ "technical", "techniek" },
};

static const struct code placement_kind_codes[] = {
	{ "external_work_learning", "extern werkleertraject" },
	{ "internal_work_learning", "intern werkleertraject" },
	{ "language_internship", "taalstage" },
	{ "secondment", "detachering" },
	{ "sheltered_place", "beschutte werkplek" },
	{ "trial_placement", "proefplaatsing" },
	{ "vacancy", "vacature" },
	{ "work_experience_place", "werkervaringsplek" },
};

static const struct code licence_codes[] = {
	{ "driving_b", "rijbewijs B" },
	{ "food_hygiene", "HACCP / voedselveiligheid" },
	{ "forklift", "heftruckcertificaat" },
	{ "reach_truck", "reachtruckcertificaat" },
	{ "vca", "VCA (veiligheid)" },
};

static const struct code physical_load_codes[] = {
	{ "heavy", "zwaar" },
	{ "light", "licht" },
	{ "medium", "gemiddeld" },
};

/* Kinds of week-plan items (schedule.h enum plan_kind). */
static const struct code plan_kind_codes[] = {
	{ "buddy_meeting", "Taalmaatje" },
	{ "coach_appointment", "Afspraak jobcoach" },
	{ "language_class", "Taalles" },
	{ "other", "Overig" },
	{ "training", "Scholing" },
	{ "work", "Werk" },
};

static const struct code size_class_codes[] = {
	{ "large", "groot (250 of meer)" },
	{ "medium", "middelgroot (50 tot 250)" },
	{ "micro", "micro (minder dan 10)" },
	{ "small", "klein (10 tot 50)" },
};

#define LIST(name, rows) { name, rows, COUNT(rows) }

static const struct code_list all_lists[] = {
	LIST("isced", isced_codes),
	LIST("cefr", cefr_codes),
	LIST("isco", isco_codes),
	LIST("countries", country_codes),
	LIST("languages", language_codes),
	LIST("sex", sex_codes),
	LIST("target_group", target_group_codes),
	LIST("integration_duty", integration_duty_codes),
	LIST("exam_status", exam_status_codes),
	LIST("benefit", benefit_codes),
	LIST("valuation", valuation_codes),
	LIST("sector", sector_codes),
	LIST("placement_kind", placement_kind_codes),
	LIST("licences", licence_codes),
	LIST("physical_load", physical_load_codes),
	LIST("size_class", size_class_codes),
	LIST("plan_kind", plan_kind_codes),
};

const struct code_list *codes_find(const char *name)
{
	if (name == NULL)
		return NULL;
	for (size_t i = 0; i < COUNT(all_lists); i++)
		if (strcmp(all_lists[i].name, name) == 0)
			return &all_lists[i];
	return NULL;
}

const struct code *codes_lookup(const struct code_list *list, const char *code)
{
	if (list == NULL || code == NULL)
		return NULL;

	size_t lo = 0, hi = list->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(code, list->items[mid].code);
		if (c == 0)
			return &list->items[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

bool codes_has(const char *name, const char *code)
{
	return codes_lookup(codes_find(name), code) != NULL;
}

const char *codes_label(const char *name, const char *code)
{
	const struct code *c = codes_lookup(codes_find(name), code);

	return c != NULL ? c->label : NULL;
}

const struct code_list *codes_all(size_t *count)
{
	if (count != NULL)
		*count = COUNT(all_lists);
	return all_lists;
}

bool codes_isco_valid(const char *code)
{
	if (code == NULL)
		return false;

	size_t n = strlen(code);
	if (n < 1 || n > 4)
		return false;
	for (size_t i = 0; i < n; i++)
		if (code[i] < '0' || code[i] > '9')
			return false;

	const struct code_list *isco = codes_find("isco");
	char group[3] = { code[0], '\0', '\0' };
	if (codes_lookup(isco, group) == NULL)
		return false;
	if (n >= 2) {
		group[1] = code[1];
		if (codes_lookup(isco, group) == NULL)
			return false;
	}
	return true;
}
