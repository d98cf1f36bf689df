// swift-tools-version:6.2
// Tools version 6.2 is the lowest that fits what the package uses: it lets
// packages that depend on Synapse by version accept the kernel target's
// optimisation flags (see ../shared/research/swift-numerics.md), and the
// library's `nonisolated(nonsending)` async `fit` needs the Swift 6.2 compiler.
// Every target builds in the Swift 6 language mode.
import PackageDescription

let package = Package(
    name: "Synapse",
    products: [
        .library(name: "Synapse", targets: ["Synapse"]),
        .executable(name: "synapse", targets: ["synapse"]),
    ],
    // `swift build --traits MPI` links Open MPI (Debian: libopenmpi-dev,
    // openmpi-bin) for data-parallel training under mpirun; without it the
    // package needs nothing but the toolchain.
    traits: [
        .trait(name: "MPI", description: "Data-parallel training over Open MPI (libopenmpi-dev, openmpi-bin)."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation` (DocC); scripts/docs builds the site.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // Hot numeric kernels (GEMM, vector math, the thread pool) in C, so that
        // each ISA variant is chosen at run time by CPU feature checks and the
        // kernels stay optimised even in debug builds.
        .target(
            name: "CSynapseKernels",
            cSettings: [.unsafeFlags(["-O2", "-fno-math-errno"])]
        ),
        // Open MPI's C API, with a shim for the handles that are macros.
        .systemLibrary(
            name: "CMPI",
            path: "Sources/CMPI",
            pkgConfig: "ompi-c",
            providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]
        ),
        .target(
            name: "Synapse",
            dependencies: ["CSynapseKernels", .target(name: "CMPI", condition: .when(traits: ["MPI"]))],
            resources: [.copy("Resources/mnist-5k")],
            swiftSettings: [.swiftLanguageMode(.v6), .define("MPI", .when(traits: ["MPI"]))]
        ),
        // The command-line tool's commands, in a library so tests can parse them.
        .target(
            name: "SynapseCLI",
            dependencies: [
                "Synapse",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // Its folder is not `Sources/synapse`, which would clash with
        // `Sources/Synapse` on case-insensitive file systems (macOS).
        .executableTarget(
            name: "synapse",
            dependencies: ["SynapseCLI"],
            path: "Sources/SynapseTool",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // Times the convolutional network's training step and its kernels:
        // swift run -c release synapse-convbench
        .executableTarget(
            name: "synapse-convbench",
            dependencies: ["Synapse", "CSynapseKernels"],
            path: "Sources/SynapseConvBench",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // GEMM throughput beside OpenBLAS: swift run -c release synapse-bench gemm
        .executableTarget(
            name: "synapse-bench",
            dependencies: ["CSynapseKernels"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The benchmark workloads that bench/compare times against Keras and
        // PyTorch: swift build -c release --product synapse-workloads
        .executableTarget(
            name: "synapse-workloads",
            dependencies: [
                "Synapse",
                "CSynapseKernels",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/SynapseWorkloads",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The programs the distributed tests run under mpirun (collectives,
        // data-parallel training): swift build --traits MPI --product synapse-mpi-check
        .executableTarget(
            name: "synapse-mpi-check",
            dependencies: ["Synapse"],
            path: "Sources/SynapseMPICheck",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // Fuzzes every parser: swift build -c release --product synapse-fuzz,
        // then scripts/fuzz (see Fuzz/README.md; not part of the tests or CI).
        .target(name: "CSynapseFuzzDriver"),
        .executableTarget(
            name: "synapse-fuzz",
            dependencies: ["Synapse", "CSynapseFuzzDriver"],
            path: "Sources/SynapseFuzz",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "SynapseTests",
            dependencies: [
                "Synapse",
                "CSynapseKernels",
                "SynapseCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
