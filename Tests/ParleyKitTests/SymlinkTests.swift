import Foundation
import Testing
@testable import ParleyKit

/// Symbolic links in Content/ and Templates/: those that stay inside the site are followed, and their bytes
/// published; those that leave it, lead nowhere or loop are errors naming the link. Unreadable folders are
/// errors. Whole and cached builds agree.
@Suite struct SymlinkTests {
    static func site() -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.copy(from: Fixtures.basicSite)
        try? FileManager.default.removeItem(at: folder.url.appendingPathComponent("Expected"))
        return folder
    }

    static func link(_ folder: TemporaryFolder, _ path: String, to destination: String) throws {
        let url = folder.url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    static func errors(_ folder: TemporaryFolder) -> [String] {
        let result = BuildSession(options: Pipeline.Options(siteRoot: folder.url)).rebuild(changed: nil)
        return result.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    @Test(arguments: [
        ("Templates/assets/etc", "/etc"),
        ("Templates/assets/hostname.txt", "/etc/hostname"),
        ("Templates/partials/outside.mustache", "/etc/hostname"),
        ("Content/rounds/passwd.md", "/etc/passwd"),
        ("Content/rounds/outside", "/tmp"),
    ])
    func aLinkOutOfTheSiteIsAnErrorNamingIt(path: String, destination: String) throws {
        let folder = Self.site()
        try Self.link(folder, path, to: destination)
        let errors = Self.errors(folder)
        #expect(
            errors == [
                "\(path): error: '\(path)' is a symbolic link to '\(destination)', outside the site: Parley never publishes a file from outside the site's folder"
            ],
            "\(errors)")
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("Public").path))
    }

    @Test func aLinkThatStaysInsideIsFollowedAndItsBytesPublishedByWholeAndCachedBuildsAlike() throws {
        let folder = Self.site()
        folder.write(["shared/logo.svg": "<svg/>", "shared/icons/a.svg": "<svg id=a/>"])
        try Self.link(folder, "Templates/assets/logo.svg", to: "../../shared/logo.svg")
        try Self.link(folder, "Templates/assets/icons", to: "../../shared/icons")
        let cache = folder.url.appendingPathComponent(".parley-cache")
        let session = BuildSession(options: Pipeline.Options(siteRoot: folder.url), cacheFolder: cache)
        #expect(session.rebuild(changed: nil).succeeded)
        try session.saveCache()
        let output = folder.url.appendingPathComponent("Public")
        func check() throws {
            for path in ["assets/logo.svg", "assets/icons/a.svg", "assets/icons"] {
                let attributes = try FileManager.default.attributesOfItem(
                    atPath: output.appendingPathComponent(path).path)
                #expect(attributes[.type] as? FileAttributeType != .typeSymbolicLink, "\(path) is published as a link")
            }
            #expect(
                FileManager.default.contents(atPath: output.appendingPathComponent("assets/icons/a.svg").path)
                    == Data("<svg id=a/>".utf8))
        }
        try check()
        folder.write(["shared/icons/a.svg": "<svg id=b/>"])
        let cached = BuildSession(options: Pipeline.Options(siteRoot: folder.url), cacheFolder: cache).rebuild(
            changed: nil)
        #expect(cached.succeeded)
        #expect(
            FileManager.default.contents(atPath: output.appendingPathComponent("assets/icons/a.svg").path)
                == Data("<svg id=b/>".utf8))
    }

    @Test func loopsAndLinksToNothingSaySo() throws {
        let folder = Self.site()
        try Self.link(folder, "Content/rounds/loop.md", to: "loop.md")
        try Self.link(folder, "Content/rounds/gone.md", to: "nowhere.md")
        try Self.link(folder, "Content/rounds/again", to: "..")
        try Self.link(folder, "Content/site-link.yaml", to: "site-link.yaml")
        let errors = Self.errors(folder)
        #expect(
            errors.contains(
                "Content/rounds/loop.md: error: 'Content/rounds/loop.md' is a symbolic link that leads round in a loop (to 'loop.md')"
            ), "\(errors)")
        #expect(
            errors.contains(
                "Content/rounds/gone.md: error: 'Content/rounds/gone.md' is a symbolic link to 'nowhere.md', which does not exist"
            ), "\(errors)")
        #expect(
            errors.contains(
                "Content/rounds/again: error: 'Content/rounds/again' is a symbolic link to a folder that holds it, a loop"
            ), "\(errors)")
        #expect(errors.allSatisfy { !$0.contains("does not exist") || $0.contains("nowhere.md") })
    }

    @Test func aSettingsFileLinkedFromOutsideIsRefused() throws {
        let folder = Self.site()
        let outside = TemporaryFolder()
        outside.write([
            "site.yaml":
                (try String(contentsOf: folder.url.appendingPathComponent("Content/site.yaml"), encoding: .utf8))
        ])
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("Content/site.yaml"))
        try Self.link(folder, "Content/site.yaml", to: outside.url.appendingPathComponent("site.yaml").path)
        let errors = Self.errors(folder)
        #expect(
            errors.first?.hasPrefix("Content/site.yaml: error: 'Content/site.yaml' is a symbolic link to '") == true,
            "\(errors.prefix(3))")
    }

    @Test func anUnreadableFolderIsAnErrorNotAGap() throws {
        let folder = Self.site()
        folder.write(["Content/rounds/2023/later.md": "---\ntitle: Later\ndate: 2023\n---\n"])
        let rounds = folder.url.appendingPathComponent("Content/rounds").path
        // Running as root, permissions cannot make a folder unreadable: the walk is given an opendir that fails
        // as it would (EACCES) for one folder.
        let (files, problems) = FolderWalk.files(
            under: rounds, display: "Content/rounds", siteRoot: folder.url.path, skipping: SiteLoader.isIgnored,
            open: { path in
                if path.hasSuffix("/2023") {
                    errno = EACCES
                    return nil
                }
                return opendir(path)
            })
        #expect(!files.contains("2023/later.md"))
        #expect(
            problems.map(\.description) == [
                "Content/rounds/2023/: error: cannot read the folder 'Content/rounds/2023/': Permission denied"
            ])
    }
}
