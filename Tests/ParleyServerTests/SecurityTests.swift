import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ParleyServer

/// Nothing outside the output folder, and no dotfile, is ever served, whatever the request looks like.
@Suite struct SecurityTests {
    let site: SiteFixture

    init() throws {
        site = try SiteFixture()
    }

    static let attacks = [
        "/../secret", "/../secret.txt", "/%2e%2e/secret", "/%2E%2E/secret.txt", "/a/%2e%2e/%2e%2e/secret",
        "/a/b/../../../secret", "/%252e%252e/secret", "/%252e%252e%252fsecret", "/..%2fsecret", "/..%2Fsecret.txt",
        "/a%2f..%2f..%2fsecret", "/a\\..\\secret", "/a%5c..%5c..%5csecret", "/..\\secret", "//etc/passwd",
        "//secret", "/.parley-output", "/%2eparley-output", "/.git/config", "/.git/", "/.git", "/a/.hidden.html",
        "/a/.hidden", "/%00", "/secret%00.html", "/a/%00/", "/outside.txt", "/a/escape/secret", "/a/escape/secret.txt",
        "/dotlink.txt", "/.", "/./secret", "/%2e/", "/%", "/%zz", "/%c0%ae%c0%ae/secret",
        "secret", "*", "http://localhost/../secret", "/..;/secret", "/a/b/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret",
    ]

    @Test(arguments: attacks)
    func attackIsRefusedWithoutLeakingTheSecret(uri: String) async throws {
        try await site.server().makeApplication().test(.router) { client in
            for method in [HTTPRequest.Method.get, .head] {
                let response = try await client.execute(uri: uri, method: method)
                #expect(response.status == .notFound, "\(method) \(uri)")
                #expect(!String(buffer: response.body).contains(SiteFixture.secret), "\(method) \(uri)")
            }
        }
    }

    @Test func linkInsideTheFolderIsServed() async throws {
        try await site.server().makeApplication().test(.router) { client in
            let response = try await client.execute(uri: "/linked.css", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            #expect(String(buffer: response.body) == SiteFixture.style)
        }
    }

    @Test func encodedNamesThatStayInsideAreServed() async throws {
        try site.write("notes/a b.txt", "spaced")
        try site.write("notes/%2e%2e", "literal percent name")
        try await site.server().makeApplication().test(.router) { client in
            let spaced = try await client.execute(uri: "/notes/a%20b.txt", method: .get)
            #expect(String(buffer: spaced.body) == "spaced")
            // Decoded once only: `%252e%252e` names the file called `%2e%2e`, never `..`.
            let literal = try await client.execute(uri: "/notes/%252e%252e", method: .get)
            #expect(String(buffer: literal.body) == "literal percent name")
        }
    }

    static let rawAttacks = [
        "/../secret", "/%2e%2e/secret", "/a/%2e%2e/%2e%2e/secret", "/%252e%252e/secret", "/..%2fsecret",
        "/a\\..\\secret", "//etc/passwd", "/.parley-output", "/%00", "/outside.txt", "/a/escape/secret",
    ]

    /// The same attacks over a real socket, so that nothing between the parser and the responder normalises them.
    @Test func attacksOverTheWireAreRefused() async throws {
        let server = site.server()
        try await LiveServer.with(server) { port in
            for uri in Self.rawAttacks {
                let connection = try RawHTTPConnection(port: port)
                try connection.write("GET \(uri) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                let reply = try await connection.readResponse()
                #expect(reply.status == 404 || reply.status == 400, "\(uri): \(reply.status)")
                #expect(!String(decoding: reply.body, as: UTF8.self).contains(SiteFixture.secret), "\(uri)")
            }
            // A garbage request line must not take the server down.
            let garbage = try RawHTTPConnection(port: port)
            try garbage.write("\u{0}\u{1}GARBAGE \r\n\r\n")
            _ = try? await garbage.readResponse()
            let after = try RawHTTPConnection(port: port)
            try after.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            #expect(try await after.readResponse().status == 200)
        }
    }
}

/// Unit checks of the path parser that every request goes through.
@Suite struct SitePathTests {
    @Test func acceptsOrdinaryPaths() throws {
        let path = try #require(SitePath(target: "/rounds/first-round/?tab=2"))
        #expect(path.segments == ["rounds", "first-round"])
        #expect(path.hasTrailingSlash)
        #expect(path.query == "tab=2")
        let root = try #require(SitePath(target: "/"))
        #expect(root.segments.isEmpty && root.hasTrailingSlash)
        let file = try #require(SitePath(target: "/a/b%20c.css"))
        #expect(file.segments == ["a", "b c.css"] && !file.hasTrailingSlash)
    }

    @Test(arguments: ["/../x", "/%2e%2e/x", "/a/%2F/b", "/a//b", "x", "/.env", "/a/%5c", "/%00", "/%", "/%E0%A4%A"])
    func refuses(target: String) {
        #expect(SitePath(target: target) == nil)
    }
}
