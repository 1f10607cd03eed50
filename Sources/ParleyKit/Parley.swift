/// Parley's identity, for `--version` and for keying caches.
public enum Parley {
    public static let version = "0.1.0"
}
