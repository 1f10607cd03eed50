import Foundation
import ParleyKit
import Testing
@testable import ParleyServer

/// The build events stream on a live server, and the server's life: start on a free port, a busy port, shutdown.
@Suite struct EventStreamTests {
    /// What a page receives for one build.
    struct Received: Decodable, Equatable {
        struct Problem: Decodable, Equatable {
            var file: String
            var line: Int?
            var column: Int?
            var severity: String
            var message: String
            var hint: String?
            var sourceLine: String?
        }
        var generation: Int
        var ok: Bool
        var diagnostics: [Problem]?
        var report: String?
        var session: String?
    }

    let site: SiteFixture

    init() throws {
        site = try SiteFixture()
    }

    /// The `build` events in a stream's body, in order.
    static func events(in body: [UInt8]) throws -> [Received] {
        let text = String(decoding: body, as: UTF8.self)
        return try text.components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n")
            guard lines.contains("event: build"), let data = lines.first(where: { $0.hasPrefix("data: ") }) else {
                return nil
            }
            return try JSONDecoder().decode(Received.self, from: Data(data.dropFirst(6).utf8))
        }
    }

    static let brokenDate = Diagnostic(
        .error, at: SourceLocation(file: "Content/rounds/fourth-round.md", line: 3, column: 7),
        "'date' is not a valid date: '2022-02-30'", hint: "February 2022 has 28 days", sourceLine: "date: 2022-02-30")
    static let looseWarning = Diagnostic.warning(
        "unused reference 'smith2020'", at: SourceLocation(file: "Content/bibliography.yaml"))

    @Test func streamSendsTheCurrentStatusThenEveryPublish() async throws {
        let hub = PreviewHub()
        await hub.publish(.succeeded(generation: 1))
        try await LiveServer.with(site.server(hub: hub)) { port in
            let connection = try RawHTTPConnection(port: port)
            try connection.write("GET /_parley/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
            let first = try await connection.read { reply in ((try? Self.events(in: reply.body)) ?? []).count >= 1 }
            #expect(first.status == 200)
            #expect(first.headers["content-type"] == "text/event-stream")
            #expect(first.headers["cache-control"] == "no-cache")
            #expect(try Self.events(in: first.body) == [Received(generation: 1, ok: true, session: hub.session)])

            await hub.publish(.failed(generation: 2, diagnostics: [Self.looseWarning, Self.brokenDate]))
            let second = try await connection.read { reply in ((try? Self.events(in: reply.body)) ?? []).count >= 2 }
            let events = try Self.events(in: second.body)
            try #require(events.count == 2)
            let failed = events[1]
            #expect(failed.session == hub.session)
            #expect(failed.generation == 2)
            #expect(failed.ok == false)
            let diagnostics = try #require(failed.diagnostics)
            #expect(diagnostics.count == 2)
            #expect(
                diagnostics[0]
                    == Received.Problem(
                        file: "Content/bibliography.yaml", line: nil, column: nil, severity: "warning",
                        message: "unused reference 'smith2020'", hint: nil, sourceLine: nil))
            #expect(
                diagnostics[1]
                    == Received.Problem(
                        file: "Content/rounds/fourth-round.md", line: 3, column: 7, severity: "error",
                        message: "'date' is not a valid date: '2022-02-30'", hint: "February 2022 has 28 days",
                        sourceLine: "date: 2022-02-30"))
            #expect(failed.report == DiagnosticFormatter.report([Self.looseWarning, Self.brokenDate]))
            #expect(failed.report?.contains("Content/rounds/fourth-round.md:3:7: error:") == true)

            await hub.publish(.succeeded(generation: 3))
            let third = try await connection.read { reply in ((try? Self.events(in: reply.body)) ?? []).count >= 3 }
            #expect(try Self.events(in: third.body).last == Received(generation: 3, ok: true, session: hub.session))
        }
    }

    @Test func streamWithNoBuildYetWaitsForTheFirst() async throws {
        let hub = PreviewHub()
        try await LiveServer.with(site.server(hub: hub)) { port in
            let connection = try RawHTTPConnection(port: port)
            try connection.write("GET /_parley/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let head = try await connection.read { reply in reply.body.count > 0 }
            #expect(head.headers["content-type"] == "text/event-stream")
            #expect(try Self.events(in: head.body).isEmpty)
            // The stream is subscribed once the hub counts it; only then is a publish sure to reach it.
            try await Self.eventually { await hub.subscriberCount == 1 }
            await hub.publish(.failed(generation: 1, diagnostics: [Self.brokenDate]))
            let reply = try await connection.read { reply in ((try? Self.events(in: reply.body)) ?? []).count >= 1 }
            #expect(try Self.events(in: reply.body).first?.diagnostics?.first?.line == 3)
        }
    }

    @Test func pingsKeepTheStreamAlive() async throws {
        var server = site.server()
        server.pingInterval = .milliseconds(100)
        try await LiveServer.with(server) { port in
            let connection = try RawHTTPConnection(port: port)
            try connection.write("GET /_parley/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
            let reply = try await connection.read { reply in
                String(decoding: reply.body, as: UTF8.self).contains(": ping\n\n")
            }
            #expect(String(decoding: reply.body, as: UTF8.self).contains(": ping\n\n"))
        }
    }

    /// Ctrl-C must stop the server even while a page keeps its event stream open.
    @Test func gracefulShutdownEndsOpenStreams() async throws {
        let hub = PreviewHub()
        await hub.publish(.succeeded(generation: 7))
        var server = site.server(hub: hub)
        // No time limit: if the stream ignored the shutdown, run would never return and the test would time out.
        server.gracefulShutdownLimit = nil
        let connection = try await LiveServer.with(server) { port, shutdown in
            let connection = try RawHTTPConnection(port: port)
            try connection.write("GET /_parley/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
            _ = try await connection.read { reply in ((try? Self.events(in: reply.body)) ?? []).count >= 1 }
            return connection
        }
        // The stream was ended properly, with the last chunk, rather than cut off.
        let ended = try await connection.read(timeout: .seconds(30)) { reply in reply.isComplete }
        #expect(ended.isComplete)
        try await Self.eventually { await hub.subscriberCount == 0 }
    }

    /// The real Ctrl-C: SIGINT to this process while a page holds its event stream open.
    @Test func interruptStopsTheServerWithAnOpenStream() async throws {
        let hub = PreviewHub()
        await hub.publish(.succeeded(generation: 1))
        var server = site.server(hub: hub)
        server.gracefulShutdownLimit = nil
        let shutdown = ShutdownSwitch()
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let running = Task {
            defer { portSink.finish() }
            try await server.run(
                onReady: { port in portSink.yield(port) }, signals: PreviewServer.shutdownSignals, shutdown: shutdown)
        }
        guard let port = await ports.first(where: { _ in true }) else {
            try await running.value
            return
        }
        let connection = try RawHTTPConnection(port: port)
        try connection.write("GET /_parley/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        _ = try await connection.read { reply in ((try? Self.events(in: reply.body)) ?? []).count >= 1 }
        // Only signal once the server traps SIGINT (a dispatch source's handler replaces the default), or it would end the test run.
        guard Self.interruptIsTrapped() else {
            Issue.record("SIGINT is not trapped while the server runs")
            await shutdown.trigger()
            try await LiveServer.waitFor(running, what: "the server to shut down")
            return
        }
        kill(getpid(), SIGINT)
        try await LiveServer.waitFor(running, what: "run to return after SIGINT")
        let ended = try await connection.read(timeout: .seconds(30)) { reply in reply.isComplete }
        #expect(ended.isComplete)
    }

    static func interruptIsTrapped() -> Bool {
        var action = sigaction()
        guard sigaction(SIGINT, nil, &action) == 0 else { return false }
        #if canImport(Glibc)
            let handler = action.__sigaction_handler.sa_handler
        #else
            let handler = action.__sigaction_u.__sa_handler
        #endif
        return unsafeBitCast(handler, to: Int.self) != unsafeBitCast(SIG_DFL, to: Int.self)
    }

    @Test func portZeroReportsTheBoundPort() async throws {
        try await LiveServer.with(site.server()) { port in
            #expect(port > 0)
            let connection = try RawHTTPConnection(port: port)
            try connection.write("HEAD / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            let reply = try await connection.read { reply in reply.isComplete }
            #expect(reply.status == 200)
            #expect(reply.body.isEmpty)
            #expect(Int(reply.headers["content-length"] ?? "") ?? 0 > 0)
        }
    }

    @Test func busyPortIsReportedClearly() async throws {
        try await LiveServer.with(site.server()) { port in
            let second = PreviewServer(outputFolder: site.output, host: "127.0.0.1", port: port, hub: PreviewHub())
            let error = await #expect(throws: PreviewServerError.self) {
                try await second.run(onReady: { _ in }, signals: [], shutdown: nil)
            }
            #expect(error == .portInUse(host: "127.0.0.1", port: port))
            #expect(error?.description.contains("\(port)") == true)
            #expect(error?.description.contains("--port") == true)
        }
    }

    @Test func addressNotOnThisMachineIsReportedClearly() async throws {
        // 192.0.2.1 is reserved for documentation: no interface has it, so binding fails at once and nothing is sent.
        let server = PreviewServer(outputFolder: site.output, host: "192.0.2.1", port: 0, hub: PreviewHub())
        let error = await #expect(throws: PreviewServerError.self) {
            try await server.run(onReady: { _ in }, signals: [], shutdown: nil)
        }
        guard case .cannotBind(let host, _, let reason)? = error else {
            Issue.record("expected cannotBind, got \(String(describing: error))")
            return
        }
        #expect(host == "192.0.2.1")
        #expect(!reason.isEmpty)
        #expect(error?.description.contains("192.0.2.1") == true)
    }

    /// Polls `condition` until it holds, failing after a generous limit.
    static func eventually(limit: Duration = .seconds(30), _ condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + limit
        while await !condition() {
            guard ContinuousClock.now < deadline else { throw LiveServer.Timeout(what: "a condition") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// The hub on its own.
@Suite struct PreviewHubTests {
    @Test func newSubscribersGetTheCurrentStatusFirst() async throws {
        let hub = PreviewHub()
        #expect(await hub.current == nil)
        await hub.publish(.succeeded(generation: 1))
        await hub.publish(.succeeded(generation: 2))
        var iterator = await hub.subscribe().makeAsyncIterator()
        #expect(await iterator.next() == .succeeded(generation: 2))
        await hub.publish(.failed(generation: 3, diagnostics: []))
        #expect(await iterator.next() == .failed(generation: 3, diagnostics: []))
        #expect(await hub.current == .failed(generation: 3, diagnostics: []))
    }

    @Test func everySubscriberGetsEveryPublish() async throws {
        let hub = PreviewHub()
        var first = await hub.subscribe().makeAsyncIterator()
        var second = await hub.subscribe().makeAsyncIterator()
        await hub.publish(.succeeded(generation: 5))
        #expect(await first.next() == .succeeded(generation: 5))
        #expect(await second.next() == .succeeded(generation: 5))
    }

    @Test func buildEventJSONIsOneLine() {
        let event = BuildEvent(.failed(generation: 4, diagnostics: [EventStreamTests.brokenDate]))
        #expect(!event.json.contains("\n"))
        #expect(event.message.hasPrefix("event: build\ndata: {"))
        #expect(event.message.hasSuffix("}\n\n"))
        #expect(BuildEvent(.succeeded(generation: 9)).json == #"{"generation":9,"ok":true}"#)
    }
}

/// HTTP dates both ways.
@Suite struct HTTPDateTests {
    @Test func formatsAndParsesIMFFixdate() {
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(HTTPDate.parse("garbage") == nil)
    }
}
