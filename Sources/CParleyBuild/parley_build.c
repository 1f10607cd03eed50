#include "parley_build.h"

#ifndef PARLEY_VERSION
#define PARLEY_VERSION "0.1.0-dev"
#endif
#ifndef PARLEY_REPOSITORY
#define PARLEY_REPOSITORY "parley-ssg/parley"
#endif

const char *parley_build_version(void) { return PARLEY_VERSION; }

const char *parley_build_repository(void) { return PARLEY_REPOSITORY; }
