#include "parley_icu.h"
#include <unicode/ucol.h>
#include <unicode/ulocdata.h>
#include <unicode/uset.h>

void *parley_collator_open(const char *locale, int primary) {
    UErrorCode status = U_ZERO_ERROR;
    UCollator *collator = ucol_open(locale, &status);
    if (U_FAILURE(status)) return NULL;
    ucol_setStrength(collator, primary ? UCOL_PRIMARY : UCOL_TERTIARY);
    return collator;
}

void parley_collator_close(void *collator) { ucol_close((UCollator *)collator); }

int32_t parley_sort_key(const void *collator, const uint16_t *text, int32_t length, uint8_t *key, int32_t capacity) {
    return ucol_getSortKey((const UCollator *)collator, (const UChar *)text, length, key, capacity);
}

int32_t parley_index_letters(const char *locale, int32_t *letters, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    ULocaleData *data = ulocdata_open(locale, &status);
    if (U_FAILURE(status)) return -1;
    USet *set = ulocdata_getExemplarSet(data, NULL, 0, ULOCDATA_ES_INDEX, &status);
    ulocdata_close(data);
    if (U_FAILURE(status) || set == NULL) return -1;
    int32_t count = uset_size(set);
    for (int32_t i = 0; i < count && i < capacity; i++) letters[i] = uset_charAt(set, i);
    uset_close(set);
    return count;
}
