// swift-tools-version:6.1
// libFuzzer harnesses for the input readers of `screen` (issue 13). A package of its own, so the
// root package's `swift build` / `swift test` never compile it. Build and run with ./run.sh
// (release, -sanitize=fuzzer,address, -enable-testing for the internal streaming readers, lld).
import PackageDescription

let package = Package(
    name: "screen-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "screen", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "screen-fuzz",
            dependencies: [.product(name: "Screening", package: "screen")]
        ),
    ]
)
