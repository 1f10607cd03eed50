// ICU's collation and locale data, from the system's libicu (Debian's libicu-dev, Homebrew's icu4c): the
// alphabetical order and the index letters of a language. Only plain C types cross this header, so that
// ICU's own types do not meet those of the copy of ICU inside Foundation.
#include <stdint.h>

/// A collator for `locale` comparing base letters only (`primary` non-zero), or base letters, then accents,
/// then case; NULL when ICU fails.
void *parley_collator_open(const char *locale, int primary);

void parley_collator_close(void *collator);

/// The sort key of UTF-16 `text`: returns its length with the final zero, written into `key` when it fits.
int32_t parley_sort_key(const void *collator, const uint16_t *text, int32_t length, uint8_t *key, int32_t capacity);

/// The letters an index in `locale` is headed by (CLDR's index exemplar characters), as code points; returns
/// how many there are (more than `capacity`: only the first were written), or -1 on failure.
int32_t parley_index_letters(const char *locale, int32_t *letters, int32_t capacity);
