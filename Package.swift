// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "screen",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Screening", targets: ["Screening"]),
        .executable(name: "screen", targets: ["screen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // printf's %g for the number formatting of every stored text (one C function).
        .target(name: "CFormat"),
        .target(
            name: "Screening",
            dependencies: [
                "CFormat",
                "CGSL",
                "CGLPK",
                "CCrypto",
                "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "screen",
            dependencies: [
                "Screening",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "screen-bench",
            dependencies: ["Screening"]
        ),
        .testTarget(
            name: "ScreeningTests",
            dependencies: ["Screening"],
            exclude: ["Fixtures"]
        ),
    ]
)
