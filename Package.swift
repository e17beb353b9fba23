// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "evolver",
    products: [
        .executable(name: "evolver", targets: ["evolver"]),
        .executable(name: "evolver-worker", targets: ["evolver-worker"]),
        .library(name: "EvolverCore", targets: ["EvolverCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // libtcc, as Debian's libtcc-dev ships it (static archive, no pkg-config).
        .systemLibrary(name: "CTinyCC", path: "Sources/CTinyCC"),
        // The evaluation boundary in C: worker loop, sandboxed child, source screen, spawning.
        .target(
            name: "CSandbox",
            linkerSettings: [.linkedLibrary("tcc"), .linkedLibrary("dl"), .linkedLibrary("m")]
        ),
        // The single-threaded process that runs generated code (spawned, never forked, by the evolver).
        .executableTarget(name: "evolver-worker", dependencies: ["CSandbox"]),
        // C front end for kernels: lexer, parser, AST, printer, traversal (pure Swift).
        .target(name: "KernelSyntax"),
        // Mutation operators over the kernel AST, each recorded as a Codable edit.
        // The donor library's C files are embedded as byte arrays (`PackageResources.<file>_c`).
        .target(
            name: "KernelMutation",
            dependencies: ["KernelSyntax"],
            exclude: ["Donors/README.md"],
            resources: [
                .embedInCode("Donors/copying.c"),
                .embedInCode("Donors/heaps.c"),
                .embedInCode("Donors/prefix_sums.c"),
                .embedInCode("Donors/searching.c"),
                .embedInCode("Donors/selection.c"),
                .embedInCode("Donors/sorting.c"),
            ]
        ),
        // The run store: one SQLite file (WAL, synchronous=FULL) per store folder; records, never decides.
        .target(name: "RunStore", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        // Test helper: commits batches forever (killed by the crash tests) or holds the write lock.
        .executableTarget(name: "store-stress", dependencies: ["RunStore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "EvolverCore",
            dependencies: [
                "KernelSyntax",
                "KernelMutation",
                "RunStore",
                "CSandbox",
                "CTinyCC",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "evolver",
            dependencies: [
                "EvolverCore",
                "RunStore",
                "KernelMutation",
                "KernelSyntax",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: figures side by side in one run, written to .build/bench.json.
        // reference-score.c is read from the source tree (by the bench and a test), not compiled.
        .executableTarget(
            name: "evolver-bench", dependencies: ["EvolverCore", "CSandbox", "KernelSyntax", "RunStore"],
            exclude: ["reference-score.c"]),
        .target(name: "TestSupport", dependencies: ["EvolverCore"], path: "Tests/TestSupport"),
        .testTarget(
            name: "EvolverCoreTests", dependencies: ["EvolverCore", "KernelSyntax", "KernelMutation", "RunStore", "TestSupport"],
            // Files the tests read: attack kernels, subtly wrong scorers, a store recorded by an earlier version.
            exclude: ["Hostile/Attacks", "Scoring/WrongScorers", "Runs/Fixtures"]),
        .target(name: "KernelTestSupport", path: "Tests/KernelTestSupport"),
        .testTarget(name: "KernelSyntaxTests", dependencies: ["KernelSyntax", "KernelTestSupport"]),
        .testTarget(name: "KernelMutationTests", dependencies: ["KernelMutation", "KernelSyntax", "KernelTestSupport"]),
        .testTarget(name: "RunStoreTests", dependencies: ["RunStore", .product(name: "GRDB", package: "GRDB.swift")]),
        // GRDB: the attack tests alter a recorded journal directly, as anyone with the store file could.
        .testTarget(name: "EvolverCLITests", dependencies: ["TestSupport", "RunStore", .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
