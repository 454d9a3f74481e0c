/*
 * activity.c - the register of processing activities, as data.
 */
#include "activity.h"

#include <string.h>

static const struct activity_def register_[ACTIVITY_COUNT] = {
	[ACTIVITY_REGISTRATION] = { "mdn-001", "registratie deelnemer",
		"uitvoeren van de Participatiewet: begeleiding naar werk", "Participatiewet art. 7, 10" },
	[ACTIVITY_DOSSIER_READ] = { "mdn-002", "inzage dossier",
		"begeleiding van de deelnemer op het traject", "Participatiewet art. 7, 10" },
	[ACTIVITY_CASELOAD_LIST] = { "mdn-003", "overzicht deelnemers",
		"werkvoorraad en caseload van de begeleider", "Participatiewet art. 7" },
	[ACTIVITY_SCREENING_IMPORT] = { "mdn-004", "import screening COA",
		"warme overdracht van het klantprofiel uit het azc", "Wet inburgering 2021 art. 14" },
	[ACTIVITY_CONSENT] = { "mdn-005", "vastleggen toestemming",
		"delen van gegevens met partners op basis van toestemming", "AVG art. 6 lid 1 sub a" },
	[ACTIVITY_NETWORK] = { "mdn-006", "begeleidingsnetwerk",
		"toewijzen van jobcoach, vrijwilliger en andere begeleiders", "Participatiewet art. 7" },
	[ACTIVITY_LOG_READ] = { "mdn-007", "inzage verwerkingslog",
		"verantwoording en inzagerecht van de betrokkene", "AVG art. 15, 30" },
	[ACTIVITY_PATH] = { "mdn-008", "traject bijhouden",
		"fasen, intake, participatieladder en overdracht van het traject naar werk", "Participatiewet art. 7, 10" },
	[ACTIVITY_JOURNAL] = { "mdn-009", "contacten en notities",
		"verslag van contacten en begeleiding", "Participatiewet art. 7" },
	[ACTIVITY_WORKLIST] = { "mdn-010", "werkvoorraad",
		"signalen die om actie vragen op de eigen caseload", "Participatiewet art. 7" },
	[ACTIVITY_PLACEMENT] = { "mdn-011", "plaatsing bij werkgever",
		"plaatsen op een werkplek en aanwezigheid op de werkvloer", "Participatiewet art. 7, 10" },
	[ACTIVITY_ASSESSMENT] = { "mdn-012", "beoordeling werkvloer",
		"beoordelen van werknemersvaardigheden en advies over de volgende stap", "Participatiewet art. 7, 10" },
	[ACTIVITY_VISIT] = { "mdn-013", "bedrijfsbezoek en matching",
		"uitnodigen voor bedrijfsbezoeken en matchingsevents en de opvolging door werkgevers",
		"Participatiewet art. 7" },
	[ACTIVITY_TRAINING] = { "mdn-014", "scholing op de werkvloer",
		"korte opleidingen, resultaten en certificaten", "Participatiewet art. 10" },
	[ACTIVITY_WEEK_PLAN] = { "mdn-015", "weekplanning",
		"werk, lessen en afspraken in de week plannen rond de inburgeringslessen", "Participatiewet art. 7, 10" },
	[ACTIVITY_CLASS_ATTENDANCE] = { "mdn-016", "lesaanwezigheid inburgering",
		"inschrijving in lesgroepen en aanwezigheid bij de lessen", "Wet inburgering 2021 art. 7; Participatiewet art. 7" },
};

const struct activity_def *activity_get(enum activity a)
{
	return &register_[a];
}

const struct activity_def *activity_find(const char *id)
{
	for (int i = 0; id && i < ACTIVITY_COUNT; i++)
		if (strcmp(register_[i].id, id) == 0)
			return &register_[i];
	return NULL;
}
