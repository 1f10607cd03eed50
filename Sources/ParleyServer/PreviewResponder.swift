import Foundation
import HTTPTypes
import Hummingbird

/// Answers every request of the preview: site files, the reserved `/_parley/` paths, and error pages.
///
/// A refused path (traversal, encoded separators, dotfiles, links leading out of the folder) gets the
/// same 404 as a missing file, so a probe learns nothing about what exists.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    /// Files up to this size are read at once; larger ones (videos) are streamed.
    static let wholeFileLimit = 4 << 20

    // Not among HTTPTypes' predefined names.
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!

    let site: SiteFolder
    let hub: PreviewHub
    let pingInterval: Duration

    func respond(to request: Request, context: Context) async throws -> Response {
        let isHead = request.method == .head
        guard request.method == .get || isHead else {
            var headers = Self.commonHeaders(contentType: "text/plain; charset=utf-8")
            headers[.allow] = "GET, HEAD"
            return Self.response(
                .methodNotAllowed, headers: headers, body: Array("Method not allowed\n".utf8), isHead: isHead)
        }
        let target = request.head.path ?? "/"
        if target == "/_parley" || target.hasPrefix("/_parley/") || target.hasPrefix("/_parley?") {
            return reserved(target, isHead: isHead)
        }
        guard let path = SitePath(target: target) else {
            return try notFound(target, isHead: isHead)
        }
        let built = site.isBuilt
        switch site.lookup(path) {
        case .redirect(let location):
            var headers = Self.commonHeaders(contentType: "text/plain; charset=utf-8")
            headers[.location] = location
            return Self.response(
                .movedPermanently, headers: headers, body: Array("Moved to \(location)\n".utf8), isHead: isHead)
        case .file(let realPath, let name):
            let isPage = ContentTypes.isHTML(name)
            if !built, isPage {
                return notBuilt(isHead: isHead)
            }
            guard let file = SiteFile(realPath: realPath) else {
                return try notFound(target, isHead: isHead)
            }
            return try await serve(file, realPath: realPath, name: name, request: request, context: context)
        case .missing:
            return built || !path.looksLikePage ? try notFound(target, isHead: isHead) : notBuilt(isHead: isHead)
        }
    }

    private func serve(
        _ file: SiteFile, realPath: String, name: String, request: Request, context: Context
    ) async throws -> Response {
        let isPage = ContentTypes.isHTML(name)
        var headers = Self.commonHeaders(contentType: ContentTypes.forFile(named: name))
        let entityTag = file.entityTag(variant: isPage ? LiveReloadScript.version : nil)
        headers[.eTag] = entityTag
        headers[.lastModified] = file.lastModified
        if Self.isNotModified(request.headers, entityTag: entityTag, modifiedSeconds: file.modifiedSeconds) {
            headers[.contentType] = nil
            var response = Response(status: .notModified, headers: headers)
            // A 304 has no body; its Content-Length would describe the full one, so leave it out.
            response.headers[.contentLength] = nil
            return response
        }
        let isHead = request.method == .head
        if isPage {
            let page = LiveReloadScript.inject(into: try file.read())
            return Self.response(.ok, headers: headers, body: page, isHead: isHead)
        }
        headers[.acceptRanges] = "bytes"
        var range = ByteRange(header: request.headers[.range], size: file.size)
        // A range only applies to the version the client already holds.
        if let ifRange = request.headers[.ifRange], ifRange != entityTag {
            range = .whole
        }
        var status = HTTPResponse.Status.ok
        var span = 0..<file.size
        switch range {
        case .whole:
            break
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(file.size)"
            return Self.response(.rangeNotSatisfiable, headers: headers, body: [], isHead: isHead)
        case .part(let part):
            status = .partialContent
            span = part.lowerBound..<(part.upperBound + 1)
            headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound)/\(file.size)"
        }
        if span.count > Self.wholeFileLimit {
            headers[.contentLength] = String(span.count)
            if isHead {
                return Response(status: status, headers: headers)
            }
            let body = try await FileIO().loadFile(
                path: realPath, range: span.lowerBound...(span.upperBound - 1), context: context)
            return Response(status: status, headers: headers, body: body)
        }
        return Self.response(status, headers: headers, body: try file.read(span), isHead: isHead)
    }

    /// `If-None-Match` decides when present; otherwise `If-Modified-Since` (to the second, as HTTP dates are).
    static func isNotModified(_ headers: HTTPFields, entityTag: String, modifiedSeconds: Int) -> Bool {
        if let match = headers[.ifNoneMatch] {
            return match.split(separator: ",").contains { candidate in
                var tag = candidate.trimmingCharacters(in: .whitespaces)
                if tag == "*" { return true }
                // If-None-Match compares weakly.
                if tag.hasPrefix("W/") { tag.removeFirst(2) }
                return tag == entityTag
            }
        }
        if let since = headers[.ifModifiedSince], let seconds = HTTPDate.parse(since) {
            return modifiedSeconds <= seconds
        }
        return false
    }

    private func reserved(_ target: String, isHead: Bool) -> Response {
        let path =
            target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
            ?? target
        switch path {
        case LiveReloadScript.path:
            var headers = Self.commonHeaders(contentType: "text/javascript; charset=utf-8")
            headers[.eTag] = "\"" + LiveReloadScript.version + "\""
            return Self.response(.ok, headers: headers, body: Array(LiveReloadScript.source.utf8), isHead: isHead)
        case EventStream.path:
            return EventStream(hub: hub, pingInterval: pingInterval).response(isHead: isHead)
        default:
            let page = LiveReloadScript.inject(into: Array(BuiltInPage.notFound(path: path).utf8))
            return Self.response(
                .notFound, headers: Self.commonHeaders(contentType: "text/html; charset=utf-8"), body: page,
                isHead: isHead)
        }
    }

    /// The site's own `404.html` with status 404, or a built-in page if it has none.
    private func notFound(_ target: String, isHead: Bool) throws -> Response {
        let headers = Self.commonHeaders(contentType: "text/html; charset=utf-8")
        if let root = site.realRoot(), let real = site.regularFile("404.html", in: root),
            let file = SiteFile(realPath: real)
        {
            let page = LiveReloadScript.inject(into: try file.read())
            return Self.response(.notFound, headers: headers, body: page, isHead: isHead)
        }
        let path =
            target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
            ?? target
        let page = LiveReloadScript.inject(into: Array(BuiltInPage.notFound(path: path).utf8))
        return Self.response(.notFound, headers: headers, body: page, isHead: isHead)
    }

    private func notBuilt(isHead: Bool) -> Response {
        let page = LiveReloadScript.inject(into: Array(BuiltInPage.notBuilt.utf8))
        var headers = Self.commonHeaders(contentType: "text/html; charset=utf-8")
        headers[.retryAfter] = "1"
        return Self.response(.serviceUnavailable, headers: headers, body: page, isHead: isHead)
    }

    /// A preview must always revalidate, and browsers must not guess types.
    static func commonHeaders(contentType: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.cacheControl] = "no-cache"
        headers[contentTypeOptions] = "nosniff"
        return headers
    }

    /// A response with a body in memory; for HEAD, the same headers (Content-Length included) and no body.
    static func response(_ status: HTTPResponse.Status, headers: HTTPFields, body: [UInt8], isHead: Bool) -> Response {
        var headers = headers
        headers[.contentLength] = String(body.count)
        if isHead {
            return Response(status: status, headers: headers)
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
