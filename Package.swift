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
        // SQLite's process-wide settings, made before the first connection (sqlite3_config is
        // variadic, so Swift cannot call it).
        .target(name: "CSQLiteSettings", linkerSettings: [.linkedLibrary("sqlite3")]),
        // The pipeline's stages, each a target that may use only the ones above it.
        // Numerics over GSL and GLPK: the only stage that touches their pointers.
        .target(name: "ScreenNumerics", dependencies: ["CGSL", "CGLPK"]),
        // Data, chemistry and output formatting: the vocabulary every later stage speaks
        // (candidates, measurements, units, formulas, input errors, tables, CSV, JSON).
        .target(
            name: "ScreenCore",
            dependencies: ["ScreenNumerics", "CFormat", "CZlib",
                           .product(name: "Yams", package: "Yams")]
        ),
        // Ranking methods on decision matrices (pymcdm's), Pareto fronts, consensus.
        .target(name: "ScreenDecision", dependencies: ["ScreenCore"]),
        // The SQLite descriptor store and the importers of computed databases.
        .target(
            name: "ScreenStore",
            dependencies: ["ScreenCore", "ScreenNumerics", "CCrypto", "CZlib", "CSQLiteSettings", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Convex hulls and stability against sodium metal, from the stored formation energies.
        .target(name: "ScreenThermodynamics", dependencies: ["ScreenStore", .product(name: "GRDB", package: "GRDB.swift")]),
        // Regressions, imputation and the band-gap calibration.
        .target(name: "ScreenRegression", dependencies: ["ScreenStore", .product(name: "GRDB", package: "GRDB.swift")]),
        // Profiles and the screening that turns stored values into a ranked decision matrix.
        .target(name: "ScreenScoring", dependencies: ["ScreenDecision", "ScreenRegression", "ScreenThermodynamics", .product(name: "Yams", package: "Yams")]),
        // Weight sweeps, SMAA-2 and Sobol' indices of a ranking.
        .target(name: "ScreenSensitivity", dependencies: ["ScreenScoring"]),
        // SVG charts: a small chart library with no knowledge of screening.
        .target(name: "SVGCharts"),
        // The report: every profile with its sensitivity analysis, as HTML, Markdown, JSON, CSV.
        .target(name: "ScreenReport", dependencies: ["ScreenSensitivity", "SVGCharts"]),
        // Every stage under one name (`import Screening`).
        .target(
            name: "Screening",
            dependencies: ["ScreenCore", "ScreenDecision", "ScreenNumerics", "ScreenRegression", "ScreenReport",
                           "ScreenScoring", "ScreenSensitivity", "ScreenStore", "ScreenThermodynamics", "SVGCharts"]
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
            dependencies: ["Screening", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "CSV", package: "CSV.swift")],
            exclude: ["Fixtures"]
        ),
    ]
)
