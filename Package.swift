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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Reading .xlsx workbooks: a workbook is a ZIP archive of XML parts.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // GLPK from Debian's libglpk-dev: the only C in the project.
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),
        // libxlsxwriter from Debian's libxlsxwriter-dev: writes roster.xlsx, visits.xlsx and the
        // starter workbook of `gridplan init --xlsx`.
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // Scenario model, loading (YAML + CSV), validation, calendar, due rules, travel,
        // plan model and plan checking. Knows nothing of GLPK or HTML.
        .target(
            name: "GridPlanCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Calendars")]
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
        .executableTarget(
            name: "gridplan",
            dependencies: [
                "GridPlanCore", "GridPlanSolver", "GridPlanReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GridPlanCoreTests", dependencies: ["GridPlanCore"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "GridPlanSolverTests", dependencies: ["GridPlanSolver", "GridPlanCore"]),
        .testTarget(name: "GridPlanReportsTests", dependencies: [
                        "GridPlanReports", "GridPlanCore", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                    ],
                    resources: [.copy("Golden")]),
        .testTarget(name: "EndToEndTests", dependencies: ["GridPlanCore", "GridPlanReports", "gridplan"]),
    ]
)
