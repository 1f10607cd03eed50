/// When a file was first and last committed, from git.
struct FileHistory: Sendable, Hashable {
    /// The committer date of the first commit that has the file at this path.
    var created: Timestamp
    /// The committer date of the last commit that changed it.
    var updated: Timestamp

    init(created: Timestamp, updated: Timestamp) {
        self.created = created
        self.updated = updated
    }
}
