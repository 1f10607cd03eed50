// xxHash, the reference implementation of XXH3, from Debian's libxxhash-dev (or Homebrew's xxhash).
#include <xxhash.h>
