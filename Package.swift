// swift-tools-version: 6.0
import PackageDescription

// Targets are listed in pipeline order; dependencies point one way:
// CCmark ← ParleyKit ← parley.
let package = Package(
    name: "Parley",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "parley", targets: ["parley"]),
        .library(name: "ParleyKit", targets: ["ParleyKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // libcmark, the CommonMark reference implementation, from the system.
        .systemLibrary(
            name: "CCmark",
            path: "Sources/CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(
            name: "ParleyKit",
            dependencies: [
                "CCmark",
                "Yams",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "parley",
            dependencies: [
                "ParleyKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ParleyKitTests", dependencies: ["ParleyKit"]),
        .testTarget(name: "ParleyCLITests", dependencies: ["parley"]),
    ],
    swiftLanguageModes: [.v6]
)
