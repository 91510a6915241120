// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "gridplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gridplan", targets: ["gridplan"]),
        .library(name: "GridPlanCore", targets: ["GridPlanCore"]),
        .library(name: "GridPlanSolver", targets: ["GridPlanSolver"]),
        .library(name: "GridPlanReports", targets: ["GridPlanReports"]),
        .library(name: "GridPlanCheck", targets: ["GridPlanCheck"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // Reading .xlsx workbooks: a workbook is a ZIP archive of XML parts.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // GLPK from Debian's libglpk-dev (Homebrew: glpk): the MIP solver, the only C the solver calls.
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"]), .brew(["glpk"])]
        ),
        // The system's libcrypto from Debian's libssl-dev (Homebrew: openssl), for one SHA-256:
        // linking it costs no build time, where compiling swift-crypto's BoringSSL took minutes.
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]
        ),
        // libxlsxwriter from Debian's libxlsxwriter-dev (Homebrew: libxlsxwriter): writes roster.xlsx,
        // visits.xlsx and the starter workbook of `gridplan init --xlsx`.
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"]), .brew(["libxlsxwriter"])]
        ),
        // Scenario model, loading (YAML + CSV), validation, calendar, due rules, travel,
        // plan model and plan checking. Knows nothing of GLPK or HTML.
        .target(
            name: "GridPlanCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
                "CLibCrypto",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Calendars")]
        ),
        // The validator of format §5: re-derives tasks (§1), due rules (§2), travel (§3) and the KPIs
        // from the spec on the scenario's value types, never through the planner's rule modules.
        .target(
            name: "GridPlanCheck",
            dependencies: ["GridPlanCore"]
        ),
        // The linear-model layer, the GLPK backend, assignment, routing, local search, benchmarks.
        .target(
            name: "GridPlanSolver",
            dependencies: ["GridPlanCore", "CGLPK"]
        ),
        // Roster, daily lists, maps, calendars, comparison. Takes a Plan, never solves.
        .target(
            name: "GridPlanReports",
            dependencies: [
                "GridPlanCore", "CXLSXWriter",
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // Plan → check → write the file set: the library entry the commands plan, replan and compare call.
        .target(
            name: "GridPlanRun",
            dependencies: ["GridPlanCore", "GridPlanCheck", "GridPlanSolver", "GridPlanReports"]
        ),
        .executableTarget(
            name: "gridplan",
            dependencies: [
                "GridPlanCore", "GridPlanCheck", "GridPlanSolver", "GridPlanReports", "GridPlanRun",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GridPlanCoreTests", dependencies: ["GridPlanCore", "GridPlanCheck"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GridPlanCheckTests", dependencies: ["GridPlanCheck", "GridPlanCore"]),
        .testTarget(name: "GridPlanSolverTests", dependencies: ["GridPlanSolver", "GridPlanCore", "GridPlanCheck"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "GridPlanReportsTests", dependencies: [
                        "GridPlanReports", "GridPlanCore", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                    ],
                    resources: [.copy("Golden")]),
        .testTarget(name: "GridPlanRunTests", dependencies: ["GridPlanRun", "GridPlanSolver", "GridPlanCore"]),
        .testTarget(name: "EndToEndTests", dependencies: ["GridPlanCore", "GridPlanReports", "gridplan"]),
    ]
)
