import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A plain TCP connection to the server under test: sends any bytes at all and reads a response, streaming or not.
///
/// Reads block, so they run on a thread of their own and never hold up the cooperative pool the server also uses.
final class RawHTTPConnection: @unchecked Sendable {
    /// A parsed response: status, lower-cased header names, and the body with any chunked framing removed.
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        /// Whether a chunked body ended with its last chunk.
        var isComplete: Bool
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let descriptor: Int32
    // Only touched by one read at a time, on the reading thread.
    private var received: [UInt8] = []

    init(port: Int) throws {
        #if canImport(Glibc)
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(description: "socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Failure(description: "connect to port \(port): \(errno)")
        }
        // Short receive timeouts let the reading loop notice its deadline.
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(descriptor)
    }

    func write(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { throw Failure(description: "send: \(errno)") }
            sent += count
        }
    }

    /// Reads until `done` holds for the reply so far, the server closes, or `timeout` passes; returns what arrived.
    func read(timeout: Duration = .seconds(60), until done: @escaping @Sendable (Reply) -> Bool) async throws -> Reply {
        let deadline = ContinuousClock.now + timeout
        let bytes: [UInt8] = await withCheckedContinuation { continuation in
            let thread = Thread {
                var chunk = [UInt8](repeating: 0, count: 64 * 1024)
                while ContinuousClock.now < deadline {
                    if let reply = Self.parse(self.received), done(reply) { break }
                    let count = chunk.withUnsafeMutableBytes { recv(self.descriptor, $0.baseAddress, $0.count, 0) }
                    if count > 0 {
                        self.received += chunk[0..<count]
                    } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                        break
                    }
                }
                continuation.resume(returning: self.received)
            }
            thread.start()
        }
        guard let reply = Self.parse(bytes) else {
            throw Failure(
                description:
                    "no complete response head in \(bytes.count) bytes: \(String(decoding: bytes, as: UTF8.self))")
        }
        return reply
    }

    /// Reads one whole response (by Content-Length, chunked end, or the server closing).
    func readResponse() async throws -> Reply {
        try await read { reply in
            if let length = reply.headers["content-length"].flatMap(Int.init) { return reply.body.count >= length }
            return reply.isComplete
        }
    }

    static func parse(_ bytes: [UInt8]) -> Reply? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = bytes.firstRange(of: separator) else { return nil }
        let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        let rest = Array(bytes[end.upperBound...])
        guard headers["transfer-encoding"]?.lowercased() == "chunked" else {
            return Reply(status: status, headers: headers, body: rest, isComplete: true)
        }
        var body: [UInt8] = []
        var index = 0
        while let lineEnd = rest[index...].firstRange(of: [13, 10]) {
            let sizeText = String(decoding: rest[index..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { break }
            if size == 0 {
                return Reply(status: status, headers: headers, body: body, isComplete: true)
            }
            let start = lineEnd.upperBound
            guard rest.count >= start + size + 2 else { break }
            body += rest[start..<(start + size)]
            index = start + size + 2
        }
        return Reply(status: status, headers: headers, body: body, isComplete: false)
    }
}
