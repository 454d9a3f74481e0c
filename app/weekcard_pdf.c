/*
 * weekcard_pdf.c - the week card as a one-page A4 PDF (landscape), drawn
 * with libharu from the model weekcard_model() makes: a header with the
 * week's number and dates, a grid of seven days by three day-parts with a
 * pictogram, the clock times and the place number of each item, and below
 * a legend of the pictograms and the numbered list of places.
 *
 * Text is UTF-8 in embedded TrueType fonts, one per script, switched
 * within a line where scripts mix: DejaVu Sans for Latin and Cyrillic,
 * Noto Sans Arabic for Arabic and Persian (its cmap has the Arabic
 * presentation forms A and B, the Persian letters among them), Noto Sans
 * Ethiopic for Tigrinya; all from Debian's fonts-dejavu-core and
 * fonts-noto-core. libharu draws glyphs one after the
 * other and knows nothing of right-to-left text or joining letters, so
 * text with Arabic letters first goes through GNU FriBidi: the bidi
 * algorithm puts it in visual order and Arabic shaping replaces each
 * letter by its joined presentation form. For a right-to-left card the
 * whole layout is mirrored: Monday is on the right. Clock times and dates
 * stay in Western digits, left to right, as Dutch documents write them.
 *
 * The pictograms are vector paths from one table, the same shapes as the
 * SVGs of web/js/weekcard.js.
 */
#include "app/weekcard.h"
#include "base/buf.h"
#include "base/xmalloc.h"

#include <fribidi.h>
#include <hpdf.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- pictograms: 24×24 units, y down; white on a badge of the kind's colour ---- */

enum op_kind { OP_END, OP_POLY, OP_CIRCLE, OP_LINE, OP_RECT, OP_BG_CIRCLE, OP_BG_LINE };

struct pict_op {
	enum op_kind op;
	int n;        /* points of a polygon */
	float v[14];  /* poly: x,y pairs; circle: cx,cy,r; line: x1,y1,x2,y2,width; rect: x,y,w,h */
};

struct pictogram {
	const char *kind;
	float rgb[3];
	struct pict_op ops[8];
};

/* Keep in step with PICTOGRAMS in web/js/weekcard.js. */
static const struct pictogram pictograms[] = {
	{ "language_class", { 0x1f / 255.f, 0x5f / 255.f, 0xa8 / 255.f }, { /* an open book */
		{ OP_POLY, 4, { 3.5f, 6, 11.2f, 7.2f, 11.2f, 19, 3.5f, 17.5f } },
		{ OP_POLY, 4, { 12.8f, 7.2f, 20.5f, 6, 20.5f, 17.5f, 12.8f, 19 } },
		{ OP_END, 0, { 0 } } } },
	{ "work", { 0xa8 / 255.f, 0x4b / 255.f, 0x00 / 255.f }, { /* a hammer */
		{ OP_LINE, 0, { 4, 20, 14.5f, 9.5f, 3 } },
		{ OP_POLY, 4, { 13.2f, 3, 21, 10.8f, 17.8f, 14, 10, 6.2f } },
		{ OP_END, 0, { 0 } } } },
	{ "training", { 0x2e / 255.f, 0x7d / 255.f, 0x32 / 255.f }, { /* a graduation cap */
		{ OP_POLY, 4, { 12, 4.5f, 22, 9.5f, 12, 14.5f, 2, 9.5f } },
		{ OP_POLY, 5, { 6.5f, 12, 17.5f, 12, 17.5f, 17, 12, 19, 6.5f, 17 } },
		{ OP_BG_LINE, 0, { 6.5f, 12.2f, 12, 15, 0.9f } },
		{ OP_BG_LINE, 0, { 12, 15, 17.5f, 12.2f, 0.9f } },
		{ OP_LINE, 0, { 20, 10, 20, 16, 1.2f } },
		{ OP_CIRCLE, 0, { 20, 17, 1.4f } },
		{ OP_END, 0, { 0 } } } },
	{ "coach_appointment", { 0x6a / 255.f, 0x3d / 255.f, 0x9a / 255.f }, { /* a person speaking */
		{ OP_CIRCLE, 0, { 8, 8.5f, 3 } },
		{ OP_POLY, 6, { 2.5f, 21, 3, 16.5f, 5, 14, 11, 14, 13, 16.5f, 13.5f, 21 } },
		{ OP_RECT, 0, { 13, 3, 8.5f, 6 } },
		{ OP_POLY, 3, { 15, 8.5f, 14.5f, 12.5f, 18.5f, 8.5f } },
		{ OP_BG_CIRCLE, 0, { 15.3f, 6, 0.9f } },
		{ OP_BG_CIRCLE, 0, { 17.25f, 6, 0.9f } },
		{ OP_BG_CIRCLE, 0, { 19.2f, 6, 0.9f } },
		{ OP_END, 0, { 0 } } } },
	{ "buddy_meeting", { 0xa3 / 255.f, 0x19 / 255.f, 0x5b / 255.f }, { /* two people */
		{ OP_CIRCLE, 0, { 7.5f, 7.5f, 2.8f } },
		{ OP_CIRCLE, 0, { 16.5f, 7.5f, 2.8f } },
		{ OP_POLY, 6, { 2, 20, 2.5f, 15, 4.5f, 12.5f, 10.5f, 12.5f, 12.5f, 15, 13, 20 } },
		{ OP_BG_LINE, 0, { 11.9f, 14, 12.4f, 20.5f, 1 } },
		{ OP_POLY, 6, { 11, 20, 11.5f, 15, 13.5f, 12.5f, 19.5f, 12.5f, 21.5f, 15, 22, 20 } },
		{ OP_END, 0, { 0 } } } },
	{ "other", { 0x5f / 255.f, 0x63 / 255.f, 0x68 / 255.f }, { /* three dots */
		{ OP_CIRCLE, 0, { 6.5f, 12, 2 } },
		{ OP_CIRCLE, 0, { 12, 12, 2 } },
		{ OP_CIRCLE, 0, { 17.5f, 12, 2 } },
		{ OP_END, 0, { 0 } } } },
};
#define NKINDS (sizeof pictograms / sizeof pictograms[0])

/* Day-part signs, dark on the page: sun rising, sun high, moon. */
static const struct pictogram part_signs[] = {
	{ "morning", { 0.3f, 0.3f, 0.3f }, {
		{ OP_CIRCLE, 0, { 12, 15, 4.5f } },
		{ OP_BG_CIRCLE, 0, { 12, 15, 2.6f } },
		{ OP_LINE, 0, { 12, 5, 12, 8.5f, 1.6f } },
		{ OP_LINE, 0, { 4.5f, 8.5f, 6.8f, 10.8f, 1.6f } },
		{ OP_LINE, 0, { 19.5f, 8.5f, 17.2f, 10.8f, 1.6f } },
		{ OP_RECT, 0, { 2, 17.5f, 20, 3.5f } },
		{ OP_END, 0, { 0 } } } },
	{ "afternoon", { 0.3f, 0.3f, 0.3f }, {
		{ OP_CIRCLE, 0, { 12, 12, 4.5f } },
		{ OP_LINE, 0, { 12, 2, 12, 5.5f, 1.6f } },
		{ OP_LINE, 0, { 12, 18.5f, 12, 22, 1.6f } },
		{ OP_LINE, 0, { 2, 12, 5.5f, 12, 1.6f } },
		{ OP_LINE, 0, { 18.5f, 12, 22, 12, 1.6f } },
		{ OP_LINE, 0, { 5, 5, 7.4f, 7.4f, 1.6f } },
		{ OP_LINE, 0, { 19, 19, 16.6f, 16.6f, 1.6f } },
		{ OP_END, 0, { 0 } } } },
	{ "evening", { 0.3f, 0.3f, 0.3f }, {
		{ OP_CIRCLE, 0, { 11, 13, 8 } },
		{ OP_BG_CIRCLE, 0, { 15, 9.5f, 7 } },
		{ OP_CIRCLE, 0, { 19, 18, 1.2f } },
		{ OP_END, 0, { 0 } } } },
};

static const struct pictogram *pictogram_of(const char *kind)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (kind && strcmp(pictograms[i].kind, kind) == 0)
			return &pictograms[i];
	return &pictograms[NKINDS - 1]; /* other */
}

/* ---- fonts ---- */

enum font_id { FONT_REGULAR, FONT_BOLD, FONT_ARABIC, FONT_ARABIC_BOLD, FONT_ETHIOPIC, FONT_ETHIOPIC_BOLD, FONT_COUNT };

static const struct {
	const char *file;
	const char *package;
} font_files[FONT_COUNT] = {
	[FONT_REGULAR] = { "DejaVuSans.ttf", "fonts-dejavu-core" },
	[FONT_BOLD] = { "DejaVuSans-Bold.ttf", "fonts-dejavu-core" },
	[FONT_ARABIC] = { "NotoSansArabic-Regular.ttf", "fonts-noto-core" },
	[FONT_ARABIC_BOLD] = { "NotoSansArabic-Bold.ttf", "fonts-noto-core" },
	[FONT_ETHIOPIC] = { "NotoSansEthiopic-Regular.ttf", "fonts-noto-core" },
	[FONT_ETHIOPIC_BOLD] = { "NotoSansEthiopic-Bold.ttf", "fonts-noto-core" },
};

/* Where Debian and other distributions keep TrueType fonts. */
static const char *const font_dirs[] = {
	"/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/noto", "/usr/share/fonts/TTF",
	"/usr/share/fonts/dejavu", "/usr/share/fonts/noto", "/usr/share/fonts/google-noto",
	"/usr/local/share/fonts", NULL,
};

/* ---- the card being drawn ---- */

#define PAGE_W 841.89f
#define PAGE_H 595.28f
#define MARGIN 28.f

struct card {
	HPDF_Doc pdf;
	HPDF_Page page;
	HPDF_Font fonts[FONT_COUNT];
	char font_paths[FONT_COUNT][256];
	bool rtl;
	const char *lang;
	bool bilingual; /* lang is not nl: every label twice */
	struct err *e;
	HPDF_STATUS hpdf_error;
	HPDF_STATUS hpdf_detail;
};

static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	struct card *c = user_data;
	if (c->hpdf_error == 0) {
		c->hpdf_error = error_no;
		c->hpdf_detail = detail_no;
	}
}

/* libharu 2.3.0 embeds a subset of a TrueType font: the glyphs it has
 * flagged as used. It looks one level into a composite glyph for its
 * components, but not always (a glyph flagged before it measured any text
 * is never looked into) and never deeper, so an Arabic letter built from
 * a base and a dot, or with a hamza that is itself a composite (DejaVu
 * Sans, Noto Sans Arabic), would lose part of its shape. Before the
 * document is written, flag every component of every flagged glyph, to
 * any depth, reading the glyph table from the font file. */
static void glyph_flag_components(const HPDF_TTFontDefAttr tt, FILE *f, HPDF_UINT16 gid, int depth)
{
	unsigned char buf[4096];
	HPDF_UINT32 scale = tt->header.index_to_loc_format == 0 ? 2 : 1;
	HPDF_UINT32 from = tt->glyph_tbl.offsets[gid] * scale, to = tt->glyph_tbl.offsets[gid + 1] * scale;
	if (depth > 8 || to <= from + 10)
		return;
	size_t n = to - from < sizeof buf ? to - from : sizeof buf;
	if (fseek(f, (long)(tt->glyph_tbl.base_offset + from), SEEK_SET) != 0 || fread(buf, 1, n, f) != n)
		return;
	if ((int16_t)(buf[0] << 8 | buf[1]) >= 0)
		return; /* a simple glyph */
	size_t p = 10;
	unsigned flags;
	do {
		if (p + 4 > n)
			return;
		flags = (unsigned)(buf[p] << 8 | buf[p + 1]);
		HPDF_UINT16 comp = (HPDF_UINT16)(buf[p + 2] << 8 | buf[p + 3]);
		p += 4 + ((flags & 0x0001) ? 4 : 2);                 /* ARG_1_AND_2_ARE_WORDS */
		p += (flags & 0x0008) ? 2 : (flags & 0x0040) ? 4 : (flags & 0x0080) ? 8 : 0; /* scales */
		if (comp < tt->num_glyphs) {
			tt->glyph_tbl.flgs[comp] = 1;
			glyph_flag_components(tt, f, comp, depth + 1);
		}
	} while (flags & 0x0020); /* MORE_COMPONENTS */
}

/* Flag the components of the flagged glyphs of font (loaded from path). */
static void font_flag_components(HPDF_Font font, const char *path)
{
	HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
	if (fa == NULL || fa->fontdef == NULL || fa->fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE)
		return;
	HPDF_TTFontDefAttr tt = (HPDF_TTFontDefAttr)fa->fontdef->attr;
	FILE *f = tt && tt->embedding && tt->glyph_tbl.flgs ? fopen(path, "rb") : NULL;
	if (f == NULL)
		return;
	for (HPDF_UINT16 gid = 0; gid < tt->num_glyphs; gid++)
		if (tt->glyph_tbl.flgs[gid])
			glyph_flag_components(tt, f, gid, 0);
	fclose(f);
}

/* Load font id into the document the first time it is needed; NULL (and
 * c->e set) when its file is missing. */
static HPDF_Font font_get(struct card *c, enum font_id id)
{
	if (c->fonts[id])
		return c->fonts[id];
	struct buf path;
	buf_init(&path, 4096);
	for (size_t i = 0; font_dirs[i]; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", font_dirs[i], font_files[id].file);
		if (!path.failed && access(path.data, R_OK) == 0)
			break;
		buf_reset(&path);
	}
	if (path.len == 0) {
		if (c->e->kind == ERR_NONE)
			err_set(c->e, ERR_INTERNAL,
				"week card PDF: font file %s not found in /usr/share/fonts/truetype; install the Debian "
				"package %s",
				font_files[id].file, font_files[id].package);
		buf_release(&path);
		return NULL;
	}
	const char *name = HPDF_LoadTTFontFromFile(c->pdf, path.data, HPDF_TRUE);
	if (name)
		c->fonts[id] = HPDF_GetFont(c->pdf, name, "UTF-8");
	if (c->fonts[id])
		str_copy(c->font_paths[id], sizeof c->font_paths[id], path.data);
	buf_release(&path);
	if (c->fonts[id] == NULL && c->e->kind == ERR_NONE)
		err_set(c->e, ERR_INTERNAL, "week card PDF: libharu could not load font %s (error 0x%04x)",
			font_files[id].file, (unsigned)c->hpdf_error);
	return c->fonts[id];
}

/* ---- text: UTF-8 in, visual order and joined forms out ---- */

/* Which font draws a character: the script's own, or DejaVu Sans for the
 * rest. Spaces and digits stay in the run they are in when that font has
 * them (Noto Sans Arabic has digits, Noto Sans Ethiopic only the space). */
enum script { SCRIPT_LATIN, SCRIPT_ARABIC, SCRIPT_ETHIOPIC, SCRIPT_SPACE, SCRIPT_DIGIT };

static enum script script_of(FriBidiChar u)
{
	if (u == ' ')
		return SCRIPT_SPACE;
	if (u >= '0' && u <= '9')
		return SCRIPT_DIGIT;
	if ((u >= 0x0600 && u <= 0x06ff) || (u >= 0x0750 && u <= 0x077f) || (u >= 0x08a0 && u <= 0x08ff) ||
	    (u >= 0xfb50 && u <= 0xfdff) || (u >= 0xfe70 && u <= 0xfefc))
		return SCRIPT_ARABIC;
	if ((u >= 0x1200 && u <= 0x139f) || (u >= 0x2d80 && u <= 0x2ddf) || (u >= 0xab00 && u <= 0xab2f))
		return SCRIPT_ETHIOPIC;
	return SCRIPT_LATIN;
}

static bool is_rtl(FriBidiChar u)
{
	return (u >= 0x0590 && u <= 0x08ff) || (u >= 0xfb1d && u <= 0xfdff) || (u >= 0xfe70 && u <= 0xfefc);
}

/* Marks and fillers that shaping leaves behind and the fonts have no
 * glyph for: zero-width joiners, bidi controls, the filler after a
 * lam-alef ligature. */
static bool is_invisible(FriBidiChar u)
{
	return (u >= 0x200b && u <= 0x200f) || (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069) ||
	       u == 0xfeff;
}

static enum font_id font_for(enum script sc, bool bold)
{
	switch (sc) {
	case SCRIPT_ARABIC: return bold ? FONT_ARABIC_BOLD : FONT_ARABIC;
	case SCRIPT_ETHIOPIC: return bold ? FONT_ETHIOPIC_BOLD : FONT_ETHIOPIC;
	default: return bold ? FONT_BOLD : FONT_REGULAR;
	}
}

struct text {
	FriBidiChar *u; /* logical order */
	FriBidiStrIndex n;
	bool rtl;       /* has right-to-left letters */
};

static void text_init(struct text *t, const char *s)
{
	size_t len = strlen(s);
	t->u = xcalloc(len + 1, sizeof *t->u);
	t->n = fribidi_charset_to_unicode(FRIBIDI_CHAR_SET_UTF8, s, (FriBidiStrIndex)len, t->u);
	t->rtl = false;
	for (FriBidiStrIndex i = 0; i < t->n; i++)
		t->rtl |= is_rtl(t->u[i]);
}

static void text_release(struct text *t)
{
	free(t->u);
}

/* The first n characters of t (plus an ellipsis when cut) in visual
 * order with Arabic letters joined, into *out (caller frees); returns the
 * length. */
static FriBidiStrIndex text_visual(const struct text *t, FriBidiStrIndex n, bool ellipsis, FriBidiChar **out)
{
	FriBidiStrIndex len = n + (ellipsis ? 1 : 0);
	FriBidiChar *s = xcalloc((size_t)len + 1, sizeof *s);
	memcpy(s, t->u, (size_t)n * sizeof *s);
	if (ellipsis)
		s[n] = 0x2026;
	if (t->rtl) {
		FriBidiCharType *types = xcalloc((size_t)len + 1, sizeof *types);
		FriBidiBracketType *brackets = xcalloc((size_t)len + 1, sizeof *brackets);
		FriBidiLevel *levels = xcalloc((size_t)len + 1, sizeof *levels);
		FriBidiArabicProp *props = xcalloc((size_t)len + 1, sizeof *props);
		FriBidiParType base = FRIBIDI_PAR_ON;

		fribidi_get_bidi_types(s, len, types);
		fribidi_get_bracket_types(s, len, types, brackets);
		if (fribidi_get_par_embedding_levels_ex(types, brackets, len, &base, levels) != 0) {
			fribidi_get_joining_types(s, len, props);
			fribidi_join_arabic(types, len, levels, props);
			fribidi_shape(FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC, levels, len, props, s);
			if (fribidi_reorder_line(FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC, types, len, 0, base,
						 levels, s, NULL) == 0)
				len = 0; /* out of memory inside fribidi: draw nothing */
		}
		free(types);
		free(brackets);
		free(levels);
		free(props);
	}
	FriBidiStrIndex k = 0;
	for (FriBidiStrIndex i = 0; i < len; i++)
		if (!is_invisible(s[i]))
			s[k++] = s[i];
	*out = s;
	return k;
}

/* A stretch of visual text drawn in one font. */
struct run {
	HPDF_Font font;
	char *utf8;
	float width;
};

struct line {
	struct run runs[16];
	int nruns;
	float width;
	bool failed; /* a font is missing: c->e says which */
};

static void line_release(struct line *l)
{
	for (int i = 0; i < l->nruns; i++)
		free(l->runs[i].utf8);
	l->nruns = 0;
	l->width = 0;
}

/* The font class of each character of visual text v[0..n): its script's,
 * a space that of the character before it (after it at the start), a
 * digit Arabic next to Arabic letters (Noto Sans Arabic has digits, Noto
 * Sans Ethiopic has none), else Latin. */
static void classify(const FriBidiChar *v, FriBidiStrIndex n, enum script *cls)
{
	for (FriBidiStrIndex i = 0; i < n; i++) {
		enum script sc = script_of(v[i]);
		enum script prev = i > 0 ? cls[i - 1] : SCRIPT_LATIN;
		if (sc == SCRIPT_DIGIT)
			sc = prev == SCRIPT_ARABIC ? SCRIPT_ARABIC : SCRIPT_LATIN;
		else if (sc == SCRIPT_SPACE && i > 0)
			sc = prev;
		cls[i] = sc;
	}
	/* leading spaces take the class of the first letter */
	FriBidiStrIndex k = 0;
	while (k < n && script_of(v[k]) == SCRIPT_SPACE)
		k++;
	for (FriBidiStrIndex i = 0; i < k; i++)
		cls[i] = k < n ? cls[k] : SCRIPT_LATIN;
}

/* Split visual text v[0..n) into runs of one font and measure them. */
static void line_build(struct card *c, const FriBidiChar *v, FriBidiStrIndex n, bool bold, float size,
		       struct line *l)
{
	enum script *cls = xcalloc((size_t)n + 1, sizeof *cls);
	classify(v, n, cls);
	for (FriBidiStrIndex i = 0, j; i < n && l->nruns < (int)(sizeof l->runs / sizeof l->runs[0]); i = j) {
		for (j = i + 1; j < n && cls[j] == cls[i]; j++)
			;
		HPDF_Font f = font_get(c, font_for(cls[i], bold));
		if (f == NULL) {
			l->failed = true;
			break;
		}
		struct run *r = &l->runs[l->nruns++];
		r->font = f;
		r->utf8 = xmalloc((size_t)(j - i) * 4 + 1);
		fribidi_unicode_to_charset(FRIBIDI_CHAR_SET_UTF8, v + i, j - i, r->utf8);
		HPDF_Page_SetFontAndSize(c->page, f, size);
		r->width = HPDF_Page_TextWidth(c->page, r->utf8);
		l->width += r->width;
	}
	free(cls);
}

/* s laid out for drawing in at most maxw points: visual order, runs by
 * font, shortened with an ellipsis when too wide. */
static void text_fit(struct card *c, const char *s, bool bold, float size, float maxw, struct line *l)
{
	struct text t;
	FriBidiChar *v;
	text_init(&t, s);
	memset(l, 0, sizeof *l);
	FriBidiStrIndex n = text_visual(&t, t.n, false, &v);
	line_build(c, v, n, bold, size, l);
	free(v);
	for (FriBidiStrIndex keep = t.n - 1; !l->failed && l->width > maxw && keep > 0; keep--) {
		while (keep > 1 && t.u[keep - 1] == ' ')
			keep--;
		line_release(l);
		n = text_visual(&t, keep, true, &v);
		line_build(c, v, n, bold, size, l);
		free(v);
	}
	text_release(&t);
}

/* ---- drawing in layout coordinates ---- */

/* Layout is done left to right with y down from the top of the page; a
 * right-to-left card mirrors every box. */
static float page_x(const struct card *c, float x, float w)
{
	return c->rtl ? PAGE_W - x - w : x;
}

static float page_y(float y)
{
	return PAGE_H - y;
}

enum align { ALIGN_START, ALIGN_END, ALIGN_CENTER };

struct style {
	bool bold;
	float size;
	float grey; /* 0 black .. 1 white */
};

/* Draw s with its baseline at y in the box x..x+w, aligned at the start
 * (left, or right on a right-to-left card), end or centre. Returns the
 * width drawn. */
static float draw_text(struct card *c, float x, float y, float w, const char *s, struct style st, enum align al)
{
	struct line l;
	if (s == NULL || *s == '\0')
		return 0;
	text_fit(c, s, st.bold, st.size, w, &l);
	if (l.failed) {
		line_release(&l);
		return 0;
	}
	float px = page_x(c, x, w); /* left edge of the box on the page */
	float left;
	if (al == ALIGN_CENTER)
		left = px + (w - l.width) / 2;
	else if ((al == ALIGN_START) != c->rtl)
		left = px;
	else
		left = px + w - l.width;
	HPDF_Page_SetGrayFill(c->page, st.grey);
	HPDF_Page_BeginText(c->page);
	for (int i = 0; i < l.nruns; i++) {
		HPDF_Page_SetFontAndSize(c->page, l.runs[i].font, st.size);
		HPDF_Page_TextOut(c->page, left, page_y(y), l.runs[i].utf8);
		left += l.runs[i].width;
	}
	HPDF_Page_EndText(c->page);
	float drawn = l.width;
	line_release(&l);
	return drawn;
}

static void fill_rgb(struct card *c, const float rgb[3])
{
	HPDF_Page_SetRGBFill(c->page, rgb[0], rgb[1], rgb[2]);
	HPDF_Page_SetRGBStroke(c->page, rgb[0], rgb[1], rgb[2]);
}

/* Draw pictogram p in a size×size box with its top-left (in layout) at
 * x,y: on a rounded badge of its colour (badge) or in its colour on the
 * page. */
static void draw_pictogram(struct card *c, const struct pictogram *p, float x, float y, float size, bool badge)
{
	static const float white[3] = { 1, 1, 1 };
	const float *fg = badge ? white : p->rgb;
	const float *bg = badge ? p->rgb : white;
	float s = size / 24.f;
	float ox = page_x(c, x, size), oy = page_y(y);
#define PX(v) (ox + (v) * s)
#define PY(v) (oy - (v) * s)

	HPDF_Page_GSave(c->page);
	if (badge) {
		float r = 4 * s, x0 = ox, y0 = oy - size, x1 = ox + size, y1 = oy;
		fill_rgb(c, p->rgb);
		HPDF_Page_MoveTo(c->page, x0 + r, y0);
		HPDF_Page_LineTo(c->page, x1 - r, y0);
		HPDF_Page_CurveTo(c->page, x1, y0, x1, y0, x1, y0 + r);
		HPDF_Page_LineTo(c->page, x1, y1 - r);
		HPDF_Page_CurveTo(c->page, x1, y1, x1, y1, x1 - r, y1);
		HPDF_Page_LineTo(c->page, x0 + r, y1);
		HPDF_Page_CurveTo(c->page, x0, y1, x0, y1, x0, y1 - r);
		HPDF_Page_LineTo(c->page, x0, y0 + r);
		HPDF_Page_CurveTo(c->page, x0, y0, x0, y0, x0 + r, y0);
		HPDF_Page_Fill(c->page);
	}
	for (const struct pict_op *o = p->ops; o->op != OP_END; o++) {
		bool back = o->op == OP_BG_CIRCLE || o->op == OP_BG_LINE;
		fill_rgb(c, back ? bg : fg);
		switch (o->op) {
		case OP_POLY:
			HPDF_Page_MoveTo(c->page, PX(o->v[0]), PY(o->v[1]));
			for (int i = 1; i < o->n; i++)
				HPDF_Page_LineTo(c->page, PX(o->v[2 * i]), PY(o->v[2 * i + 1]));
			HPDF_Page_ClosePath(c->page);
			HPDF_Page_Fill(c->page);
			break;
		case OP_CIRCLE:
		case OP_BG_CIRCLE:
			HPDF_Page_Circle(c->page, PX(o->v[0]), PY(o->v[1]), o->v[2] * s);
			HPDF_Page_Fill(c->page);
			break;
		case OP_LINE:
		case OP_BG_LINE:
			HPDF_Page_SetLineWidth(c->page, o->v[4] * s);
			HPDF_Page_SetLineCap(c->page, HPDF_BUTT_END);
			HPDF_Page_MoveTo(c->page, PX(o->v[0]), PY(o->v[1]));
			HPDF_Page_LineTo(c->page, PX(o->v[2]), PY(o->v[3]));
			HPDF_Page_Stroke(c->page);
			break;
		case OP_RECT:
			HPDF_Page_Rectangle(c->page, PX(o->v[0]), PY(o->v[1] + o->v[3]), o->v[2] * s, o->v[3] * s);
			HPDF_Page_Fill(c->page);
			break;
		case OP_END:
			break;
		}
	}
	HPDF_Page_GRestore(c->page);
#undef PX
#undef PY
}

/* A place number in a circle, centred on x,y (layout). */
static void draw_place_number(struct card *c, float x, float y, float r, json_int_t n)
{
	char num[24];
	snprintf(num, sizeof num, "%lld", (long long)n);
	float cx = c->rtl ? PAGE_W - x : x;
	HPDF_Page_GSave(c->page);
	HPDF_Page_SetGrayStroke(c->page, 0.1f);
	HPDF_Page_SetGrayFill(c->page, 1);
	HPDF_Page_SetLineWidth(c->page, 0.9f);
	HPDF_Page_Circle(c->page, cx, page_y(y), r);
	HPDF_Page_FillStroke(c->page);
	HPDF_Page_GRestore(c->page);
	struct card ltr = *c;
	ltr.rtl = false; /* the digits are centred on the circle already placed */
	draw_text(&ltr, cx - r, y + r * 0.38f, 2 * r, num, (struct style){ true, r * 1.15f, 0 }, ALIGN_CENTER);
}

static void box(struct card *c, float x, float y, float w, float h, float fill_grey, float stroke_grey)
{
	HPDF_Page_GSave(c->page);
	HPDF_Page_SetLineWidth(c->page, 0.6f);
	HPDF_Page_SetGrayFill(c->page, fill_grey);
	HPDF_Page_SetGrayStroke(c->page, stroke_grey);
	HPDF_Page_Rectangle(c->page, page_x(c, x, w), page_y(y + h), w, h);
	if (fill_grey < 1)
		HPDF_Page_FillStroke(c->page);
	else
		HPDF_Page_Stroke(c->page);
	HPDF_Page_GRestore(c->page);
}

/* ---- the card ---- */

static const char *nl(const char *key)
{
	return weekcard_label("nl", key);
}

static const char *own(const struct card *c, const char *key)
{
	return c->bilingual ? weekcard_label(c->lang, key) : NULL;
}

/* "2025-03-03" as "03-03" (day-month, as Dutch writes it). */
static void day_month(const char *iso, char out[8])
{
	snprintf(out, 8, "%.2s-%.2s", iso ? iso + 8 : "", iso ? iso + 5 : "");
}

/* "2025-03-03" as "03-03-2025". */
static void dutch_date(const char *iso, char out[16])
{
	snprintf(out, 16, "%.2s-%.2s-%.4s", iso ? iso + 8 : "", iso ? iso + 5 : "", iso ? iso : "");
}

static void draw_header(struct card *c, const json_t *m)
{
	float w = PAGE_W - 2 * MARGIN;
	struct buf b;
	buf_init(&b, 512);

	draw_text(c, MARGIN, 44, 300, nl("my_week"), (struct style){ true, 20, 0 }, ALIGN_START);
	draw_text(c, MARGIN, 64, 300, own(c, "my_week"), (struct style){ true, 15, 0.15f }, ALIGN_START);

	const json_t *who = json_object_get(m, "participant");
	const char *given = json_string_value(json_object_get(who, "given_names"));
	const char *family = json_string_value(json_object_get(who, "family_name"));
	if (given || family) {
		buf_printf(&b, "%s%s%s", given ? given : "", given && family ? " " : "", family ? family : "");
		draw_text(c, MARGIN + 230, 44, w - 460, b.data, (struct style){ true, 15, 0 }, ALIGN_CENTER);
	}

	char from[16], to[16];
	buf_reset(&b);
	buf_printf(&b, "%s %d", nl("week"), (int)json_integer_value(json_object_get(m, "week_number")));
	draw_text(c, MARGIN + w - 300, 44, 300, b.data, (struct style){ true, 18, 0 }, ALIGN_END);
	dutch_date(json_string_value(json_object_get(m, "week")), from);
	dutch_date(json_string_value(json_object_get(m, "week_end")), to);
	buf_reset(&b);
	buf_printf(&b, "%s \u2013 %s", from, to);
	/* the dates read left to right in every language */
	struct card ltr = *c;
	ltr.rtl = false;
	draw_text(&ltr, c->rtl ? MARGIN : MARGIN + w - 300, 64, 300, b.data, (struct style){ false, 12, 0.1f },
		  c->rtl ? ALIGN_START : ALIGN_END);
	buf_release(&b);
}

#define GRID_TOP 78.f
#define HEAD_H 42.f
#define LABEL_W 86.f
#define ROW_H 108.f
#define ITEM_H 25.f
#define BADGE 17.f

static void draw_item(struct card *c, const json_t *it, float x, float y, float w)
{
	const struct pictogram *p = pictogram_of(json_string_value(json_object_get(it, "kind")));
	const char *start = json_string_value(json_object_get(it, "start_time"));
	const char *end = json_string_value(json_object_get(it, "end_time"));
	const char *title = json_string_value(json_object_get(it, "title"));
	json_int_t place = json_integer_value(json_object_get(it, "place"));
	char times[32];

	draw_pictogram(c, p, x, y + 2, BADGE, true);
	snprintf(times, sizeof times, "%s\u2013%s", start ? start : "", end ? end : "");
	float tx = x + BADGE + 3, tw = w - BADGE - 3;
	/* times read left to right in every language; on a right-to-left card
	 * they stand next to the badge, on its left */
	struct card ltr = *c;
	ltr.rtl = false;
	draw_text(&ltr, c->rtl ? PAGE_W - tx - tw : tx, y + 10, tw, times, (struct style){ true, 8.6f, 0 },
		  c->rtl ? ALIGN_END : ALIGN_START);
	if (place)
		draw_place_number(c, x + w - 5.5f, y + 18, 5.5f, place);
	if (!title)
		title = nl(p->kind);
	draw_text(c, tx, y + 21, tw - (place ? 13 : 0), title, (struct style){ false, 7.4f, 0.2f }, ALIGN_START);
}

static void draw_grid(struct card *c, const json_t *m)
{
	static const char *const parts[] = { "morning", "afternoon", "evening" };
	const json_t *days = json_object_get(m, "days");
	float colw = (PAGE_W - 2 * MARGIN - LABEL_W) / 7;
	char date[8];

	/* day heads */
	for (size_t d = 0; d < 7; d++) {
		const json_t *day = json_array_get(days, d);
		const char *wd = json_string_value(json_object_get(day, "weekday"));
		float x = MARGIN + LABEL_W + (float)d * colw;
		box(c, x, GRID_TOP, colw, HEAD_H, d >= 5 ? 0.88f : 0.94f, 0.55f);
		draw_text(c, x + 4, GRID_TOP + 13, colw - 8, nl(wd ? wd : ""), (struct style){ true, 10, 0 },
			  ALIGN_CENTER);
		draw_text(c, x + 4, GRID_TOP + 26, colw - 8, own(c, wd ? wd : ""), (struct style){ false, 10, 0 },
			  ALIGN_CENTER);
		day_month(json_string_value(json_object_get(day, "date")), date);
		draw_text(c, x + 4, GRID_TOP + (c->bilingual ? 38 : 28), colw - 8, date, (struct style){ false, 9, 0.25f },
			  ALIGN_CENTER);
	}
	for (size_t p = 0; p < 3; p++) {
		float y = GRID_TOP + HEAD_H + (float)p * ROW_H;
		const json_t *part0 = json_array_get(json_object_get(json_array_get(days, 0), "parts"), p);
		char times[32];
		/* the day-part's label: its sign, its names and its clock times */
		box(c, MARGIN, y, LABEL_W, ROW_H, 0.94f, 0.55f);
		draw_pictogram(c, &part_signs[p], MARGIN + 4, y + 5, 20, false);
		draw_text(c, MARGIN + 4, y + 38, LABEL_W - 8, nl(parts[p]), (struct style){ true, 9.5f, 0 },
			  ALIGN_START);
		draw_text(c, MARGIN + 4, y + 51, LABEL_W - 8, own(c, parts[p]), (struct style){ false, 9.5f, 0 },
			  ALIGN_START);
		const char *ps = json_string_value(json_object_get(part0, "start_time"));
		const char *pe = json_string_value(json_object_get(part0, "end_time"));
		if (ps && pe) {
			snprintf(times, sizeof times, "%s\u2013%s", ps, pe);
			draw_text(c, MARGIN + 4, y + (c->bilingual ? 66 : 53), LABEL_W - 8, times,
				  (struct style){ false, 8.5f, 0.25f }, ALIGN_START);
		}
		for (size_t d = 0; d < 7; d++) {
			const json_t *part = json_array_get(json_object_get(json_array_get(days, d), "parts"), p);
			const json_t *items = json_object_get(part, "items");
			float x = MARGIN + LABEL_W + (float)d * colw;
			box(c, x, y, colw, ROW_H, d >= 5 ? 0.96f : 1, 0.55f);
			size_t n = json_array_size(items);
			if (n == 0) {
				draw_text(c, x + 4, y + ROW_H / 2, colw - 8, nl("free"),
					  (struct style){ false, 8, 0.55f }, ALIGN_CENTER);
				draw_text(c, x + 4, y + ROW_H / 2 + 11, colw - 8, own(c, "free"),
					  (struct style){ false, 8, 0.55f }, ALIGN_CENTER);
				continue;
			}
			size_t room = (size_t)((ROW_H - 6) / ITEM_H);
			for (size_t i = 0; i < n && i < room; i++) {
				if (i + 1 == room && n > room) {
					char more[16];
					snprintf(more, sizeof more, "+%zu", n - room + 1);
					draw_text(c, x + 4, y + 4 + (float)i * ITEM_H + 14, colw - 8, more,
						  (struct style){ true, 10, 0 }, ALIGN_START);
					break;
				}
				draw_item(c, json_array_get(items, i), x + 4, y + 4 + (float)i * ITEM_H, colw - 8);
			}
		}
	}
}

#define FOOT_TOP (GRID_TOP + HEAD_H + 3 * ROW_H + 10)

static void draw_legend(struct card *c)
{
	float x = MARGIN, w = 330;
	float y = FOOT_TOP;
	struct buf b;
	buf_init(&b, 256);
	buf_puts(&b, nl("legend"));
	if (c->bilingual)
		buf_printf(&b, " \u00b7 %s", weekcard_label(c->lang, "legend"));
	draw_text(c, x, y + 10, w, b.data, (struct style){ true, 10, 0 }, ALIGN_START);
	buf_release(&b);
	for (size_t i = 0; i < NKINDS; i++) {
		float cx = x + (float)(i % 2) * (w / 2), cy = y + 16 + (float)(i / 2) * 30;
		draw_pictogram(c, &pictograms[i], cx, cy, 22, true);
		draw_text(c, cx + 27, cy + 10, w / 2 - 30, nl(pictograms[i].kind), (struct style){ true, 9, 0 },
			  ALIGN_START);
		draw_text(c, cx + 27, cy + 21, w / 2 - 30, own(c, pictograms[i].kind), (struct style){ false, 9, 0 },
			  ALIGN_START);
	}
}

static void draw_places(struct card *c, const json_t *m)
{
	float x = MARGIN + 350, w = PAGE_W - 2 * MARGIN - 350;
	float y = FOOT_TOP;
	const json_t *places = json_object_get(m, "places");
	struct buf b;
	buf_init(&b, 1024);
	buf_printf(&b, "%s \u00b7 %s", nl("places"), nl("address"));
	if (c->bilingual)
		buf_printf(&b, " \u00b7 %s \u00b7 %s", weekcard_label(c->lang, "places"),
			   weekcard_label(c->lang, "address"));
	draw_text(c, x, y + 10, w, b.data, (struct style){ true, 10, 0 }, ALIGN_START);
	size_t n = json_array_size(places);
	size_t room = (size_t)((PAGE_H - MARGIN - (y + 16)) / 17);
	for (size_t i = 0; i < n && i < room; i++) {
		const json_t *pl = json_array_get(places, i);
		float ly = y + 18 + (float)i * 17;
		if (i + 1 == room && n > room) {
			char more[16];
			snprintf(more, sizeof more, "+%zu", n - room + 1);
			draw_text(c, x, ly + 11, w, more, (struct style){ true, 10, 0 }, ALIGN_START);
			break;
		}
		draw_place_number(c, x + 7, ly + 7, 6.5f, json_integer_value(json_object_get(pl, "place")));
		draw_pictogram(c, pictogram_of(json_string_value(json_object_get(pl, "kind"))), x + 18, ly, 14, true);
		buf_reset(&b);
		const char *title = json_string_value(json_object_get(pl, "title"));
		const char *loc = json_string_value(json_object_get(pl, "location"));
		draw_text(c, x + 38, ly + 11, 150, title ? title : "", (struct style){ true, 9, 0 }, ALIGN_START);
		draw_text(c, x + 192, ly + 11, w - 192, loc ? loc : "", (struct style){ false, 9.5f, 0 }, ALIGN_START);
	}
	buf_release(&b);
}

int weekcard_pdf(const json_t *model, char **pdf, size_t *len, struct err *e)
{
	struct card c = { 0 };
	int rc = -1;

	c.e = e;
	c.lang = json_string_value(json_object_get(model, "lang"));
	if (c.lang == NULL || !weekcard_lang_known(c.lang))
		return err_field(e, "lang", "there is no week card in language \"%.20s\"", c.lang ? c.lang : "");
	c.rtl = strcmp(weekcard_label(c.lang, "dir"), "rtl") == 0;
	c.bilingual = strcmp(c.lang, "nl") != 0;
	if (json_array_size(json_object_get(model, "days")) != 7)
		return err_set(e, ERR_INTERNAL, "week card PDF: the model has no seven days");

	c.pdf = HPDF_New(on_hpdf_error, &c);
	if (c.pdf == NULL)
		return err_set(e, ERR_INTERNAL, "week card PDF: libharu could not start a document");
	HPDF_SetCompressionMode(c.pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(c.pdf);
	HPDF_SetCurrentEncoder(c.pdf, "UTF-8");
	HPDF_SetInfoAttr(c.pdf, HPDF_INFO_TITLE, "Weekkaart");
	HPDF_SetInfoAttr(c.pdf, HPDF_INFO_CREATOR, "meedoen");
	/* load the Latin font up front so that a missing one fails early */
	if (font_get(&c, FONT_REGULAR) == NULL || font_get(&c, FONT_BOLD) == NULL)
		goto out_free;
	c.page = HPDF_AddPage(c.pdf);
	HPDF_Page_SetSize(c.page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE);

	draw_header(&c, model);
	draw_grid(&c, model);
	draw_legend(&c);
	draw_places(&c, model);
	if (e->kind != ERR_NONE)
		goto out_free;
	if (c.hpdf_error) {
		err_set(e, ERR_INTERNAL, "week card PDF: libharu error 0x%04x (detail %u)", (unsigned)c.hpdf_error,
			(unsigned)c.hpdf_detail);
		goto out_free;
	}
	for (int i = 0; i < FONT_COUNT; i++)
		if (c.fonts[i])
			font_flag_components(c.fonts[i], c.font_paths[i]);
	if (HPDF_SaveToStream(c.pdf) != HPDF_OK) {
		err_set(e, ERR_INTERNAL, "week card PDF: libharu could not write the document (0x%04x)",
			(unsigned)c.hpdf_error);
		goto out_free;
	}
	HPDF_UINT32 size = HPDF_GetStreamSize(c.pdf);
	char *data = xmalloc(size + 1);
	HPDF_ResetStream(c.pdf);
	if (HPDF_ReadFromStream(c.pdf, (HPDF_BYTE *)data, &size) != HPDF_OK && c.hpdf_error) {
		free(data);
		err_set(e, ERR_INTERNAL, "week card PDF: libharu could not read back the document (0x%04x)",
			(unsigned)c.hpdf_error);
		goto out_free;
	}
	*pdf = data;
	*len = size;
	rc = 0;
out_free:
	HPDF_Free(c.pdf);
	return rc;
}
