/*
 * demo.c - the synthetic population behind `meedoen demo`. A participant is
 * drawn in two steps: person_draw() fills a plain struct from weighted
 * tables (origin and its language sets, ages, household, education levels,
 * occupations, ...), in a fixed order so that a seed always gives the same
 * people; person_json() then writes that struct as the JSON object of
 * docs/api.md, fields in the order of that document.
 *
 * The weights are rough, not statistics: origins follow the Dutch asylum
 * intake of recent years (Syria about a third, then Eritrea, Afghanistan,
 * Turkey), education and work history are spread from none to doctorate,
 * and Dutch language levels rise with the months since the permit. Names
 * are Latin-script transliterations as they would appear in Dutch records
 * (Turkish keeps its own letters, in UTF-8). Streets, language schools and
 * e-mail domains are made up or reserved; postal codes are Westland's.
 *
 * Short strings (street, phone, e-mail) are assembled in fixed arrays by a
 * tiny bounded appender (struct text) rather than base/buf: they are a few
 * dozen bytes, this file stays free of heap and of base/, and it is the hot
 * path of a 100,000-participant benchmark.
 */
#include "demo.h"
#include "daypart.h"
#include "placement.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- random numbers ---------------------------------------------------- */

void demo_rng_init(struct demo_rng *r, uint64_t seed)
{
	r->state = seed;
}

uint64_t demo_rng_next(struct demo_rng *r)
{
	uint64_t z = (r->state += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

uint32_t demo_rng_below(struct demo_rng *r, uint32_t n)
{
	if (n <= 1)
		return 0;
	uint64_t m = (demo_rng_next(r) >> 32) * (uint64_t)n;
	uint32_t low = (uint32_t)m;
	if (low < n) {
		uint32_t threshold = (uint32_t)(-n) % n;
		while (low < threshold) {
			m = (demo_rng_next(r) >> 32) * (uint64_t)n;
			low = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

/* A number in [lo, hi]; hi >= lo. */
static int rng_range(struct demo_rng *r, int lo, int hi)
{
	return lo + (int)demo_rng_below(r, (uint32_t)(hi - lo + 1));
}

/* True with a chance of permille / 1000. */
static bool rng_chance(struct demo_rng *r, int permille)
{
	return (int)demo_rng_below(r, 1000) < permille;
}

/* Index of a row drawn with probability proportional to its int weight,
 * which sits `off` bytes into each `stride`-byte row. Rows of weight 0 are
 * never drawn; at least one row must weigh more. */
static size_t pick_index(struct demo_rng *r, const void *rows, size_t n,
			 size_t stride, size_t off)
{
	const char *base = rows;
	uint32_t total = 0;

	for (size_t i = 0; i < n; i++)
		total += (uint32_t)*(const int *)(const void *)(base + i * stride + off);
	uint32_t x = demo_rng_below(r, total);
	for (size_t i = 0; i < n; i++) {
		uint32_t w = (uint32_t)*(const int *)(const void *)(base + i * stride + off);
		if (x < w)
			return i;
		x -= w;
	}
	return n - 1; /* not reached */
}

/* A pointer to a row of array `arr` drawn by its `weight` member. */
#define PICK(r, arr)                                                         \
	(&(arr)[pick_index((r), (arr), COUNT(arr), sizeof((arr)[0]),          \
			   (size_t)((const char *)&(arr)[0].weight -         \
				    (const char *)&(arr)[0]))])

/* A uniformly drawn element of an array of strings. */
#define ANY(r, arr) ((arr)[demo_rng_below((r), (uint32_t)COUNT(arr))])

/* ---- bounded text ------------------------------------------------------ */

struct text {
	char s[192];
	size_t len;
};

static void text_init(struct text *t)
{
	t->s[0] = '\0';
	t->len = 0;
}

/* Append s whole, or nothing when it does not fit (so a UTF-8 character
 * is never cut in half; no text here comes near the limit). */
static void text_put(struct text *t, const char *s)
{
	size_t n = strlen(s);

	if (t->len + n + 1 > sizeof(t->s))
		return;
	memcpy(t->s + t->len, s, n + 1);
	t->len += n;
}

static void text_putc(struct text *t, char c)
{
	char s[2] = { c, '\0' };

	text_put(t, s);
}

/* Append v in decimal, padded with zeros to at least `width` digits. */
static void text_num(struct text *t, unsigned long v, int width)
{
	char d[24];
	int n = 0;

	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 && n < (int)sizeof(d));
	while (n < width && n < (int)sizeof(d))
		d[n++] = '0';
	while (n > 0)
		text_putc(t, d[--n]);
}

/* ---- identifiers ------------------------------------------------------- */

/* Multipliers coprime to the moduli, so index -> number is a bijection. */
#define BSN_SPAN 9000000UL    /* 7-digit prefixes 1000000..9999999 */
#define BSN_MUL 2718281UL
#define BSN_ADD 1234567UL
#define EXT_SPAN 90000000UL   /* 8-digit ids 10000000..99999999 */
#define EXT_MUL 7368787UL
#define EXT_ADD 31415926UL

void demo_bsn(long index, char out[DEMO_BSN_LEN])
{
	unsigned long i = (unsigned long)index % BSN_SPAN;
	unsigned long prefix = 1000000UL + (i * BSN_MUL + BSN_ADD) % BSN_SPAN;
	int d[9];
	int sum7 = 0;

	for (int k = 6; k >= 0; k--) {
		d[k] = (int)(prefix % 10);
		prefix /= 10;
	}
	for (int k = 0; k < 7; k++)
		sum7 += (9 - k) * d[k];
	/* The eighth digit weighs 2; 2*d8 mod 11 differs for each d8 in 0..9,
	 * so at most one choice needs check digit 10 and at most one more gives
	 * a zero total: some d8 always works. Start from a digit of the prefix
	 * so the eighth digit is spread. */
	int start = d[3];
	for (int j = 0; j < 10; j++) {
		int d8 = (start + j) % 10;
		int sum = sum7 + 2 * d8;
		int check = sum % 11;
		if (check == 10 || sum - check == 0)
			continue;
		d[7] = d8;
		d[8] = check;
		break;
	}
	for (int k = 0; k < 9; k++)
		out[k] = (char)('0' + d[k]);
	out[9] = '\0';
}

void demo_external_id(long index, char out[DEMO_EXTERNAL_ID_LEN])
{
	unsigned long i = (unsigned long)index % EXT_SPAN;
	unsigned long n = 10000000UL + (i * EXT_MUL + EXT_ADD) % EXT_SPAN;

	memcpy(out, "COA-", 4);
	for (int k = 11; k >= 4; k--) {
		out[k] = (char)('0' + n % 10);
		n /= 10;
	}
	out[12] = '\0';
}

/* ---- names ------------------------------------------------------------- */

struct name_table {
	const char *const *female;
	size_t n_female;
	const char *const *male;
	size_t n_male;
	const char *const *family;
	size_t n_family;
	int two_given; /* permille with two given names */
};

static const char *const arabic_female[] = {
	"Fatima", "Aisha", "Mariam", "Noor", "Rania", "Hala", "Layla", "Salma",
	"Huda", "Amira", "Yasmin", "Lina", "Rasha", "Dima", "Reem", "Nour",
	"Zainab", "Samira", "Hiba", "Asma", "Ghada", "Wafaa", "Sana", "Rana",
	"Maha", "Manal", "Safaa", "Nada", "Heba", "Suha", "Alaa", "Shahad",
	"Razan",
};
static const char *const arabic_male[] = {
	"Mohammed", "Ahmad", "Mahmoud", "Omar", "Ali", "Hassan", "Hussein",
	"Khaled", "Yousef", "Ibrahim", "Abdullah", "Mustafa", "Samer", "Rami",
	"Bashar", "Firas", "Tarek", "Walid", "Ziad", "Nabil", "Karim", "Hamza",
	"Anas", "Majd", "Fadi", "Ammar", "Bilal", "Jamal", "Saleh", "Osama",
	"Adnan", "Yaser", "Mazen", "Hadi",
};
static const char *const arabic_family[] = {
	"Al-Hassan", "Al-Ahmad", "Khalil", "Haddad", "Al-Khatib", "Mansour",
	"Darwish", "Hamdan", "Al-Masri", "Nasser", "Saleh", "Youssef", "Al-Ali",
	"Haidar", "Al-Sayed", "Qassem", "Al-Hamoud", "Shaheen", "Abboud",
	"Al-Jasem", "Kanaan", "Habib", "Al-Omar", "Hijazi", "Al-Rashid", "Zaher",
	"Othman", "Al-Hussein", "Jaber", "Barakat", "Al-Tamimi", "Suleiman",
	"Abdelrahman",
};

/* Eritrea and Ethiopia: the family name is the father's given name. */
static const char *const habesha_female[] = {
	"Helen", "Senait", "Selam", "Mebrat", "Luwam", "Ruth", "Saba",
	"Yordanos", "Hiwet", "Freweini", "Tsega", "Meron", "Eden", "Rahwa",
	"Winta", "Lidya", "Mahlet", "Feven", "Segen", "Hanna", "Tirhas", "Almaz",
	"Elsa", "Selamawit", "Abeba", "Yodit", "Bethlehem", "Semhar", "Nardos",
	"Aster", "Genet", "Sara",
};
static const char *const habesha_male[] = {
	"Yonas", "Abraham", "Daniel", "Tesfay", "Filmon", "Robel", "Samuel",
	"Merhawi", "Biniam", "Henok", "Dawit", "Yohannes", "Mussie", "Aron",
	"Teklay", "Kibrom", "Habtom", "Mebrahtu", "Tewelde", "Ermias", "Amanuel",
	"Michael", "Natnael", "Semere", "Goitom", "Haile", "Berhane", "Yemane",
	"Efrem", "Senay", "Tedros", "Abel",
};
static const char *const habesha_family[] = {
	"Tesfamariam", "Gebremedhin", "Haile", "Tekle", "Berhe", "Ghebreyesus",
	"Kidane", "Woldu", "Mehari", "Asfaha", "Habte", "Tesfaldet", "Ghirmay",
	"Yohannes", "Andemariam", "Negash", "Zerai", "Okbay", "Tsegay", "Abraha",
	"Gebrehiwet", "Weldemichael", "Fsehaye", "Kahsay", "Araya", "Hagos",
	"Mengistu", "Tadesse", "Bekele", "Alemu", "Girma", "Desta",
};

static const char *const afghan_female[] = {
	"Fatima", "Zahra", "Maryam", "Shabnam", "Farzana", "Nazanin", "Parwana",
	"Mina", "Laila", "Sima", "Roya", "Freshta", "Mursal", "Nilofar", "Sadaf",
	"Hosai", "Tamana", "Zarghona", "Malalai", "Soraya", "Mahbooba",
	"Gulalai", "Nasrin", "Khadija", "Lida", "Fariba", "Homa", "Shakila",
	"Arezo", "Marzia", "Samira", "Wajiha",
};
static const char *const afghan_male[] = {
	"Ahmad", "Mohammad", "Mustafa", "Ali", "Reza", "Hamid", "Farid", "Jawad",
	"Naveed", "Sohail", "Wahid", "Zabihullah", "Rahmatullah", "Najibullah",
	"Habib", "Nasir", "Omid", "Samiullah", "Bashir", "Karim", "Jamshid",
	"Fawad", "Sharif", "Khalid", "Mansoor", "Rashid", "Yama", "Idris",
	"Ajmal", "Shafiq", "Hekmat", "Masoud",
};
static const char *const afghan_family[] = {
	"Ahmadi", "Rahimi", "Hakimi", "Karimi", "Sultani", "Hashimi", "Popal",
	"Noori", "Stanikzai", "Wardak", "Safi", "Mohammadi", "Haidari", "Jalali",
	"Rasuli", "Amiri", "Sadat", "Azizi", "Nazari", "Qaderi", "Mansoori",
	"Rezaei", "Sharifi", "Yousufzai", "Durrani", "Barakzai", "Habibi",
	"Samadi", "Shinwari", "Niazi", "Faizi", "Hotak",
};

static const char *const turkish_female[] = {
	"Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Meryem", "Şerife",
	"Sultan", "Hülya", "Merve", "Esra", "Büşra", "Özlem", "Derya", "Gül",
	"Selin", "Ebru", "Dilek", "Seda", "Tuba", "Aylin", "Sibel", "Nur",
	"Gamze", "Yasemin", "Burcu", "Cansu", "Pınar", "Deniz", "Kübra", "Leyla",
};
static const char *const turkish_male[] = {
	"Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim",
	"Murat", "Emre", "Burak", "Yusuf", "Ömer", "Fatih", "Serkan", "Kemal",
	"Osman", "Halil", "Recep", "Cem", "Onur", "Uğur", "Volkan", "Tolga",
	"Erkan", "Gökhan", "Selim", "Oğuz", "Barış", "Kaan", "Levent", "Orhan",
	"Tarık",
};
static const char *const turkish_family[] = {
	"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım",
	"Öztürk", "Aydın", "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan",
	"Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek", "Polat", "Korkmaz",
	"Karataş", "Güneş", "Aksoy", "Tekin", "Bulut", "Keskin", "Ünal",
	"Başaran", "Avcı", "Eren", "Uçar",
};

static const char *const kurdish_female[] = {
	"Rojda", "Dilan", "Berivan", "Nazdar", "Shilan", "Hevi", "Zozan",
	"Ronahi", "Gulistan", "Delal", "Avin", "Jiyan", "Rozerin", "Zilan",
	"Helin", "Evin", "Narin", "Lana", "Ruken", "Dilvin", "Nishtiman", "Hana",
	"Kajal", "Shirin", "Bahar", "Sozdar", "Perwin", "Gulan", "Beritan",
	"Viyan", "Rojin", "Hawin",
};
static const char *const kurdish_male[] = {
	"Azad", "Rojhat", "Shervan", "Dilshad", "Hozan", "Baran", "Berzan",
	"Karwan", "Rebwar", "Soran", "Diyar", "Aram", "Hawre", "Zana", "Ciwan",
	"Rezan", "Welat", "Serhat", "Dilovan", "Kawa", "Bahoz", "Shvan", "Arian",
	"Hejar", "Botan", "Roj", "Mirza", "Hogir", "Nechirvan", "Sardar",
	"Ahmed", "Hemin",
};
static const char *const kurdish_family[] = {
	"Ahmed", "Mahmoud", "Hussein", "Rashid", "Kaya", "Ali", "Amin", "Aziz",
	"Baban", "Jaff", "Hawrami", "Karim", "Mustafa", "Rasul", "Salih",
	"Bakir", "Hamad", "Qadir", "Faraj", "Majid", "Othman", "Tahir",
	"Sheikhmous", "Ibrahim", "Haji", "Osman", "Zebari", "Bozan", "Dogan",
	"Ayhan", "Demir", "Temel",
};

static const char *const somali_female[] = {
	"Amina", "Fadumo", "Hodan", "Sahra", "Ifrah", "Hibo", "Khadra", "Asha",
	"Sagal", "Nimco", "Ubah", "Fartun", "Idil", "Sucaad", "Ayan", "Maryan",
	"Hawa", "Halima", "Sadia", "Ikran", "Zamzam", "Deeqa", "Nasra", "Muna",
	"Hamdi", "Layla", "Warda", "Filsan", "Kowsar", "Najma", "Anisa",
	"Shukri", "Ladan",
};
static const char *const somali_male[] = {
	"Abdi", "Mohamed", "Ahmed", "Hassan", "Abdirahman", "Abdullahi", "Omar",
	"Ali", "Ismail", "Yusuf", "Farah", "Mahad", "Abdikarim", "Liban",
	"Hamza", "Bashir", "Hussein", "Mustafe", "Khalid", "Abdiaziz", "Said",
	"Nur", "Jama", "Osman", "Guled", "Warsame", "Idiris", "Awil", "Dahir",
	"Sharmarke", "Abdiwali", "Abdiqani", "Mukhtar",
};
static const char *const somali_family[] = {
	"Mohamed", "Ahmed", "Ali", "Hassan", "Abdi", "Farah", "Warsame", "Jama",
	"Osman", "Aden", "Omar", "Yusuf", "Ismail", "Hussein", "Nur",
	"Abdullahi", "Mohamud", "Egal", "Dualeh", "Samatar", "Hirsi", "Gedi",
	"Elmi", "Abdille", "Barre", "Hashi", "Awale", "Guleid", "Roble",
	"Shire", "Dirie", "Isse",
};

static const char *const persian_female[] = {
	"Maryam", "Zahra", "Fatemeh", "Sara", "Narges", "Leila", "Shirin",
	"Mahsa", "Niloufar", "Parisa", "Nazanin", "Roya", "Azadeh", "Mina",
	"Elham", "Samaneh", "Farnaz", "Golnar", "Mahnaz", "Shiva", "Negar",
	"Sepideh", "Ladan", "Bahar", "Pegah", "Yasaman", "Setareh", "Tara",
	"Homa", "Soheila", "Afsaneh", "Donya",
};
static const char *const persian_male[] = {
	"Reza", "Ali", "Mohammad", "Amir", "Hossein", "Mehdi", "Saeed", "Hamid",
	"Majid", "Behnam", "Babak", "Kourosh", "Dariush", "Arash", "Farhad",
	"Payam", "Pouya", "Siavash", "Nima", "Omid", "Kaveh", "Navid", "Peyman",
	"Ramin", "Shahin", "Vahid", "Hooman", "Masoud", "Ehsan", "Mojtaba",
	"Milad", "Amin",
};
static const char *const persian_family[] = {
	"Hosseini", "Mohammadi", "Ahmadi", "Rezaei", "Moradi", "Karimi",
	"Jafari", "Rahimi", "Kazemi", "Hashemi", "Mousavi", "Ghorbani",
	"Sadeghi", "Heidari", "Abbasi", "Rostami", "Tavakoli", "Nazari",
	"Akbari", "Shirazi", "Tehrani", "Farahani", "Esfahani", "Bagheri",
	"Amini", "Kamali", "Nouri", "Ebrahimi", "Salehi", "Zamani", "Yazdani",
	"Soltani",
};

/* Ukrainian family names chosen to be the same for women and men. */
static const char *const ukrainian_female[] = {
	"Olena", "Natalia", "Iryna", "Tetiana", "Svitlana", "Oksana", "Yulia",
	"Kateryna", "Anna", "Maria", "Liudmyla", "Halyna", "Nadiia", "Viktoriia",
	"Alina", "Daria", "Anastasiia", "Khrystyna", "Sofiia", "Yana", "Larysa",
	"Valentyna", "Inna", "Marharyta", "Oleksandra", "Polina", "Veronika",
	"Zoriana", "Solomiia", "Lesia", "Ivanna", "Diana",
};
static const char *const ukrainian_male[] = {
	"Oleksandr", "Andriy", "Dmytro", "Serhiy", "Volodymyr", "Mykola", "Oleh",
	"Ivan", "Yuriy", "Vasyl", "Petro", "Taras", "Bohdan", "Maksym", "Artem",
	"Denys", "Vitaliy", "Roman", "Ihor", "Pavlo", "Viktor", "Yevhen",
	"Anatoliy", "Mykhailo", "Stanislav", "Vladyslav", "Ruslan",
	"Kostiantyn", "Oleksiy", "Yaroslav", "Nazar", "Illia",
};
static const char *const ukrainian_family[] = {
	"Melnyk", "Shevchenko", "Boyko", "Kovalenko", "Bondarenko", "Tkachenko",
	"Kovalchuk", "Kravchenko", "Oliynyk", "Shevchuk", "Koval", "Polishchuk",
	"Bondar", "Tkachuk", "Moroz", "Marchenko", "Lysenko", "Rudenko",
	"Savchenko", "Petrenko", "Klymenko", "Pavlenko", "Kravchuk", "Kuzmenko",
	"Ponomarenko", "Vasylenko", "Savchuk", "Levchenko", "Kharchenko",
	"Karpenko", "Hrytsenko", "Sydorenko",
};

enum name_group {
	N_ARABIC, N_HABESHA, N_AFGHAN, N_TURKISH, N_KURDISH, N_SOMALI,
	N_PERSIAN, N_UKRAINIAN,
};

#define NAMES(p, two)                                                        \
	{ p##_female, COUNT(p##_female), p##_male, COUNT(p##_male),          \
	  p##_family, COUNT(p##_family), two }

static const struct name_table name_tables[] = {
	[N_ARABIC] = NAMES(arabic, 100),
	[N_HABESHA] = NAMES(habesha, 20),
	[N_AFGHAN] = NAMES(afghan, 40),
	[N_TURKISH] = NAMES(turkish, 300),
	[N_KURDISH] = NAMES(kurdish, 60),
	[N_SOMALI] = NAMES(somali, 30),
	[N_PERSIAN] = NAMES(persian, 60),
	[N_UKRAINIAN] = NAMES(ukrainian, 0),
};

/* ---- origins and their languages --------------------------------------- */

enum edu_profile { EDU_LOW, EDU_MID, EDU_HIGH };

struct langset {
	int weight;
	enum name_group names;
	const char *langs[3]; /* NULL-terminated when shorter */
};

struct origin {
	const char *country;
	int weight; /* permille of the population */
	enum edu_profile edu;
	struct langset sets[4];
};

static const struct origin origins[] = {
	{ "SY", 350, EDU_MID, {
		{ 80, N_ARABIC, { "ar" } },
		{ 15, N_KURDISH, { "kmr", "ar" } },
		{ 5, N_KURDISH, { "ku", "ar" } } } },
	{ "ER", 120, EDU_LOW, {
		{ 75, N_HABESHA, { "ti" } },
		{ 10, N_HABESHA, { "tig", "ti" } },
		{ 10, N_HABESHA, { "ti", "ar" } },
		{ 5, N_HABESHA, { "ti", "am" } } } },
	{ "AF", 100, EDU_LOW, {
		{ 50, N_AFGHAN, { "prs" } },
		{ 25, N_AFGHAN, { "prs", "ps" } },
		{ 20, N_AFGHAN, { "ps", "prs" } },
		{ 5, N_AFGHAN, { "prs", "fa" } } } },
	{ "TR", 100, EDU_MID, {
		{ 65, N_TURKISH, { "tr" } },
		{ 30, N_KURDISH, { "kmr", "tr" } },
		{ 5, N_KURDISH, { "ku", "tr" } } } },
	{ "YE", 60, EDU_LOW, {
		{ 100, N_ARABIC, { "ar" } } } },
	{ "IQ", 60, EDU_MID, {
		{ 60, N_ARABIC, { "ar" } },
		{ 30, N_KURDISH, { "ckb", "ar" } },
		{ 10, N_KURDISH, { "kmr", "ar" } } } },
	{ "IR", 50, EDU_HIGH, {
		{ 85, N_PERSIAN, { "fa" } },
		{ 15, N_KURDISH, { "ckb", "fa" } } } },
	{ "SO", 50, EDU_LOW, {
		{ 80, N_SOMALI, { "so" } },
		{ 20, N_SOMALI, { "so", "ar" } } } },
	{ "ET", 30, EDU_MID, {
		{ 40, N_HABESHA, { "am" } },
		{ 35, N_HABESHA, { "om", "am" } },
		{ 25, N_HABESHA, { "ti", "am" } } } },
	{ "SD", 40, EDU_LOW, {
		{ 100, N_ARABIC, { "ar" } } } },
	{ "UA", 40, EDU_HIGH, {
		{ 60, N_UKRAINIAN, { "uk", "ru" } },
		{ 25, N_UKRAINIAN, { "uk" } },
		{ 15, N_UKRAINIAN, { "ru", "uk" } } } },
};

/* ---- people ------------------------------------------------------------ */

static const struct age_band {
	int weight;
	int lo, hi;
} age_bands[] = {
	{ 8, 16, 19 }, { 24, 20, 26 }, { 30, 27, 35 }, { 24, 36, 45 },
	{ 14, 46, 60 },
};

static const struct {
	int weight;
	const char *code;
	int female; /* permille women */
} target_groups[] = {
	{ 800, "newcomer", 380 },
	{ 140, "family_reunion", 650 },
	{ 40, "other", 420 },
	{ 20, "sheltered_work", 400 },
};

static const struct {
	int weight;
	int size;
} household_sizes[] = {
	{ 40, 1 }, { 12, 2 }, { 12, 3 }, { 12, 4 }, { 10, 5 }, { 7, 6 },
	{ 4, 7 }, { 3, 8 },
};

/* ---- education and work ------------------------------------------------ */

static const struct edu_level {
	int weight[3]; /* per enum edu_profile */
	int isced;
	int years_lo, years_hi;
	int min_age;
} edu_levels[] = {
	{ { 22, 8, 3 }, 0, 0, 0, 0 },
	{ { 25, 15, 5 }, 1, 3, 6, 0 },
	{ { 22, 20, 12 }, 2, 7, 9, 13 },
	{ { 15, 22, 22 }, 3, 10, 12, 16 },
	{ { 6, 9, 10 }, 4, 12, 13, 19 },
	{ { 3, 6, 8 }, 5, 13, 14, 20 },
	{ { 5, 13, 24 }, 6, 14, 16, 21 },
	{ { 2, 6, 13 }, 7, 16, 18, 23 },
	{ { 0, 1, 3 }, 8, 19, 22, 27 },
};

static const struct {
	int isced;
	const char *title;
} diploma_titles[] = {
	{ 1, "Getuigschrift basisonderwijs" },
	{ 1, "Primary school certificate" },
	{ 2, "Diploma lager middelbaar onderwijs" },
	{ 2, "Lower secondary school certificate" },
	{ 2, "Basic education certificate" },
	{ 3, "Diploma middelbare school" },
	{ 3, "Secondary school certificate" },
	{ 3, "Baccalaureaat (wetenschappelijke richting)" },
	{ 3, "Baccalaureaat (literaire richting)" },
	{ 3, "Diploma middelbare beroepsopleiding" },
	{ 4, "Diploma beroepsopleiding elektrotechniek" },
	{ 4, "Vocational diploma in welding" },
	{ 4, "Diploma beroepsopleiding kapper" },
	{ 4, "Vocational diploma in automotive mechanics" },
	{ 4, "Diploma beroepsopleiding verzorging" },
	{ 5, "Diploma technisch instituut (twee jaar)" },
	{ 5, "Higher diploma in accounting" },
	{ 5, "Diploma verpleegkunde" },
	{ 5, "Associate degree in computer networking" },
	{ 6, "Bachelor of Civil Engineering" },
	{ 6, "Bachelor in de rechten" },
	{ 6, "Bachelor of Pharmacy" },
	{ 6, "Bachelor of Arts in English Literature" },
	{ 6, "Bachelor bedrijfseconomie" },
	{ 6, "Bachelor of Science in Computer Science" },
	{ 6, "Bachelor of Nursing" },
	{ 6, "Bachelor of Education" },
	{ 6, "Bachelor landbouwkunde" },
	{ 6, "Bachelor of Business Administration" },
	{ 7, "Master of Business Administration" },
	{ 7, "Doctor of Medicine" },
	{ 7, "Master civiele techniek" },
	{ 7, "Master of Science in Chemistry" },
	{ 7, "Doctor of Dental Surgery" },
	{ 7, "Master of Arts in Education" },
	{ 8, "PhD in Agricultural Sciences" },
	{ 8, "Doctoraat natuurkunde" },
	{ 8, "PhD in Economics" },
};

static const struct {
	int weight;
	const char *code;
} valuations_low[] = {
	{ 60, "not_requested" }, { 15, "requested" }, { 20, "valued" },
	{ 5, "not_comparable" },
}, valuations_high[] = {
	{ 35, "not_requested" }, { 25, "requested" }, { 30, "valued" },
	{ 10, "not_comparable" },
};

/* ISCO-08 sub-major groups with a Dutch occupation; min_isced keeps the
 * engineer and the doctor among the educated. */
static const struct {
	int weight;
	const char *isco;
	const char *occupation;
	int min_isced;
} occupations[] = {
	{ 30, "61", "Akkerbouwer", 0 },
	{ 20, "61", "Veehouder", 0 },
	{ 30, "92", "Landarbeider", 0 },
	{ 30, "71", "Metselaar", 0 },
	{ 25, "71", "Timmerman", 0 },
	{ 20, "71", "Tegelzetter", 0 },
	{ 20, "71", "Schilder", 0 },
	{ 25, "72", "Lasser", 1 },
	{ 25, "72", "Automonteur", 1 },
	{ 20, "74", "Elektricien", 2 },
	{ 20, "75", "Bakker", 0 },
	{ 15, "75", "Slager", 0 },
	{ 25, "75", "Kleermaker", 0 },
	{ 20, "51", "Kapper", 0 },
	{ 25, "51", "Kok", 0 },
	{ 20, "51", "Ober", 0 },
	{ 30, "52", "Verkoper", 0 },
	{ 15, "52", "Winkeleigenaar", 1 },
	{ 10, "14", "Restauranthouder", 2 },
	{ 30, "83", "Vrachtwagenchauffeur", 0 },
	{ 25, "83", "Taxichauffeur", 0 },
	{ 30, "93", "Bouwvakhulp", 0 },
	{ 20, "93", "Magazijnmedewerker", 0 },
	{ 15, "91", "Schoonmaker", 0 },
	{ 15, "53", "Verzorgende", 1 },
	{ 10, "53", "Kinderopvangmedewerker", 2 },
	{ 10, "54", "Beveiliger", 1 },
	{ 15, "81", "Machineoperator textiel", 0 },
	{ 15, "41", "Administratief medewerker", 3 },
	{ 10, "42", "Baliemedewerker bank", 3 },
	{ 10, "43", "Voorraadadministrateur", 3 },
	{ 10, "31", "Bouwkundig tekenaar", 4 },
	{ 10, "32", "Apothekersassistent", 4 },
	{ 10, "33", "Boekhouder", 4 },
	{ 10, "35", "ICT-supportmedewerker", 4 },
	{ 15, "21", "Civiel ingenieur", 6 },
	{ 10, "21", "Werktuigbouwkundig ingenieur", 6 },
	{ 10, "22", "Arts", 7 },
	{ 10, "22", "Verpleegkundige", 5 },
	{ 10, "22", "Apotheker", 6 },
	{ 5, "22", "Tandarts", 7 },
	{ 15, "23", "Leraar basisonderwijs", 5 },
	{ 15, "23", "Docent wiskunde", 6 },
	{ 10, "23", "Docent Engels", 6 },
	{ 10, "24", "Accountant", 6 },
	{ 10, "25", "Softwareontwikkelaar", 5 },
	{ 10, "26", "Advocaat", 6 },
	{ 10, "26", "Tolk", 5 },
	{ 5, "26", "Journalist", 6 },
};

static const struct {
	const char *text;
	int min_isced;
	int max_age;
} ambitions[] = {
	{ "Ik wil zo snel mogelijk Nederlands leren en een betaalde baan vinden.", 0, 99 },
	{ "Ik wil mijn diploma laten waarderen en weer in mijn eigen vak werken.", 5, 99 },
	{ "Ik wil een vakopleiding volgen op het mbo.", 0, 26 },
	{ "Ik wil eerst de taal goed leren en dan verder studeren.", 2, 30 },
	{ "Ik wil in de zorg werken, bijvoorbeeld in de ouderenzorg.", 0, 99 },
	{ "Ik wil mijn rijbewijs halen en chauffeur worden.", 0, 99 },
	{ "Ik wil later een eigen bedrijf beginnen.", 0, 99 },
	{ "Ik wil in de kassen werken en later leidinggevende worden.", 0, 99 },
	{ "Ik wil een heftruckcertificaat halen en in de logistiek werken.", 0, 99 },
	{ "Ik wil genoeg verdienen om mijn gezin te onderhouden.", 0, 99 },
	{ "Ik wil naar de universiteit en een master halen.", 3, 35 },
	{ "Ik wil technicus worden, bijvoorbeeld elektricien of monteur.", 0, 45 },
	{ "Ik wil graag met kinderen werken.", 0, 99 },
	{ "Ik weet het nog niet; ik wil eerst wennen in Nederland.", 0, 99 },
	{ "Ik wil als tolk werken voor mensen uit mijn land.", 3, 99 },
};

/* ---- civic integration, income, health, contact ------------------------ */

static const struct {
	int weight;
	const char *code;
} duties[] = {
	{ 850, "duty" }, { 50, "voluntary" }, { 50, "exempt" }, { 30, "met" },
	{ 20, "none" },
};

static const char *const providers[] = {
	"Taalschool Kust & Kas",
	"Talencentrum De Vliet",
	"Inburgeringsschool Het Westen",
	"Taalinstituut Zeezicht",
	"Leerhuis De Tuinderij",
};

static const char *const cefr_codes[] = { "A0", "A1", "A2", "B1", "B2" };

static const struct {
	const char *field;
	int offset; /* hundredths of a level */
} cefr_skills[] = {
	{ "cefr_listening", 30 },
	{ "cefr_reading", 0 },
	{ "cefr_speaking", 10 },
	{ "cefr_writing", -20 },
};

/* Dutch learnt per year since the permit, in hundredths of a CEFR level,
 * by ISCED level: literacy first, then faster with more schooling. Everyone
 * starts 0.4 level up (classes at the reception centre), give or take an
 * aptitude of 0.6 level and 0.25 per skill. */
static const int cefr_rate[] = { 50, 70, 100, 100, 120, 120, 140, 140, 140 };

static const struct {
	int weight;
	const char *code;
} benefits[] = {
	{ 900, "participatiewet" }, { 60, "none" }, { 25, "other" },
	{ 15, "ww" },
};

/* Health limits, and the neutral placement constraint (the most physical
 * load the person may bear, NULL for none) that follows from each: the
 * constraint is what matching and employers see, the text stays in health. */
static const struct {
	const char *text;
	const char *max_load;
} health_limits[] = {
	{ "Geen zwaar tillen i.v.m. rugklachten", "light" },
	{ "Niet langer dan vier uur achter elkaar staan (knieklachten)", "medium" },
	{ "Geen nachtdiensten i.v.m. slaapproblemen", NULL },
	{ "Beperkt belastbaar door PTSS; rustige werkplek nodig", "medium" },
	{ "Geen werk op hoogte i.v.m. evenwichtsproblemen", NULL },
	{ "Allergie voor stof en pollen", NULL },
	{ "Diabetes: vaste pauzes nodig", NULL },
	{ "Slechthorend aan de linkerkant", NULL },
	{ "Astma: geen werk met chemicaliën of stof", NULL },
	{ "Beperkt zicht; geen voertuigen of machines besturen", NULL },
	{ "Schouderblessure: geen werk boven schouderhoogte", "medium" },
	{ "Migraine: geen langdurig fel licht of lawaai", NULL },
	{ "Chronische pijn in de handen; geen fijn repeterend werk", "medium" },
};

static const char *const streets[] = {
	"Dijkweg", "Molenstraat", "Kerkstraat", "Havenstraat", "Verdilaan",
	"Zuidweg", "Herenstraat", "Emmastraat", "Julianastraat",
	"Wilhelminastraat", "Oranjestraat", "Hoogwerf", "Kastanjelaan",
	"Lindenlaan", "Beukenlaan", "Tulpstraat", "Rozenstraat",
	"Druivenstraat", "Kassenweg", "Tuinbouwstraat", "Duinweg", "Strandweg",
	"Zeestraat", "Vlietweg", "Poelweg", "Madeweg", "Sportlaan",
	"Schoolstraat", "Prins Hendrikstraat", "Van der Kooijstraat",
	"Koningin Julianaweg", "Burgemeester Elsenweg",
};

/* Westland's places, the first four digits of their postal codes and
 * the coordinates of their centres (for employers' addresses). */
static const struct city {
	int weight;
	const char *city;
	const char *pc4[4];
	double lat, lon;
} cities[] = {
	{ 30, "Naaldwijk", { "2671", "2672", "2673" }, 51.9936, 4.2098 },
	{ 20, "'s-Gravenzande", { "2691", "2692", "2693", "2694" }, 52.0017, 4.1653 },
	{ 12, "Monster", { "2681" }, 52.0253, 4.1750 },
	{ 10, "Wateringen", { "2291" }, 52.0236, 4.2739 },
	{ 10, "De Lier", { "2678" }, 51.9733, 4.2483 },
	{ 7, "Honselersdijk", { "2675" }, 52.0050, 4.2283 },
	{ 6, "Poeldijk", { "2685" }, 52.0256, 4.2186 },
	{ 5, "Maasdijk", { "2676" }, 51.9583, 4.2117 },
};

/* Letters PostNL uses in postal codes (no F, I, O, Q, U, Y). */
static const char pc_letters[] = "ABCDEGHJKLMNPRSTVWXZ";

static const char *const mail_domains[] = {
	"example.org", "example.com", "example.net",
};

/* ---- one person -------------------------------------------------------- */

#define MAX_DIPLOMAS 3
#define MAX_JOBS 3

struct person {
	char external_id[DEMO_EXTERNAL_ID_LEN];
	const char *family_name;
	struct text given_names;
	date_t birth;
	int age;
	const char *sex;
	const struct origin *origin;
	const char *languages[5];
	int n_languages;
	int household_size, children;
	date_t arrival, permit;
	struct text street;
	char postal_code[8];
	const char *city;
	struct text phone; /* empty = none */
	struct text email; /* empty = none */
	char bsn[DEMO_BSN_LEN]; /* empty = none */
	int education_years, isced;
	int n_diplomas;
	struct {
		const char *title;
		int isced;
		const char *valuation;
	} diplomas[MAX_DIPLOMAS];
	int n_jobs;
	struct {
		const char *isco, *occupation;
		int years;
	} jobs[MAX_JOBS];
	struct text ambitions; /* empty = none */
	const char *duty;
	const char *provider; /* NULL = none */
	bool has_deadline;
	int cefr[4];
	const char *exam; /* NULL = none */
	const char *benefit;
	date_t benefit_since;
	bool has_benefit_since;
	const char *health; /* NULL = none */
	const char *max_load; /* NULL = no limit recorded */
	const char *licences[1];
	int n_licences;
	const char *target_group;
	int hours, days;
};

static bool has_language(const struct person *p, const char *code)
{
	for (int i = 0; i < p->n_languages; i++)
		if (strcmp(p->languages[i], code) == 0)
			return true;
	return false;
}

static void add_language(struct person *p, const char *code)
{
	if (!has_language(p, code) && p->n_languages < (int)COUNT(p->languages))
		p->languages[p->n_languages++] = code;
}

/* A birth date on which the person is exactly `age` on `today`. */
static date_t draw_birth(struct demo_rng *r, int age, date_t today)
{
	date_t latest = date_add_months(today, -12 * age);
	date_t earliest = date_add_months(today, -12 * (age + 1)) + 1;

	return earliest + rng_range(r, 0, latest - earliest);
}

static void draw_identity(struct person *p, struct demo_rng *r, date_t today)
{
	p->origin = PICK(r, origins);
	const struct langset *ls = PICK(r, p->origin->sets);
	const struct name_table *nt = &name_tables[ls->names];

	p->n_languages = 0;
	for (size_t i = 0; i < COUNT(ls->langs) && ls->langs[i] != NULL; i++)
		add_language(p, ls->langs[i]);

	int tg = (int)(PICK(r, target_groups) - target_groups);
	p->target_group = target_groups[tg].code;

	bool female;
	int s = (int)demo_rng_below(r, 1000);
	if (s < 3) {
		p->sex = "x";
		female = rng_chance(r, 500);
	} else if (s < 13) {
		p->sex = "unknown";
		female = rng_chance(r, 500);
	} else {
		female = rng_chance(r, target_groups[tg].female);
		p->sex = female ? "female" : "male";
	}

	const char *const *given = female ? nt->female : nt->male;
	size_t n_given = female ? nt->n_female : nt->n_male;
	size_t g1 = demo_rng_below(r, (uint32_t)n_given);
	text_init(&p->given_names);
	text_put(&p->given_names, given[g1]);
	if (rng_chance(r, nt->two_given)) {
		size_t g2 = demo_rng_below(r, (uint32_t)n_given - 1);
		if (g2 >= g1)
			g2++;
		text_putc(&p->given_names, ' ');
		text_put(&p->given_names, given[g2]);
	}
	p->family_name = nt->family[demo_rng_below(r, (uint32_t)nt->n_family)];

	const struct age_band *band = PICK(r, age_bands);
	p->age = rng_range(r, band->lo, band->hi);
	p->birth = draw_birth(r, p->age, today);

	/* Minors live with family; family reunion joins someone already here. */
	if (p->age < 18 || strcmp(p->target_group, "family_reunion") == 0)
		p->household_size = rng_range(r, 2, 6);
	else
		p->household_size = PICK(r, household_sizes)->size;
	int adults = 1;
	if (p->household_size == 2)
		adults = rng_chance(r, 600) ? 2 : 1;
	else if (p->household_size > 2)
		adults = rng_chance(r, 50) ? 3 : rng_chance(r, 790) ? 2 : 1;
	int most = p->age < 18 ? 0 : (p->age - 17) * 2 / 3;
	p->children = p->household_size - adults;
	if (p->children > most)
		p->children = most;

	date_t earliest = date_add_months(today, -24);
	p->arrival = earliest + rng_range(r, 0, today - earliest);
	date_t permit_lo = date_add_months(p->arrival, -12);
	date_t permit_hi = date_add_months(p->arrival, -1);
	p->permit = permit_lo + rng_range(r, 0, permit_hi - permit_lo);
}

static void draw_education(struct person *p, struct demo_rng *r)
{
	size_t off = offsetof(struct edu_level, weight) +
		     (size_t)p->origin->edu * sizeof(int);
	size_t lv = pick_index(r, edu_levels, COUNT(edu_levels),
			       sizeof(edu_levels[0]), off);

	while (lv > 0 && edu_levels[lv].min_age > p->age)
		lv--;
	p->isced = edu_levels[lv].isced;
	p->education_years = rng_range(r, edu_levels[lv].years_lo,
				       edu_levels[lv].years_hi);
	if (p->education_years > p->age - 6)
		p->education_years = p->age - 6;

	/* The highest diploma (papers are often lost), sometimes one below. */
	int levels[MAX_DIPLOMAS], n = 0;
	if (p->isced >= 2 ? rng_chance(r, 700) : p->isced == 1 && rng_chance(r, 100))
		levels[n++] = p->isced;
	if (p->isced >= 7 && rng_chance(r, 400))
		levels[n++] = 6;
	if (p->isced >= 6 && rng_chance(r, 350))
		levels[n++] = 3;
	p->n_diplomas = 0;
	for (int i = 0; i < n; i++) {
		size_t first = COUNT(diploma_titles), count = 0;
		for (size_t k = 0; k < COUNT(diploma_titles); k++)
			if (diploma_titles[k].isced == levels[i]) {
				if (count++ == 0)
					first = k;
			}
		size_t k = first + demo_rng_below(r, (uint32_t)count);
		p->diplomas[p->n_diplomas].title = diploma_titles[k].title;
		p->diplomas[p->n_diplomas].isced = levels[i];
		p->diplomas[p->n_diplomas].valuation = levels[i] >= 5 ?
			PICK(r, valuations_high)->code : PICK(r, valuations_low)->code;
		p->n_diplomas++;
	}
}

/* An occupation fitting the ISCED level; the educated lean to their field. */
static size_t draw_occupation(struct demo_rng *r, int isced)
{
	uint32_t w[COUNT(occupations)], total = 0;

	for (size_t i = 0; i < COUNT(occupations); i++) {
		w[i] = 0;
		if (occupations[i].min_isced <= isced)
			w[i] = (uint32_t)occupations[i].weight *
			       (isced >= 5 && occupations[i].min_isced >= 4 ? 6 : 1);
		total += w[i];
	}
	uint32_t x = demo_rng_below(r, total);
	for (size_t i = 0; i < COUNT(occupations); i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return 0; /* not reached */
}

static void draw_work(struct person *p, struct demo_rng *r)
{
	int u = (int)demo_rng_below(r, 100);

	if (p->age < 18)
		p->n_jobs = 0;
	else if (p->age < 20)
		p->n_jobs = u < 70 ? 0 : 1;
	else
		p->n_jobs = u < 20 ? 0 : u < 60 ? 1 : u < 88 ? 2 : 3;
	int max_years = (p->age - 16) / (p->n_jobs > 0 ? p->n_jobs : 1);
	if (max_years < 1)
		max_years = 1;
	if (max_years > 20)
		max_years = 20;
	for (int i = 0; i < p->n_jobs; i++) {
		size_t k = draw_occupation(r, p->isced);
		for (int tries = 0; tries < 3 && i > 0 &&
				    occupations[k].occupation == p->jobs[i - 1].occupation; tries++)
			k = draw_occupation(r, p->isced);
		p->jobs[i].isco = occupations[k].isco;
		p->jobs[i].occupation = occupations[k].occupation;
		p->jobs[i].years = rng_range(r, 1, max_years);
	}

	text_init(&p->ambitions);
	if (rng_chance(r, 80))
		return;
	if (p->n_jobs > 0 && rng_chance(r, 400)) {
		const char *occ = p->jobs[0].occupation;
		text_put(&p->ambitions, "Ik wil weer als ");
		if (occ[0] >= 'A' && occ[0] <= 'Z' && strncmp(occ, "ICT", 3) != 0)
			text_putc(&p->ambitions, (char)(occ[0] - 'A' + 'a'));
		else
			text_putc(&p->ambitions, occ[0]);
		text_put(&p->ambitions, occ + 1);
		text_put(&p->ambitions, " werken.");
		return;
	}
	size_t k;
	do
		k = demo_rng_below(r, (uint32_t)COUNT(ambitions));
	while (ambitions[k].min_isced > p->isced || ambitions[k].max_age < p->age);
	text_put(&p->ambitions, ambitions[k].text);
}

static void draw_integration(struct person *p, struct demo_rng *r, date_t today)
{
	p->duty = p->age < 18 ? "none" :
		  strcmp(p->origin->country, "UA") == 0 ?
			  (rng_chance(r, 600) ? "voluntary" : "none") :
		  PICK(r, duties)->code;
	bool duty = strcmp(p->duty, "duty") == 0;
	bool voluntary = strcmp(p->duty, "voluntary") == 0;
	p->provider = duty || voluntary ? ANY(r, providers) : NULL;
	p->has_deadline = duty;

	int months = (today - p->permit) * 12 / 365;
	int months_here = (today - p->arrival) * 12 / 365;
	int aptitude = rng_range(r, -60, 60);
	int highest = 0;
	int lowest = 4;
	for (size_t i = 0; i < COUNT(cefr_skills); i++) {
		int s = 40 + months * cefr_rate[p->isced] / 12 + aptitude +
			cefr_skills[i].offset + rng_range(r, -25, 25);
		if (p->isced == 0 && i != 0 && i != 2)
			s -= 40; /* reading and writing come last without school */
		int level = s < 0 ? 0 : s / 100;
		if (level > 4)
			level = 4;
		if (strcmp(p->duty, "met") == 0 && level < 3)
			level = 3;
		p->cefr[i] = level;
		if (level < lowest)
			lowest = level;
		if (level > highest)
			highest = level;
	}

	if (strcmp(p->duty, "met") == 0)
		p->exam = "passed";
	else if (strcmp(p->duty, "exempt") == 0)
		p->exam = "exempt";
	else if (!duty && !voluntary)
		p->exam = NULL;
	else if (months_here < 2 || highest == 0)
		p->exam = "not_started";
	else if (lowest >= 3)
		p->exam = rng_chance(r, 750) ? "passed" : "in_progress";
	else if (lowest == 2 && months >= 18)
		p->exam = rng_chance(r, 200) ? "failed" : "in_progress";
	else
		p->exam = "in_progress";
}

/* Fold a name to lower-case ASCII letters for an e-mail address. */
static void mail_fold(struct text *t, const char *s)
{
	static const struct {
		const char *utf8, *ascii;
	} folds[] = {
		{ "ç", "c" }, { "Ç", "c" }, { "ğ", "g" }, { "ı", "i" }, { "İ", "i" },
		{ "ö", "o" }, { "Ö", "o" }, { "ş", "s" }, { "Ş", "s" }, { "ü", "u" },
		{ "Ü", "u" },
	};

	while (*s != '\0') {
		char c = *s;
		if (c >= 'a' && c <= 'z') {
			text_putc(t, c);
		} else if (c >= 'A' && c <= 'Z') {
			text_putc(t, (char)(c - 'A' + 'a'));
		} else if (c == ' ') {
			break; /* first given name only */
		} else if ((unsigned char)c >= 0x80) {
			for (size_t i = 0; i < COUNT(folds); i++)
				if (strncmp(s, folds[i].utf8, 2) == 0) {
					text_put(t, folds[i].ascii);
					break;
				}
			s++; /* all folds are two bytes */
		}
		s++;
	}
}

/* A postal code of city c: "2671 AB" (never the letters SA, SD or SS). */
static void draw_postal_code(struct demo_rng *r, const struct city *c, char out[8])
{
	size_t n_pc4 = 0;
	while (n_pc4 < COUNT(c->pc4) && c->pc4[n_pc4] != NULL)
		n_pc4++;
	memcpy(out, c->pc4[demo_rng_below(r, (uint32_t)n_pc4)], 4);
	out[4] = ' ';
	do {
		out[5] = pc_letters[demo_rng_below(r, (uint32_t)sizeof(pc_letters) - 1)];
		out[6] = pc_letters[demo_rng_below(r, (uint32_t)sizeof(pc_letters) - 1)];
	} while (out[5] == 'S' && (out[6] == 'A' || out[6] == 'D' || out[6] == 'S'));
	out[7] = '\0';
}

static void draw_contact(struct person *p, struct demo_rng *r)
{
	text_init(&p->street);
	text_put(&p->street, ANY(r, streets));
	text_putc(&p->street, ' ');
	text_num(&p->street, (unsigned long)rng_range(r, 1, 220), 0);
	if (rng_chance(r, 80))
		text_putc(&p->street, (char)('a' + demo_rng_below(r, 3)));

	const struct city *c = PICK(r, cities);
	draw_postal_code(r, c, p->postal_code);
	p->city = c->city;

	text_init(&p->phone);
	if (!rng_chance(r, 40)) {
		text_put(&p->phone, "06-");
		text_num(&p->phone, (unsigned long)rng_range(r, 1, 5), 0);
		text_num(&p->phone, (unsigned long)rng_range(r, 0, 9999999), 7);
	}

	text_init(&p->email);
	if (rng_chance(r, 550)) {
		mail_fold(&p->email, p->given_names.s);
		text_putc(&p->email, '.');
		mail_fold(&p->email, p->family_name);
		if (rng_chance(r, 500))
			text_num(&p->email, (unsigned long)rng_range(r, 1, 99), 0);
		text_putc(&p->email, '@');
		text_put(&p->email, ANY(r, mail_domains));
	}
}

static void draw_income_and_capacity(struct person *p, struct demo_rng *r,
				     date_t today)
{
	/* Minors are on their parents' benefit, not on their own. */
	p->benefit = PICK(r, benefits)->code;
	if (p->age < 18)
		p->benefit = "none";
	p->has_benefit_since = strcmp(p->benefit, "none") != 0;
	p->benefit_since = p->arrival + rng_range(r, 0, 30);
	if (p->benefit_since > today)
		p->benefit_since = today;

	bool sheltered = strcmp(p->target_group, "sheltered_work") == 0;
	p->health = NULL;
	p->max_load = NULL;
	if (rng_chance(r, sheltered ? 600 : 150)) {
		size_t h = demo_rng_below(r, (uint32_t)COUNT(health_limits));
		p->health = health_limits[h].text;
		p->max_load = health_limits[h].max_load;
	}

	if (p->health != NULL || sheltered) {
		p->hours = rng_range(r, 2, 6);
		p->days = rng_range(r, 1, 4);
	} else {
		p->hours = rng_range(r, 4, 8);
		p->days = rng_range(r, 2, 5);
	}
	/* A single parent with young children works shorter days. */
	if (p->children > 0 && p->household_size - p->children == 1 && p->hours > 6)
		p->hours = 6;
}

/* A Dutch driving licence for about one adult in five, and for most who
 * drove for a living. Derived from the index with a generator of its own,
 * not drawn from r, so adding it left every other draw of a seed as it was. */
static void derive_licences(struct person *p, long index)
{
	struct demo_rng h;
	bool driver = false;

	demo_rng_init(&h, (uint64_t)index * UINT64_C(0xD1B54A32D192ED03) ^ UINT64_C(0x4C1CE5));
	uint32_t x = demo_rng_below(&h, 100);
	for (int i = 0; i < p->n_jobs; i++)
		driver |= strcmp(p->jobs[i].isco, "83") == 0;
	p->n_licences = 0;
	if (p->age >= 21 && (x < 20 || (driver && x < 70)))
		p->licences[p->n_licences++] = "driving_b";
}

static void person_draw(struct person *p, struct demo_rng *r, long index,
			date_t today)
{
	demo_external_id(index, p->external_id);
	draw_identity(p, r, today);
	draw_education(p, r);
	draw_work(p, r);

	int en = p->isced >= 5 ? 500 : p->isced >= 3 ? 200 : 50;
	if (rng_chance(r, en))
		add_language(p, "en");
	if (rng_chance(r, today - p->arrival > 365 ? 100 : 40))
		add_language(p, "nl");

	draw_integration(p, r, today);
	draw_contact(p, r);
	p->bsn[0] = '\0';
	if (!rng_chance(r, 100))
		demo_bsn(index, p->bsn);
	draw_income_and_capacity(p, r, today);
	derive_licences(p, index);
}

/* ---- JSON -------------------------------------------------------------- */

/* A JSON string of s. Every string here is a table literal in valid UTF-8
 * or whole pieces of them (see text_put), so jansson's check is skipped:
 * it costs a fifth of the time of a 100,000-participant run. The unit
 * test parses every dump back, which would catch bad UTF-8. */
static json_t *str(const char *s)
{
	return json_string_nocheck(s);
}

/* Set key to v (stolen); remember any failure in *ok. */
static void put(json_t *o, const char *key, json_t *v, bool *ok)
{
	if (json_object_set_new_nocheck(o, key, v) != 0)
		*ok = false;
}

static void put_date(json_t *o, const char *key, date_t d, bool *ok)
{
	char s[DATE_STR_LEN];

	date_format(d, s);
	put(o, key, str(s), ok);
}

static json_t *person_json(const struct person *p)
{
	json_t *o = json_object();
	bool ok = o != NULL;

	if (!ok)
		return NULL;
	put(o, "external_id", str(p->external_id), &ok);
	put(o, "family_name", str(p->family_name), &ok);
	put(o, "given_names", str(p->given_names.s), &ok);
	put_date(o, "birth_date", p->birth, &ok);
	put(o, "sex", str(p->sex), &ok);
	put(o, "country_of_origin", str(p->origin->country), &ok);
	json_t *langs = json_array();
	for (int i = 0; langs != NULL && i < p->n_languages; i++)
		if (json_array_append_new(langs, str(p->languages[i])) != 0)
			ok = false;
	put(o, "languages", langs, &ok);
	put(o, "household_size", json_integer(p->household_size), &ok);
	put(o, "children", json_integer(p->children), &ok);
	put_date(o, "arrival_date", p->arrival, &ok);
	put_date(o, "permit_date", p->permit, &ok);
	put(o, "street", str(p->street.s), &ok);
	put(o, "postal_code", str(p->postal_code), &ok);
	put(o, "city", str(p->city), &ok);
	if (p->phone.len > 0)
		put(o, "phone", str(p->phone.s), &ok);
	if (p->email.len > 0)
		put(o, "email", str(p->email.s), &ok);
	if (p->bsn[0] != '\0')
		put(o, "bsn", str(p->bsn), &ok);
	put(o, "education_years", json_integer(p->education_years), &ok);
	put(o, "isced_level", json_integer(p->isced), &ok);

	json_t *dips = json_array();
	for (int i = 0; dips != NULL && i < p->n_diplomas; i++) {
		json_t *d = json_object();
		if (d == NULL) {
			ok = false;
			break;
		}
		put(d, "title", str(p->diplomas[i].title), &ok);
		put(d, "country", str(p->origin->country), &ok);
		put(d, "isced_level", json_integer(p->diplomas[i].isced), &ok);
		put(d, "valuation", str(p->diplomas[i].valuation), &ok);
		if (json_array_append_new(dips, d) != 0)
			ok = false;
	}
	put(o, "diplomas", dips, &ok);

	json_t *jobs = json_array();
	for (int i = 0; jobs != NULL && i < p->n_jobs; i++) {
		json_t *j = json_object();
		if (j == NULL) {
			ok = false;
			break;
		}
		put(j, "isco_code", str(p->jobs[i].isco), &ok);
		put(j, "occupation", str(p->jobs[i].occupation), &ok);
		put(j, "years", json_integer(p->jobs[i].years), &ok);
		if (json_array_append_new(jobs, j) != 0)
			ok = false;
	}
	put(o, "work_history", jobs, &ok);
	if (p->ambitions.len > 0)
		put(o, "ambitions", str(p->ambitions.s), &ok);
	if (p->n_licences > 0) {
		json_t *lic = json_array();
		for (int i = 0; lic != NULL && i < p->n_licences; i++)
			if (json_array_append_new(lic, str(p->licences[i])) != 0)
				ok = false;
		put(o, "licences", lic, &ok);
	}

	put(o, "integration_duty", str(p->duty), &ok);
	if (p->provider != NULL)
		put(o, "integration_provider", str(p->provider), &ok);
	if (p->has_deadline)
		put_date(o, "integration_deadline", date_add_months(p->permit, 36), &ok);
	for (size_t i = 0; i < COUNT(cefr_skills); i++)
		put(o, cefr_skills[i].field, str(cefr_codes[p->cefr[i]]), &ok);
	if (p->exam != NULL)
		put(o, "exam_status", str(p->exam), &ok);

	put(o, "benefit", str(p->benefit), &ok);
	if (p->has_benefit_since)
		put_date(o, "benefit_since", p->benefit_since, &ok);
	if (p->health != NULL)
		put(o, "health_limits", str(p->health), &ok);
	put(o, "target_group", str(p->target_group), &ok);
	put(o, "work_hours_per_day", json_integer(p->hours), &ok);
	put(o, "work_days_per_week", json_integer(p->days), &ok);
	if (p->max_load != NULL)
		put(o, "max_physical_load", str(p->max_load), &ok);

	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *demo_participant(struct demo_rng *r, long index, date_t today)
{
	struct person p;

	person_draw(&p, r, index, today);
	return person_json(&p);
}

/* ---- the employer network ---------------------------------------------- */

/*
 * Employers, their contacts and the places they offer, and the social work
 * company's production halls (issue 4). The first employers are written
 * out by hand, mostly greenhouse horticulture, then logistics and food
 * processing, in an order that keeps that mix at every count; the first
 * two are the demo's employer organisations. Later ones are drawn: a
 * sector by weight and a name made of a prefix of that sector and a stem,
 * picked by the employer's number so that no two names are the same (the
 * prefix lists are disjoint and each holds EMPLOYER_PREFIXES entries,
 * enough for DEMO_EMPLOYERS_MAX). Names, streets and people are made up;
 * e-mail addresses use the reserved .example domain.
 */

#define EMPLOYER_PREFIXES 8

static const struct employer_row {
	const char *name, *sector, *city, *size;
	bool member;
	const char *notes;
} employer_rows[] = {
	{ "Kwekerij De Groene Vallei", "greenhouse_horticulture", "Naaldwijk", "medium", true,
	  "Tomaten onder glas. Biedt al jaren leerwerkplekken met een vaste werkbegeleider op de vloer." },
	{ "Logistiek Poeldijk BV", "logistics", "Poeldijk", "medium", true,
	  "Distributie van groente en fruit. Zoekt orderpickers en heftruckchauffeurs; betaalt mee aan de heftruckcursus." },
	{ "Paprikakwekerij Het Zonnige Glas", "greenhouse_horticulture", "De Lier", "large", true,
	  "Grote paprikateler met eigen inpakhal. Piek in het voorjaar." },
	{ "Versverwerking Westland", "food_processing", "Honselersdijk", "large", true,
	  "Snijdt en verpakt groente voor supermarkten. HACCP verplicht; vaste ploegen." },
	{ "Rozenkwekerij De Zilveren Roos", "greenhouse_horticulture", "'s-Gravenzande", "small", true,
	  "Familiebedrijf. Rustige werkplek, geschikt voor een eerste stap." },
	{ "Transportbedrijf De Snelle Vliet", "logistics", "Naaldwijk", "medium", true,
	  "Vervoer van sierteelt naar de veiling. Bijrijders met rijbewijs B gezocht." },
	{ "Chrysantenkwekerij Lichtenhof", "greenhouse_horticulture", "Maasdijk", "medium", true,
	  "Werkt met vaste koppels van een ervaren medewerker en een nieuwkomer." },
	{ "Koel- en Vrieshuis Maasland", "logistics", "Maasdijk", "large", true,
	  "Werk in de koeling: warme werkkleding wordt verstrekt. Veiligheidsschoenen verplicht." },
	{ "Komkommerkwekerij De Glazen Akker", "greenhouse_horticulture", "Honselersdijk", "small", false,
	  "Nog geen lid van het netwerk; eerste plaatsing loopt goed." },
	{ "Bakkerij Het Gouden Korenveld", "food_processing", "Wateringen", "small", true,
	  "Vroege diensten. Hygiëneregels worden op de eerste dag uitgelegd." },
	{ "Potplantenkwekerij De Bloeiende Tuin", "greenhouse_horticulture", "Naaldwijk", "medium", true,
	  "Oppotten en sorteren; lichte werkzaamheden, veel herhaling." },
	{ "Veilingtransport Westland BV", "logistics", "Honselersdijk", "medium", true,
	  "Rijdt tussen kwekers en de veiling. Werkt in ploegen vanaf zes uur." },
	{ "Orchideeënkwekerij Westerlicht", "greenhouse_horticulture", "Monster", "medium", true,
	  "Precisiewerk in een warme kas. Taal op de werkvloer met pictogrammen." },
	{ "Groenteverwerking De Lierse Oogst", "food_processing", "De Lier", "medium", true,
	  "Wassen, snijden en verpakken. Wil kandidaten vooraf op een proefdag zien." },
	{ "Tuinbouwbedrijf Duinzicht", "greenhouse_horticulture", "Monster", "small", true,
	  "Kleine gemengde teelt. Eigenaar begeleidt zelf." },
	{ "Buurtsupermarkt De Kade", "retail", "Wateringen", "small", false,
	  "Vakkenvullen in de ochtend; klantcontact vraagt Nederlands op A2." },
	{ "Kwekerij De Zeven Kassen", "greenhouse_horticulture", "Wateringen", "micro", true,
	  "Eén vaste plek; de eigenaar spreekt ook Engels." },
	{ "Distributiecentrum Zuidweg", "logistics", "Naaldwijk", "large", true,
	  "Groot DC met een eigen opleider voor heftruck en reachtruck." },
	{ "Saladefabriek Kustvers", "food_processing", "Monster", "medium", true,
	  "Productie van salades en maaltijden; koude werkomgeving." },
	{ "Kassenbouw Westland Techniek", "technical", "Honselersdijk", "medium", true,
	  "Bouwt en onderhoudt kassen. VCA verplicht; leerwerkplekken met een vakman." },
	{ "Tomatenkwekerij De Rode Parel", "greenhouse_horticulture", "'s-Gravenzande", "large", true,
	  "Grote teler met een eigen opleidingsteam. Wil doorgroei naar een vast contract." },
	{ "Zorgcentrum De Vlietrand", "care", "Naaldwijk", "large", true,
	  "Zoekt helpenden en facilitaire medewerkers. Nederlands op B1 nodig bij bewoners." },
	{ "Exportbedrijf Bloem & Blad", "logistics", "Naaldwijk", "medium", true,
	  "Verzamelt en verpakt bloemen voor export. Drukke ochtenden." },
	{ "Aannemersbedrijf De Kustbouwers", "construction", "'s-Gravenzande", "small", true,
	  "Woningbouw en renovatie. VCA verplicht op de bouwplaats." },
	{ "Paprikakwekerij De Oranjepolder", "greenhouse_horticulture", "Maasdijk", "medium", true,
	  "Teelt het hele jaar door onder belichting." },
	{ "Strandpaviljoen De Zeemeeuw", "hospitality", "Monster", "small", false,
	  "Seizoenswerk van april tot september; keukenhulpen welkom." },
	{ "Conservenfabriek De Groene Pot", "food_processing", "De Lier", "medium", true,
	  "Inmaken en etiketteren. Werkt met vaste inwerkprogramma's." },
	{ "Sierteeltbedrijf De Tuinkamer", "greenhouse_horticulture", "Poeldijk", "small", true,
	  "Snijbloemen en bladgroen. Begeleiding door een oud-deelnemer." },
	{ "Installatiebedrijf Klimaat & Kas", "technical", "De Lier", "small", false,
	  "Klimaatinstallaties voor kassen; zoekt een leerling-monteur." },
	{ "Schoonmaakbedrijf Glashelder", "other", "Naaldwijk", "medium", true,
	  "Kassen en kantoren schoonmaken in vaste ploegen met een voorman." },
	{ "Kwekerij Het Aardbeienland", "greenhouse_horticulture", "Wateringen", "small", true,
	  "Aardbeien op stellingen; plukken en inpakken." },
	{ "Stichting Openbare Ruimte Westland", "public", "Naaldwijk", "medium", true,
	  "Onderhoud van groen en straten voor de gemeente. Werkt met vaste ploegleiders." },
	{ "Overslagbedrijf Maaskade", "logistics", "Maasdijk", "medium", true,
	  "Overslag van containers en pallets; ploegendiensten." },
	{ "Kruidenkwekerij De Geurige Kas", "greenhouse_horticulture", "Honselersdijk", "micro", true,
	  "Verse kruiden in potten. Rustig tempo." },
};

/* Sectors of the employers drawn after the table, each with the prefixes
 * of their names (disjoint between sectors) and a note. */
static const struct employer_sector {
	int weight;
	const char *sector;
	const char *prefixes[EMPLOYER_PREFIXES];
	const char *notes;
} employer_sectors[] = {
	{ 45, "greenhouse_horticulture",
	  { "Kwekerij", "Tomatenkwekerij", "Paprikakwekerij", "Komkommerkwekerij", "Rozenkwekerij",
	    "Chrysantenkwekerij", "Potplantenkwekerij", "Orchideeënkwekerij" },
	  "Teelt onder glas; in het voorjaar zijn extra handen nodig." },
	{ 20, "logistics",
	  { "Transportbedrijf", "Logistiek Centrum", "Distributiecentrum", "Koelhuis", "Expeditiebedrijf",
	    "Veilingtransport", "Overslagbedrijf", "Bloemenexport" },
	  "Ploegendiensten mogelijk; een heftruckcertificaat is een pré." },
	{ 15, "food_processing",
	  { "Groenteverwerking", "Saladefabriek", "Versfabriek", "Bakkerij", "Conservenfabriek", "Snijderij",
	    "Sauzenmakerij", "Fruitverwerking" },
	  "HACCP verplicht; de hygiëneregels zijn streng." },
	{ 4, "retail",
	  { "Supermarkt", "Tuincentrum", "Bouwmarkt", "Groentewinkel", "Bloemenwinkel", "Warenhuis", "Drogisterij",
	    "Dierenspeciaalzaak" },
	  "Vakkenvullen in de ochtend; klantcontact vraagt Nederlands op A2." },
	{ 3, "care",
	  { "Zorgcentrum", "Woonzorgcentrum", "Thuiszorg", "Zorgboerderij", "Verpleeghuis", "Dagbesteding",
	    "Revalidatiecentrum", "Woongroep" },
	  "Zoekt helpenden; Nederlands op B1 nodig voor het werk met bewoners." },
	{ 4, "construction",
	  { "Aannemersbedrijf", "Kassenbouw", "Bouwbedrijf", "Grondverzet", "Dakdekkersbedrijf", "Stratenmakerij",
	    "Betonbouw", "Timmerfabriek" },
	  "VCA verplicht op de bouwplaats." },
	{ 3, "hospitality",
	  { "Restaurant", "Hotel", "Strandpaviljoen", "Lunchroom", "Brasserie", "Partycentrum", "Cateraar",
	    "Eetcafé" },
	  "Seizoenswerk in de zomer; keukenhulpen welkom." },
	{ 4, "technical",
	  { "Installatiebedrijf", "Machinebouw", "Klimaattechniek", "Metaalbewerking", "Elektrotechniek",
	    "Kassentechniek", "Constructiebedrijf", "Pompentechniek" },
	  "Leerwerkplekken met een vakman als begeleider." },
	{ 2, "other",
	  { "Schoonmaakbedrijf", "Glazenwasserij", "Recyclingbedrijf", "Beveiligingsbedrijf", "Wasserij",
	    "Drukkerij", "Verhuisbedrijf", "Hoveniersbedrijf" },
	  "Vaste ploegen met een voorman; werk in de vroege ochtend." },
};

static const char *const employer_stems[] = {
	"De Zonnehoek", "Het Hoge Glas", "De Lichtboog", "De Waterhoek", "Het Groene Hart", "De Duinrand",
	"De Polderkas", "Het Zilte Land", "De Vlietzoom", "De Zeewind", "Het Westerveld", "De Korenbloem",
	"De Oude Veiling", "Het Kassenland", "De Zuidhoek", "De Lierhof", "Het Gouden Blad", "De Morgenster",
	"Het Zonnedak", "De Blauwe Reiger", "De Kievit", "Het Wilgenhof", "De Dijkhoeve", "Het Molenveld",
	"De Strandwal", "De Eendracht", "Het Vaarland", "De Bloeiende Boog", "De Groene Strook", "Het Maasland",
	"De Noordpolder", "De Lichtkas", "Het Glazen Dak", "De Zwethoeve", "De Kwelder", "Het Tuinderspad",
	"De Hoge Dijk", "Het Duinhof", "De Weidevogel", "De Veldhoek",
};

static const struct {
	int weight;
	const char *code;
} employer_sizes[] = {
	{ 10, "micro" }, { 35, "small" }, { 40, "medium" }, { 15, "large" },
};

static const char *const business_streets[] = {
	"Veilingweg", "Transportweg", "Industrieweg", "Handelsweg", "Energieweg", "Kassenweg", "Tuinbouwweg",
	"Glasweg", "Dijkweg", "Zuidweg", "Molenweg", "Polderweg", "Havenkade", "Kwekerslaan",
};

static const char *const contact_given[] = {
	"Jan", "Kees", "Marieke", "Sanne", "Peter", "Ingrid", "Bas", "Wouter", "Linda", "Ruud", "Esther",
	"Martijn", "Petra", "Arjan", "Monique", "Dennis", "Femke", "Erik", "Ilse", "Gert", "Joke", "Rob",
	"Mirjam", "Nadia", "Sven",
};
static const char *const contact_family[] = {
	"van der Kooij", "Vreugdenhil", "Zwinkels", "Ammerlaan", "van Ruijven", "Barendse", "Duijvestijn",
	"van der Knaap", "Olsthoorn", "Groenewegen", "van Marrewijk", "Valstar", "Koornneef", "van Staalduinen",
	"van den Bos", "Kester", "Vijverberg", "van Schie", "Persoon", "Ruigrok", "Hoogerbrugge", "van Vliet",
	"Kuijt", "Arkesteijn",
};
static const char *const contact_titles[] = {
	"eigenaar", "bedrijfsleider", "HR-adviseur", "teamleider productie", "personeelszaken", "vestigingsmanager",
};

long demo_employer_count(long n)
{
	long root = 0;
	while ((root + 1) * (root + 1) <= n)
		root++;
	long count = 24 + root / 2;
	return count < DEMO_EMPLOYERS_MAX ? count : DEMO_EMPLOYERS_MAX;
}

static const struct city *city_named(const char *name)
{
	for (size_t i = 0; i < COUNT(cities); i++)
		if (strcmp(cities[i].city, name) == 0)
			return &cities[i];
	return &cities[0];
}

/* Append s folded to lower-case ASCII letters (spaces and signs dropped,
 * ë and é as e), for the parts of an e-mail address. */
static void fold_ascii(struct text *t, const char *s)
{
	static const struct {
		const char *utf8, *ascii;
	} folds[] = { { "ë", "e" }, { "é", "e" }, { "ï", "i" }, { "ö", "o" }, { "ü", "u" } };

	for (; *s != '\0'; s++) {
		char c = *s;
		if (c >= 'a' && c <= 'z') {
			text_putc(t, c);
		} else if (c >= 'A' && c <= 'Z') {
			text_putc(t, (char)(c - 'A' + 'a'));
		} else if ((unsigned char)c >= 0x80) {
			for (size_t i = 0; i < COUNT(folds); i++)
				if (strncmp(s, folds[i].utf8, 2) == 0) {
					text_put(t, folds[i].ascii);
					break;
				}
			while (((unsigned char)s[1] & 0xC0) == 0x80)
				s++;
		}
	}
}

/* A contact person of employer `name`: {"name","job_title","phone","email"}. */
static json_t *employer_contact(struct demo_rng *r, const char *name, size_t title)
{
	struct text full, phone, mail;
	const char *given = ANY(r, contact_given);
	const char *family = ANY(r, contact_family);

	text_init(&full);
	text_put(&full, given);
	text_putc(&full, ' ');
	text_put(&full, family);
	text_init(&phone);
	text_put(&phone, "0174-");
	text_num(&phone, (unsigned long)rng_range(r, 200000, 699999), 6);
	text_init(&mail);
	text_putc(&mail, (char)(given[0] - 'A' + 'a'));
	text_putc(&mail, '.');
	fold_ascii(&mail, family);
	text_putc(&mail, '@');
	fold_ascii(&mail, name);
	text_put(&mail, ".example");
	return json_pack("{s:s,s:s,s:s,s:s}", "name", full.s, "job_title", contact_titles[title], "phone", phone.s,
			 "email", mail.s);
}

json_t *demo_employer(struct demo_rng *r, long index)
{
	struct text name, street;
	const char *sector, *size, *notes;
	const struct city *c;
	bool member;

	text_init(&name);
	if (index >= 0 && (size_t)index < COUNT(employer_rows)) {
		const struct employer_row *row = &employer_rows[index];
		text_put(&name, row->name);
		sector = row->sector;
		c = city_named(row->city);
		size = row->size;
		member = row->member;
		notes = row->notes;
	} else {
		size_t g = (size_t)index - COUNT(employer_rows);
		const struct employer_sector *s = PICK(r, employer_sectors);
		text_put(&name, s->prefixes[(g / COUNT(employer_stems)) % EMPLOYER_PREFIXES]);
		text_putc(&name, ' ');
		text_put(&name, employer_stems[g % COUNT(employer_stems)]);
		sector = s->sector;
		c = PICK(r, cities);
		size = PICK(r, employer_sizes)->code;
		member = rng_chance(r, 800);
		notes = s->notes;
	}
	text_init(&street);
	text_put(&street, ANY(r, business_streets));
	text_putc(&street, ' ');
	text_num(&street, (unsigned long)rng_range(r, 1, 250), 0);
	char pc[8];
	draw_postal_code(r, c, pc);
	/* within about a kilometre of the town's centre */
	double lat = c->lat + (rng_range(r, -80, 80) / 10000.0);
	double lon = c->lon + (rng_range(r, -120, 120) / 10000.0);

	json_t *contacts = json_array();
	int n = strcmp(size, "micro") == 0 ? 1 : rng_range(r, 1, 3);
	size_t first = demo_rng_below(r, (uint32_t)COUNT(contact_titles));
	for (int i = 0; i < n; i++)
		json_array_append_new(contacts, employer_contact(r, name.s, (first + (size_t)i) % COUNT(contact_titles)));
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:f,s:f,s:s,s:b,s:s,s:o}", "name", name.s, "sector", sector, "street",
			 street.s, "postal_code", pc, "city", c->city, "latitude", lat, "longitude", lon, "size_class",
			 size, "network_member", member, "notes", notes, "contacts", contacts);
}

/* ---- places offered ------------------------------------------------------ */

/* The jobs each sector offers, with what they ask: the usual minimum CEFR
 * rank for speaking and listening (1 = A1, 0 none), education (-1 none). */
static const struct offer_row {
	const char *sector, *title, *isco, *load, *licence;
	bool shoes;
	int cefr, min_isced;
} offer_rows[] = {
	{ "greenhouse_horticulture", "Medewerker oogst", "9214", "medium", NULL, false, 1, -1 },
	{ "greenhouse_horticulture", "Medewerker gewasverzorging", "9214", "medium", NULL, false, 1, -1 },
	{ "greenhouse_horticulture", "Medewerker inpak en sorteren", "9321", "light", NULL, false, 1, -1 },
	{ "greenhouse_horticulture", "Heftruckchauffeur kas", "8344", "light", "forklift", true, 2, -1 },
	{ "greenhouse_horticulture", "Medewerker teelt", "6113", "medium", NULL, false, 2, -1 },
	{ "logistics", "Orderpicker", "9333", "heavy", NULL, true, 1, -1 },
	{ "logistics", "Heftruckchauffeur", "8344", "light", "forklift", true, 2, -1 },
	{ "logistics", "Medewerker expeditie", "9333", "medium", NULL, true, 2, -1 },
	{ "logistics", "Chauffeur bestelbus", "8322", "medium", "driving_b", false, 2, -1 },
	{ "food_processing", "Productiemedewerker groente snijden", "9329", "light", "food_hygiene", true, 1, -1 },
	{ "food_processing", "Inpakker", "9321", "light", NULL, false, 1, -1 },
	{ "food_processing", "Operator verpakkingslijn", "8160", "medium", "food_hygiene", true, 2, 2 },
	{ "retail", "Vakkenvuller", "9334", "medium", NULL, false, 1, -1 },
	{ "retail", "Medewerker kassa", "5230", "light", NULL, false, 3, -1 },
	{ "care", "Helpende zorg en welzijn", "5322", "medium", NULL, false, 3, 2 },
	{ "care", "Medewerker facilitair", "9112", "medium", NULL, false, 2, -1 },
	{ "construction", "Bouwplaatsmedewerker", "9313", "heavy", "vca", true, 1, -1 },
	{ "construction", "Leerling metselaar", "7112", "heavy", "vca", true, 2, -1 },
	{ "hospitality", "Keukenhulp", "9412", "medium", "food_hygiene", false, 1, -1 },
	{ "hospitality", "Medewerker bediening", "5131", "medium", NULL, false, 3, -1 },
	{ "technical", "Assemblagemedewerker", "8219", "light", NULL, true, 1, -1 },
	{ "technical", "Monteur kassenbouw", "7214", "heavy", "vca", true, 2, 2 },
	{ "public", "Medewerker groenonderhoud", "9214", "medium", NULL, true, 1, -1 },
	{ "public", "Medewerker afvalinzameling", "9611", "heavy", NULL, true, 1, -1 },
	{ "other", "Schoonmaker", "9112", "medium", NULL, false, 1, -1 },
	{ "other", "Glazenwasser", "9123", "medium", "vca", true, 1, -1 },
};

/* What each kind of place changes: the language asked (a language
 * internship asks less, a vacancy more), whether the job's certificate is
 * asked (not of a language internship), hours, full days and what the
 * employer offers. */
static const struct offer_kind {
	int weight;
	const char *kind;
	int cefr_change;
	bool licence;
	int hours_lo, hours_hi;
	bool full_days, guidance, language, contract;
} offer_kinds[] = {
	{ 30, "external_work_learning", 0, true, 16, 32, false, true, true, false },
	{ 25, "work_experience_place", 0, true, 16, 24, false, true, false, false },
	{ 10, "language_internship", -1, false, 12, 20, false, true, true, false },
	{ 12, "trial_placement", 0, true, 24, 32, true, true, false, true },
	{ 15, "vacancy", 1, true, 24, 38, true, false, false, true },
	{ 8, "secondment", 0, true, 24, 32, false, true, false, true },
};

#define WD(d) (1u << (d))
#define WORKWEEK (WD(WD_MON) | WD(WD_TUE) | WD(WD_WED) | WD(WD_THU) | WD(WD_FRI))
#define AM (1u << DP_MORNING)
#define PM (1u << DP_AFTERNOON)

/* When the work is done: weekdays and parts of the day. */
static const struct day_pattern {
	unsigned days, parts;
} day_patterns[] = {
	{ WORKWEEK, AM | PM },
	{ WD(WD_MON) | WD(WD_TUE) | WD(WD_THU), AM | PM },
	{ WD(WD_TUE) | WD(WD_WED) | WD(WD_THU) | WD(WD_FRI), AM | PM },
	{ WD(WD_MON) | WD(WD_WED), AM | PM },
	{ WORKWEEK, AM },
	{ WD(WD_TUE) | WD(WD_THU), AM | PM },
};

static daypart_set pattern_set(const struct day_pattern *p)
{
	daypart_set set = 0;
	for (int d = 0; d < WEEKDAY_COUNT; d++)
		for (int part = 0; part < DAY_PART_COUNT; part++)
			if ((p->days & WD(d)) && (p->parts & (1u << part)))
				set |= DAYPART_BIT(d, part);
	return set;
}

/* Places of employer 0 (the demo employer's own organisation): one of
 * each kind that the demo's paths reach, always open. */
static const struct {
	const char *title_of; /* an offer_rows title of its sector */
	const char *kind;
	int capacity;
} first_employer_offers[] = {
	{ "Medewerker oogst", "external_work_learning", 4 },
	{ "Medewerker inpak en sorteren", "work_experience_place", 3 },
	{ "Medewerker gewasverzorging", "trial_placement", 2 },
	{ "Medewerker oogst", "vacancy", 2 },
};

static const struct offer_kind *offer_kind_named(const char *kind)
{
	for (size_t i = 0; i < COUNT(offer_kinds); i++)
		if (strcmp(offer_kinds[i].kind, kind) == 0)
			return &offer_kinds[i];
	return &offer_kinds[0];
}

/* One place: job `o` as kind `k` at employer emp. */
static json_t *offer_json(struct demo_rng *r, const json_t *emp, const struct offer_row *o,
			  const struct offer_kind *k, int capacity, bool dated, date_t today)
{
	struct text location;
	char parts[DAYPART_LIST_LEN], day[DATE_STR_LEN];
	const char *size = json_string_value(json_object_get(emp, "size_class"));

	text_init(&location);
	text_put(&location, json_string_value(json_object_get(emp, "street")));
	text_put(&location, ", ");
	text_put(&location, json_string_value(json_object_get(emp, "city")));
	int hours = rng_range(r, k->hours_lo, k->hours_hi);
	/* a pattern with room for the hours (the first holds any), full days when the kind needs them */
	size_t pi = demo_rng_below(r, (uint32_t)COUNT(day_patterns));
	daypart_set set;
	for (;; pi = (pi + 1) % COUNT(day_patterns)) {
		set = pattern_set(&day_patterns[pi]);
		if (daypart_count(set) * PLACEMENT_HOURS_PER_DAY_PART >= hours &&
		    (!k->full_days || daypart_full_days(set) > 0))
			break;
	}
	daypart_list_format(set, parts, sizeof parts);
	bool full = daypart_full_days(set) > 0 && (k->full_days || rng_chance(r, 400));
	if (capacity == 0) {
		int lo = 1, hi = 2;
		if (strcmp(size, "small") == 0)
			hi = 3;
		else if (strcmp(size, "medium") == 0)
			lo = 2, hi = 5;
		else if (strcmp(size, "large") == 0)
			lo = 3, hi = 8;
		capacity = rng_range(r, lo, hi);
	}
	bool language = k->language || rng_chance(r, 250);
	bool contract = k->contract || rng_chance(r, 150);
	json_t *p = json_pack("{s:s,s:s,s:s,s:s,s:s,s:i,s:i,s:s,s:b,s:s,s:b,s:b,s:b,s:b}", "kind", k->kind, "title",
			      o->title, "isco_code", o->isco, "sector", o->sector, "location", location.s, "capacity",
			      capacity, "hours_per_week", hours, "day_parts", parts, "full_days", full, "physical_load",
			      o->load, "safety_shoes", o->shoes, "offers_floor_guidance", k->guidance,
			      "offers_language_at_work", language, "offers_contract", contract);
	int cefr = o->cefr + k->cefr_change;
	if (cefr > 0) {
		json_object_set_new(p, "min_cefr_speaking", json_string(cefr_code(cefr)));
		json_object_set_new(p, "min_cefr_listening", json_string(cefr_code(cefr)));
	}
	if (o->min_isced >= 0)
		json_object_set_new(p, "min_isced", json_integer(o->min_isced));
	json_t *lic = json_array();
	if (o->licence && k->licence)
		json_array_append_new(lic, json_string(o->licence));
	json_object_set_new(p, "licences", lic);
	/* most places run on; some opened recently, some are seasonal */
	if (dated && rng_chance(r, 250)) {
		date_format(today - rng_range(r, 60, 700), day);
		json_object_set_new(p, "start_date", json_string(day));
	}
	if (dated && rng_chance(r, 120)) {
		date_format(today + rng_range(r, 30, 240), day);
		json_object_set_new(p, "end_date", json_string(day));
	}
	return p;
}

/* A job of the sector, drawn uniformly; the first of the table when the
 * sector has none. */
static const struct offer_row *offer_of_sector(struct demo_rng *r, const char *sector)
{
	size_t first = 0, n = 0;
	for (size_t i = 0; i < COUNT(offer_rows); i++)
		if (strcmp(offer_rows[i].sector, sector) == 0 && n++ == 0)
			first = i;
	if (n == 0)
		return &offer_rows[0];
	size_t pick = demo_rng_below(r, (uint32_t)n);
	for (size_t i = first; i < COUNT(offer_rows); i++)
		if (strcmp(offer_rows[i].sector, sector) == 0 && pick-- == 0)
			return &offer_rows[i];
	return &offer_rows[first]; /* not reached */
}

json_t *demo_offers(struct demo_rng *r, const json_t *employer, long index, date_t today)
{
	json_t *out = json_array();
	const char *sector = json_string_value(json_object_get(employer, "sector"));
	const char *size = json_string_value(json_object_get(employer, "size_class"));

	if (index == 0) {
		for (size_t i = 0; i < COUNT(first_employer_offers); i++) {
			const struct offer_row *o = &offer_rows[0];
			for (size_t k = 0; k < COUNT(offer_rows); k++)
				if (strcmp(offer_rows[k].sector, sector) == 0 &&
				    strcmp(offer_rows[k].title, first_employer_offers[i].title_of) == 0)
					o = &offer_rows[k];
			json_array_append_new(out, offer_json(r, employer, o, offer_kind_named(first_employer_offers[i].kind),
							      first_employer_offers[i].capacity, false, today));
		}
		return out;
	}
	int n = strcmp(size, "micro") == 0 ? 1 : strcmp(size, "small") == 0 ? rng_range(r, 1, 2)
		: strcmp(size, "medium") == 0 ? rng_range(r, 2, 3) : rng_range(r, 3, 4);
	for (int j = 0; j < n; j++) {
		/* the first employers offer every kind in turn, so a small demo has them all */
		const struct offer_kind *k = index < 12 ? &offer_kinds[(size_t)(index * 2 + j) % COUNT(offer_kinds)]
							 : PICK(r, offer_kinds);
		const struct offer_row *o = offer_of_sector(r, sector);
		/* a second place of the same job and kind is left out */
		json_t *p = offer_json(r, employer, o, k, 0, true, today);
		bool twice = false;
		size_t i;
		json_t *q;
		json_array_foreach(out, i, q)
			twice |= json_equal(json_object_get(q, "title"), json_object_get(p, "title")) &&
				 json_equal(json_object_get(q, "kind"), json_object_get(p, "kind"));
		if (twice)
			json_decref(p);
		else
			json_array_append_new(out, p);
	}
	return out;
}

/* ---- the production halls ------------------------------------------------ */

static const struct hall_row {
	const char *title, *isco, *sector, *load;
	unsigned days, parts;
	int hours;
	bool shoes;
} hall_rows[] = {
	{ "Productiehal 1 - inpak", "9321", "other", "light", WORKWEEK, AM | PM, 16, false },
	{ "Productiehal 2 - montage", "8219", "technical", "light", WORKWEEK & ~WD(WD_FRI), AM | PM, 16, true },
	{ "Productiehal 3 - kas en stekken", "9214", "greenhouse_horticulture", "medium", WORKWEEK, AM, 12, false },
	{ "Productiehal 4 - hout en metaal", "7522", "technical", "medium", WORKWEEK, AM | PM, 16, true },
	{ "Productiehal 5 - orderpicken", "9333", "logistics", "medium", WORKWEEK, AM | PM, 16, true },
	{ "Productiehal 6 - levensmiddelen verpakken", "9321", "food_processing", "light", WORKWEEK, AM | PM, 16,
	  false },
	{ "Productiehal 7 - textiel", "8153", "other", "light", WORKWEEK & ~WD(WD_WED), AM | PM, 16, false },
	{ "Productiehal 8 - fietsenwerkplaats", "7234", "technical", "light", WORKWEEK, AM | PM, 16, true },
	{ "Productiehal 9 - schoonmaak en facilitair", "9112", "other", "medium", WORKWEEK, AM, 12, false },
	{ "Productiehal 10 - digitaliseren en archief", "4415", "other", "light", WORKWEEK, AM | PM, 12, false },
};

long demo_hall_count(long n)
{
	long count = 4 + n / 12500;
	return count < (long)COUNT(hall_rows) ? count : (long)COUNT(hall_rows);
}

json_t *demo_hall(long index, long n)
{
	const struct hall_row *h = &hall_rows[(size_t)index % COUNT(hall_rows)];
	struct day_pattern pat = { h->days, h->parts };
	char parts[DAYPART_LIST_LEN];
	long root = 0;

	while ((root + 1) * (root + 1) <= n)
		root++;
	daypart_list_format(pattern_set(&pat), parts, sizeof parts);
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:i,s:s,s:b,s:s,s:b,s:b,s:b,s:b,s:o}", "kind",
			 "internal_work_learning", "title", h->title, "isco_code", h->isco, "sector", h->sector, "location",
			 "WerkPlein Westland, Naaldwijk", "capacity", (json_int_t)(12 + root / 3), "hours_per_week",
			 h->hours, "day_parts", parts, "full_days", 0, "physical_load", h->load, "safety_shoes", h->shoes,
			 "offers_floor_guidance", 1, "offers_language_at_work", 1, "offers_contract", 0, "licences",
			 json_array());
}
