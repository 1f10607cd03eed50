// swift-tools-version: 6.0
import PackageDescription

// The version and the GitHub repository this build of Parley names (`parley --version`, the workflow `parley new`
// writes): a release build sets PARLEY_VERSION (1.2.3) and PARLEY_REPOSITORY (owner/name) in the environment of
// `swift build`, as `make dist` does; otherwise Sources/CParleyBuild says 0.1.0-dev and parley-ssg/parley.
let buildInfo: [CSetting] = ["PARLEY_VERSION", "PARLEY_REPOSITORY"].compactMap { name in
    Context.environment[name].flatMap { $0.isEmpty ? nil : .define(name, to: "\"\($0)\"") }
}

// Targets are listed in pipeline order; dependencies point one way:
// CCmark, CXXHash, CICU, CParleyBuild, ParleyTemplates ← ParleyKit ← ParleyServer ← parley, with ParleyWatch (file watching, no dependencies) beside them.
let package = Package(
    name: "Parley",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "parley", targets: ["parley"]),
        .library(name: "ParleyKit", targets: ["ParleyKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        // Already in the graph through Hummingbird; named so that ParleyServer can import them explicitly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        // libcmark, the CommonMark reference implementation, from the system.
        .systemLibrary(
            name: "CCmark",
            path: "Sources/CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // xxHash's XXH3-128, the reference implementation, from the system: the build cache's keys.
        .systemLibrary(
            name: "CXXHash",
            path: "Sources/CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"]), .brew(["xxhash"])]
        ),
        // ICU's collation and CLDR's index letters, from the system's libicu (libicu-dev): the order of an index in
        // the site's language. A small C target, so that ICU's types never meet those of Foundation's own ICU.
        .target(
            name: "CICU",
            path: "Sources/CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        // The version and repository a build names (see buildInfo above).
        .target(name: "CParleyBuild", path: "Sources/CParleyBuild", cSettings: buildInfo),
        // Parley's Mustache engine: compiled, typed and checked templates. Depends on nothing else here.
        .target(name: "ParleyTemplates"),
        .target(
            name: "ParleyKit",
            dependencies: [
                "CCmark",
                "CXXHash",
                "CICU",
                "CParleyBuild",
                "ParleyTemplates",
                "Yams",
            ]
        ),
        // Watches the site's folders for changes (inotify on Linux, polling elsewhere).
        .target(name: "ParleyWatch"),
        // The preview server: the built site over HTTP, live reload, errors in the browser.
        .target(
            name: "ParleyServer",
            dependencies: [
                "ParleyKit",
                "ParleyWatch",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "parley",
            dependencies: [
                "ParleyKit",
                "ParleyServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The site `parley new` writes (generic settings, an entry, a source, templates, a stylesheet and a
            // publish workflow), built into the program by the EmbedStarter plugin: one file to install.
            exclude: ["Starter"],
            plugins: ["EmbedStarter"]
        ),
        // Writes every file of Sources/parley/Starter, dot files included, into a Swift source of the parley target.
        .plugin(name: "EmbedStarter", capability: .buildTool(), dependencies: ["embed-starter"]),
        .executableTarget(name: "embed-starter", path: "Sources/embed-starter"),
        // The template micro-benchmark `make bench` runs: one entry page's render time on one core.
        .executableTarget(name: "parley-bench", dependencies: ["ParleyKit"]),
        .testTarget(name: "ParleyTemplatesTests", dependencies: ["ParleyTemplates"]),
        .testTarget(name: "ParleyKitTests", dependencies: ["ParleyKit"]),
        .testTarget(name: "ParleyWatchTests", dependencies: ["ParleyWatch"]),
        .testTarget(
            name: "ParleyServerTests",
            dependencies: [
                "ParleyServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "ParleyCLITests", dependencies: ["parley"]),
    ],
    swiftLanguageModes: [.v6]
)

// `make fuzz` (Fuzz/README.md): the libFuzzer harness, part of the package only when PARLEY_FUZZ is set, so that
// no other build compiles it. It reaches the readers through ParleyKit's FuzzEntryPoints.
if Context.environment["PARLEY_FUZZ"] != nil {
    package.products.append(.executable(name: "parley-fuzz", targets: ["parley-fuzz"]))
    package.targets.append(.executableTarget(name: "parley-fuzz", dependencies: ["ParleyKit"], path: "Fuzz/Sources/parley-fuzz"))
}
