/// Finds changes by comparing snapshots of the watched folders taken at an interval.
final class PollingSource: ChangeSource {
    let descriptor: Int32? = nil
    let scanInterval: Duration?
    private let configuration: WatchConfiguration
    private var snapshot: [String: FileStamp]

    /// Takes the first snapshot, so that changes from here on are reported.
    init(configuration: WatchConfiguration, interval: Duration) {
        self.configuration = configuration
        scanInterval = interval
        snapshot = Self.snapshot(of: configuration)
    }

    func collect(into pending: inout PendingChanges) {
        let current = Self.snapshot(of: configuration)
        let now = ContinuousClock.now
        for (path, stamp) in current where snapshot[path] != stamp {
            pending.insert(path, at: now)
        }
        for path in snapshot.keys where current[path] == nil {
            pending.insert(path, at: now)
        }
        snapshot = current
    }

    func close() {}

    /// Every file and folder under the watched folders, the folders included, skipping ignored names
    /// and never descending into a symbolic link.
    static func snapshot(of configuration: WatchConfiguration) -> [String: FileStamp] {
        var result: [String: FileStamp] = [:]
        var folders = configuration.folders.sorted()
        while let folder = folders.popLast() {
            guard let stamp = FileStamp(path: configuration.absolutePath(folder)) else { continue }
            result[folder] = stamp
            guard stamp.isDirectory else { continue }
            for name in DirectoryListing.names(atPath: configuration.absolutePath(folder)) {
                guard let path = configuration.child(name, of: folder) else { continue }
                folders.append(path)
            }
        }
        return result
    }
}
