/// Why the preview server could not start.
public enum PreviewServerError: Error, CustomStringConvertible, Equatable {
    /// Another process already listens on this port.
    case portInUse(host: String, port: Int)
    /// Listening failed for another reason (an unknown host, a privileged port), given by `reason`.
    case cannotBind(host: String, port: Int, reason: String)

    /// One sentence for the terminal, naming the address and what to do.
    public var description: String {
        switch self {
        case .portInUse(let host, let port):
            "port \(port) on \(host) is already in use; stop the other server or choose another port with --port"
        case .cannotBind(let host, let port, let reason):
            "cannot listen on \(host):\(port): \(reason)"
        }
    }
}
