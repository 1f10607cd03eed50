import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ParleyServer

/// Serving the built site: paths, folders, types, HEAD and conditional requests.
@Suite struct ServerTests {
    let site: SiteFixture

    init() throws {
        site = try SiteFixture()
    }

    /// Runs `body` against the application in process.
    func withClient(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await site.server().makeApplication().test(.router) { client in
            try await body(client)
        }
    }

    @Test func rootServesTheHomePage() async throws {
        try await withClient { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(String(buffer: response.body).contains("<h1>Home</h1>"))
        }
    }

    @Test func folderWithTrailingSlashServesItsIndex() async throws {
        try await withClient { client in
            let response = try await client.execute(uri: "/a/b/", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("Deep page"))
        }
    }

    @Test func folderWithoutTrailingSlashRedirectsKeepingTheQuery() async throws {
        try await withClient { client in
            let plain = try await client.execute(uri: "/a/b", method: .get)
            #expect(plain.status == .movedPermanently)
            #expect(plain.headers[.location] == "/a/b/")
            let withQuery = try await client.execute(uri: "/a/b?x=1&y=2", method: .get)
            #expect(withQuery.status == .movedPermanently)
            #expect(withQuery.headers[.location] == "/a/b/?x=1&y=2")
        }
    }

    @Test func folderWithoutIndexIsNotFound() async throws {
        try await withClient { client in
            let response = try await client.execute(uri: "/assets/", method: .get)
            #expect(response.status == .notFound)
        }
    }

    @Test func cleanURLServesTheHTMLFile() async throws {
        try await withClient { client in
            let response = try await client.execute(uri: "/about", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("<p>About</p>"))
        }
    }

    @Test func queryStringsDoNotChangeWhatIsServed() async throws {
        try await withClient { client in
            let style = try await client.execute(uri: "/assets/style.css?v=3", method: .get)
            #expect(style.status == .ok)
            #expect(String(buffer: style.body) == SiteFixture.style)
            let page = try await client.execute(uri: "/a/b/?tab=notes", method: .get)
            #expect(String(buffer: page.body).contains("Deep page"))
        }
    }

    @Test func byteRangeParsing() {
        #expect(ByteRange(header: nil, size: 10) == .whole)
        #expect(ByteRange(header: "bytes=2-4", size: 10) == .part(2...4))
        #expect(ByteRange(header: "bytes=2-", size: 10) == .part(2...9))
        #expect(ByteRange(header: "bytes=-3", size: 10) == .part(7...9))
        #expect(ByteRange(header: "bytes=-30", size: 10) == .part(0...9))
        #expect(ByteRange(header: "bytes=5-1", size: 10) == .whole)
        #expect(ByteRange(header: "bytes=10-", size: 10) == .unsatisfiable)
        #expect(ByteRange(header: "bytes=-0", size: 10) == .unsatisfiable)
        #expect(ByteRange(header: "bytes=0-", size: 0) == .unsatisfiable)
        #expect(ByteRange(header: "items=0-1", size: 10) == .whole)
        #expect(ByteRange(header: "bytes=x-y", size: 10) == .whole)
    }

    static let types: [(String, String)] = [
        ("html", "text/html; charset=utf-8"), ("css", "text/css; charset=utf-8"),
        ("js", "text/javascript; charset=utf-8"), ("json", "application/json; charset=utf-8"),
        ("xml", "application/xml; charset=utf-8"), ("atom", "application/atom+xml; charset=utf-8"),
        ("rss", "application/rss+xml; charset=utf-8"), ("txt", "text/plain; charset=utf-8"),
        ("bib", "application/x-bibtex; charset=utf-8"), ("svg", "image/svg+xml"), ("png", "image/png"),
        ("jpg", "image/jpeg"), ("jpeg", "image/jpeg"), ("gif", "image/gif"), ("webp", "image/webp"),
        ("avif", "image/avif"), ("ico", "image/x-icon"), ("woff", "font/woff"), ("woff2", "font/woff2"),
        ("ttf", "font/ttf"), ("otf", "font/otf"), ("pdf", "application/pdf"), ("csv", "text/csv; charset=utf-8"),
        ("yaml", "application/yaml; charset=utf-8"), ("map", "application/json; charset=utf-8"),
        ("mp3", "audio/mpeg"), ("mp4", "video/mp4"), ("webm", "video/webm"), ("wasm", "application/wasm"),
        ("webmanifest", "application/manifest+json; charset=utf-8"), ("PNG", "image/png"),
        ("unknownext", "application/octet-stream"),
    ]

    @Test(arguments: types)
    func contentTypeByExtension(ext: String, type: String) async throws {
        try site.write("types/file.\(ext)", "x")
        try await withClient { client in
            let response = try await client.execute(uri: "/types/file.\(ext)", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == type)
            #expect(response.headers[PreviewResponder.contentTypeOptions] == "nosniff")
            #expect(response.headers[.cacheControl] == "no-cache")
        }
    }

    @Test func binaryFilesArriveByteForByte() async throws {
        try await withClient { client in
            let png = try await client.execute(uri: "/assets/logo.png", method: .get)
            #expect(Array(buffer: png.body) == SiteFixture.pngBytes)
            let bib = try await client.execute(uri: "/refs.bib", method: .get)
            #expect(String(buffer: bib.body) == SiteFixture.bib)
            #expect(bib.headers[.contentType] == "application/x-bibtex; charset=utf-8")
        }
    }

    @Test func largeFilesAreStreamedWhole() async throws {
        let bytes = (0..<(PreviewResponder.wholeFileLimit + 12345)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try site.write("media/clip.mp4", bytes: bytes)
        try await withClient { client in
            let response = try await client.execute(uri: "/media/clip.mp4", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentLength] == String(bytes.count))
            #expect(Array(buffer: response.body) == bytes)
            let tail = try await client.execute(uri: "/media/clip.mp4", method: .get, headers: [.range: "bytes=1-"])
            #expect(tail.status == .partialContent)
            #expect(tail.headers[.contentLength] == String(bytes.count - 1))
            #expect(Array(buffer: tail.body) == Array(bytes.dropFirst()))
        }
    }

    @Test func rangesServePartsOfFiles() async throws {
        let png = SiteFixture.pngBytes
        try await withClient { client in
            func get(_ range: String, _ extra: HTTPFields = [:]) async throws -> TestResponse {
                var headers = extra
                headers[.range] = range
                return try await client.execute(uri: "/assets/logo.png", method: .get, headers: headers)
            }
            let head = try await get("bytes=0-3")
            #expect(head.status == .partialContent)
            #expect(head.headers[.contentRange] == "bytes 0-3/\(png.count)")
            #expect(head.headers[.acceptRanges] == "bytes")
            #expect(Array(buffer: head.body) == Array(png[0...3]))
            #expect(Array(buffer: try await get("bytes=-4").body) == Array(png.suffix(4)))
            #expect(Array(buffer: try await get("bytes=10-").body) == Array(png[10...]))
            #expect(Array(buffer: try await get("bytes=10-9999").body) == Array(png[10...]))
            let beyond = try await get("bytes=100-")
            #expect(beyond.status == .rangeNotSatisfiable)
            #expect(beyond.headers[.contentRange] == "bytes */\(png.count)")
            let several = try await get("bytes=0-1,4-5")
            #expect(several.status == .ok)
            #expect(Array(buffer: several.body) == png)
            let stale = try await get("bytes=0-3", [.ifRange: "\"older\""])
            #expect(stale.status == .ok)
            #expect(Array(buffer: stale.body) == png)
            let current = try await get("bytes=0-3", [.ifRange: head.headers[.eTag] ?? ""])
            #expect(current.status == .partialContent)

            let page = try await client.execute(uri: "/", method: .get, headers: [.range: "bytes=0-3"])
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains(LiveReloadScript.tag))
        }
    }

    @Test func headHasTheSameHeadersAndNoBody() async throws {
        try await withClient { client in
            for uri in ["/", "/assets/style.css", "/assets/logo.png", "/missing-page", "/_parley/live.js"] {
                let get = try await client.execute(uri: uri, method: .get)
                let head = try await client.execute(uri: uri, method: .head)
                #expect(head.status == get.status, "\(uri)")
                #expect(head.body.readableBytes == 0, "\(uri)")
                #expect(get.body.readableBytes > 0, "\(uri)")
                #expect(head.headers[.contentLength] == String(get.body.readableBytes), "\(uri)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(uri)")
                #expect(head.headers[.eTag] == get.headers[.eTag], "\(uri)")
            }
        }
    }

    @Test func otherMethodsAreNotAllowed() async throws {
        try await withClient { client in
            for method in [HTTPRequest.Method.post, .put, .delete, .patch, .options] {
                let response = try await client.execute(uri: "/", method: method)
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
        }
    }

    @Test func everyFileHasValidators() async throws {
        try await withClient { client in
            for uri in ["/", "/assets/style.css", "/data.json", "/assets/logo.png"] {
                let response = try await client.execute(uri: uri, method: .get)
                let tag = try #require(response.headers[.eTag], "\(uri)")
                #expect(tag.hasPrefix("\"") && tag.hasSuffix("\"") && !tag.hasPrefix("W/"), "\(uri)")
                let modified = try #require(response.headers[.lastModified], "\(uri)")
                #expect(HTTPDate.parse(modified) != nil, "\(uri)")
            }
        }
    }

    @Test func pageValidatorsIncludeTheScriptVersion() async throws {
        try await withClient { client in
            let page = try await client.execute(uri: "/", method: .get)
            let style = try await client.execute(uri: "/assets/style.css", method: .get)
            #expect(page.headers[.eTag]?.contains(LiveReloadScript.version) == true)
            #expect(style.headers[.eTag]?.contains(LiveReloadScript.version) == false)
        }
    }

    @Test func ifNoneMatchGivesNotModifiedUntilTheFileChanges() async throws {
        let site = self.site
        try await withClient { client in
            let first = try await client.execute(uri: "/assets/style.css", method: .get)
            let tag = try #require(first.headers[.eTag])
            let again = try await client.execute(uri: "/assets/style.css", method: .get, headers: [.ifNoneMatch: tag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            #expect(again.headers[.eTag] == tag)
            let listed = try await client.execute(
                uri: "/assets/style.css", method: .get, headers: [.ifNoneMatch: "\"other\", W/\(tag)"])
            #expect(listed.status == .notModified)

            try site.write("assets/style.css", "body { color: #c00; }\n")
            let changed = try await client.execute(uri: "/assets/style.css", method: .get, headers: [.ifNoneMatch: tag])
            #expect(changed.status == .ok)
            #expect(String(buffer: changed.body) == "body { color: #c00; }\n")
            #expect(changed.headers[.eTag] != tag)
        }
    }

    @Test func ifNoneMatchTakesPrecedenceOverIfModifiedSince() async throws {
        try await withClient { client in
            let first = try await client.execute(uri: "/data.json", method: .get)
            let modified = try #require(first.headers[.lastModified])
            let response = try await client.execute(
                uri: "/data.json", method: .get, headers: [.ifNoneMatch: "\"stale\"", .ifModifiedSince: modified])
            #expect(response.status == .ok)
        }
    }

    @Test func ifModifiedSinceGivesNotModifiedUntilTheFileChanges() async throws {
        let site = self.site
        let file = site.output.appendingPathComponent("data.json")
        let past = Date(timeIntervalSince1970: 1_600_000_000)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: file.path)
        try await withClient { client in
            let first = try await client.execute(uri: "/data.json", method: .get)
            let modified = try #require(first.headers[.lastModified])
            #expect(modified == HTTPDate.format(1_600_000_000))
            let again = try await client.execute(uri: "/data.json", method: .get, headers: [.ifModifiedSince: modified])
            #expect(again.status == .notModified)

            try FileManager.default.setAttributes(
                [.modificationDate: past.addingTimeInterval(60)], ofItemAtPath: file.path)
            let changed = try await client.execute(
                uri: "/data.json", method: .get, headers: [.ifModifiedSince: modified])
            #expect(changed.status == .ok)
            #expect(String(buffer: changed.body) == SiteFixture.json)
        }
    }

    @Test func unknownPathGetsTheSites404Page() async throws {
        try await withClient { client in
            let response = try await client.execute(uri: "/no/such/page/", method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(String(buffer: response.body).contains("Lost in the archive"))
        }
    }

    @Test func withoutA404PageTheServerMakesOne() async throws {
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("404.html"))
        try await withClient { client in
            let response = try await client.execute(uri: "/no/<such>", method: .get)
            #expect(response.status == .notFound)
            let body = String(buffer: response.body)
            #expect(body.contains("Page not found"))
            #expect(body.contains("&lt;such&gt;"))
            #expect(!body.contains("<such>"))
        }
    }
}
