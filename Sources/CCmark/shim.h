// The only place C is imported: libcmark, from Debian's libcmark-dev (or Homebrew's cmark).
#include <cmark.h>
#include <stdlib.h>
#include <string.h>
