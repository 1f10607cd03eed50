import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ParleyServer

/// The live-reload script: injected into pages only, served at `/_parley/live.js`, and the page shown before any build.
@Suite struct LiveReloadTests {
    let site: SiteFixture

    init() throws {
        site = try SiteFixture()
    }

    func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func pagesGetTheScriptExactlyOnceBeforeTheClosingBody() async throws {
        try await site.server().makeApplication().test(.router) { client in
            for uri in ["/", "/a/b/", "/about", "/no-such-page", "/_parley/nothing"] {
                let response = try await client.execute(uri: uri, method: .get)
                let body = String(buffer: response.body)
                #expect(self.occurrences(of: LiveReloadScript.tag, in: body) == 1, "\(uri)")
                let scriptAt = try #require(body.range(of: LiveReloadScript.tag), "\(uri)")
                let bodyEnd = try #require(
                    body.range(of: "</body>", options: [.caseInsensitive, .backwards]), "\(uri)")
                #expect(scriptAt.upperBound == bodyEnd.lowerBound, "\(uri)")
                #expect(response.headers[.contentLength] == String(response.body.readableBytes), "\(uri)")
            }
        }
    }

    @Test func pageWithoutBodyTagGetsTheScriptAtTheEnd() async throws {
        try await site.server().makeApplication().test(.router) { client in
            let body = String(buffer: try await client.execute(uri: "/fragment.html", method: .get).body)
            #expect(body == "<p>No body tag at all</p>\n" + LiveReloadScript.tag)
        }
    }

    @Test func injectionGoesBeforeTheLastClosingBody() {
        let page = Array("<body>a</body><!-- </body> in a comment --></BODY>tail".utf8)
        let result = String(decoding: LiveReloadScript.inject(into: page), as: UTF8.self)
        #expect(result == "<body>a</body><!-- </body> in a comment -->\(LiveReloadScript.tag)</BODY>tail")
    }

    @Test func otherFilesAreNeverTouched() async throws {
        try await site.server().makeApplication().test(.router) { client in
            let style = try await client.execute(uri: "/assets/style.css", method: .get)
            #expect(String(buffer: style.body) == SiteFixture.style)
            let json = try await client.execute(uri: "/data.json", method: .get)
            #expect(String(buffer: json.body) == SiteFixture.json)
            let png = try await client.execute(uri: "/assets/logo.png", method: .get)
            #expect(Array(buffer: png.body) == SiteFixture.pngBytes)
            for response in [style, json, png] {
                #expect(!String(buffer: response.body).contains("_parley"))
            }
        }
    }

    @Test func filesOnDiskStayAsTheBuildWroteThem() async throws {
        try await site.server().makeApplication().test(.router) { client in
            _ = try await client.execute(uri: "/", method: .get)
            _ = try await client.execute(uri: "/no-such-page", method: .get)
        }
        #expect(try site.read("index.html") == Data(SiteFixture.index.utf8))
        #expect(try site.read("404.html") == Data(SiteFixture.notFound.utf8))
        let names = try FileManager.default.contentsOfDirectory(atPath: site.output.path)
        #expect(!names.contains("_parley"))
    }

    @Test func scriptIsServed() async throws {
        try await site.server().makeApplication().test(.router) { client in
            let response = try await client.execute(uri: "/_parley/live.js", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
            let script = String(buffer: response.body)
            #expect(script.contains("new EventSource(\"/_parley/events\")"))
            #expect(script.contains("location.reload()"))
            #expect(script.contains("textContent"))
            #expect(!script.contains("innerHTML"))
            #expect(!script.contains("eval("))
        }
    }

    @Test func reservedPrefixIsNotServedFromTheSite() async throws {
        try site.write("_parley/live.js", "alert('from the site')")
        try await site.server().makeApplication().test(.router) { client in
            let script = try await client.execute(uri: "/_parley/live.js", method: .get)
            #expect(!String(buffer: script.body).contains("from the site"))
            let other = try await client.execute(uri: "/_parley/other.js", method: .get)
            #expect(other.status == .notFound)
        }
    }

    @Test func unbuiltSiteShowsTheNotBuiltPage() async throws {
        let unbuilt = try SiteFixture(built: false)
        try await unbuilt.server().makeApplication().test(.router) { client in
            for uri in ["/", "/a/b/", "/no-such-page", "/about"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .serviceUnavailable, "\(uri)")
                let body = String(buffer: response.body)
                #expect(body.contains("<title>The site has not been built yet</title>"), "\(uri)")
                #expect(self.occurrences(of: LiveReloadScript.tag, in: body) == 1, "\(uri)")
            }
            // Assets that exist are still served, and missing ones are plain 404s.
            #expect(try await client.execute(uri: "/assets/style.css", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/assets/gone.css", method: .get).status == .notFound)
        }
    }

    @Test func missingOutputFolderShowsTheNotBuiltPage() async throws {
        let server = PreviewServer(
            outputFolder: site.base.appendingPathComponent("NeverBuilt"), port: 0, hub: PreviewHub())
        try await server.makeApplication().test(.router) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(String(buffer: response.body).contains("The site has not been built yet"))
        }
    }
}
