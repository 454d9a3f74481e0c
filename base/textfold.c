/*
 * textfold.c - search folding: UTF-8 -> UTF-16, case fold, NFD, drop
 * non-spacing marks, back to UTF-8.
 */
#include "textfold.h"
#include "xmalloc.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

int textfold(const char *s, struct buf *out)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n16 = 0;
	int rc = -1;

	u_strFromUTF8(NULL, 0, &n16, s, -1, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		goto out_plain;
	st = U_ZERO_ERROR;
	UChar *a = xmalloc(((size_t)n16 + 1) * sizeof(UChar));
	UChar *b = xmalloc(((size_t)n16 * 4 + 8) * sizeof(UChar));
	u_strFromUTF8(a, n16 + 1, NULL, s, -1, &st);
	int32_t nf = u_strFoldCase(b, n16 * 4 + 8, a, n16, U_FOLD_CASE_DEFAULT, &st);
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	if (U_FAILURE(st))
		goto out_free;
	a = xrealloc(a, ((size_t)nf * 4 + 8) * sizeof(UChar));
	int32_t nd = unorm2_normalize(nfd, b, nf, a, nf * 4 + 8, &st);
	if (U_FAILURE(st))
		goto out_free;
	int32_t k = 0;
	for (int32_t i = 0; i < nd;) {
		UChar32 c;
		int32_t start = i;
		U16_NEXT(a, i, nd, c);
		if (u_charType(c) == U_NON_SPACING_MARK)
			continue;
		while (start < i)
			b[k++] = a[start++];
	}
	char tmp[1024];
	int32_t n8 = 0;
	u_strToUTF8(tmp, (int32_t)sizeof tmp, &n8, b, k, &st);
	if (U_FAILURE(st) || n8 >= (int32_t)sizeof tmp)
		goto out_free;
	buf_append(out, tmp, (size_t)n8);
	rc = 0;
out_free:
	free(a);
	free(b);
	if (rc == 0)
		return 0;
out_plain:
	buf_puts(out, s);
	return -1;
}
