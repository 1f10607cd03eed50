// What a build of Parley names itself: its version and the GitHub repository it is released from. A release
// build sets them from the git tag and the repository it is built in (PARLEY_VERSION and PARLEY_REPOSITORY in the
// environment of `swift build`, read by Package.swift; `make dist` does this); any other build says 0.1.0-dev and
// parley-ssg/parley.

/// The version, such as "1.2.3", without a leading "v".
const char *parley_build_version(void);

/// The GitHub repository, as "owner/name".
const char *parley_build_repository(void);
