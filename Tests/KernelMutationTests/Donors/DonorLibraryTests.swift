import Foundation
import KernelSyntax
import KernelTestSupport
import Testing
@testable import KernelMutation

/// The donor library: its catalogue, the instantiations' C (our parser, TinyCC, strict gcc) and
/// the behaviour of every donor against reference code for every type it supports.
@Suite struct DonorLibraryTests {
    /// The folder holding the donor C files in the source tree.
    static let donorFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/KernelMutation/Donors")

    /// Every (donor, type) pair the library can instantiate.
    static let instantiations: [(Donor, DonorType)] = DonorLibrary.donors.flatMap { donor in
        DonorType.allCases.filter(donor.supports).map { (donor, $0) }
    }

    @Test func everyDonorHasItsFieldsAndItsNeedsExist() throws {
        let donors = DonorLibrary.donors
        #expect(donors.count >= 17)
        #expect(Set(donors.map(\.name)).count == donors.count)
        for donor in donors {
            #expect(!donor.name.isEmpty && !donor.job.isEmpty && !donor.contract.isEmpty, "\(donor.name)")
            #expect(donor.name.allSatisfy { $0.isLowercase || $0 == "_" }, "\(donor.name)")
            #expect(!donor.contract.contains("\n"))
            #expect(DonorLibrary.named(donor.name) == donor)
            for need in donor.needs {
                let needed = try #require(DonorLibrary.named(need), "\(donor.name) needs unknown \(need)")
                #expect(!needed.integersOnly || donor.integersOnly, "\(donor.name) needs integers-only \(need)")
            }
        }
        #expect(DonorLibrary.named("no_such_donor") == nil)
    }

    @Test func theRequiredRoutinesAreThereWithTheirJobs() {
        let jobs = Dictionary(uniqueKeysWithValues: DonorLibrary.donors.map { ($0.name, $0.job) })
        for name in ["insertion_sort", "shell_sort", "quick_sort", "merge_sort", "radix_sort"] {
            #expect(jobs[name] == "sort", "\(name)")
        }
        for name in ["select_range", "nth_element", "partial_sort", "lower_bound", "upper_bound",
                     "gallop_lower_bound", "prefix_sum", "exclusive_prefix_sum", "fill", "copy"] {
            #expect(jobs[name] == name)
        }
        #expect(DonorLibrary.named("radix_sort")?.integersOnly == true)
        #expect(DonorLibrary.named("quick_sort")?.needs == ["insertion_sort"])
        #expect(DonorLibrary.donors(doing: "sort").map(\.name).contains("heap_sort"))
        #expect(DonorLibrary.donors(doing: "no_such_job").isEmpty)
    }

    @Test func orderIsFilesByNameThenFunctionsInFileOrder() throws {
        let files = DonorLibrary.files.map(\.name)
        #expect(files == files.sorted())
        var expected: [String] = []
        for file in files {
            let text = try String(contentsOf: Self.donorFolder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix(DonorCatalog.marker) {
                expected.append(String(line.dropFirst(DonorCatalog.marker.count)))
            }
        }
        #expect(DonorLibrary.donors.map(\.name) == expected)
    }

    @Test func embeddedTextEqualsTheCFilesByteForByte() throws {
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: Self.donorFolder.path)
            .filter { $0.hasSuffix(".c") }.sorted()
        #expect(DonorLibrary.files.map(\.name) == onDisk, "every .c file of the folder is embedded (Package.swift)")
        for file in DonorLibrary.files {
            let bytes = try Data(contentsOf: Self.donorFolder.appendingPathComponent(file.name))
            #expect(Data(file.text.utf8) == bytes, "\(file.name)")
        }
    }

    @Test func instantiationReplacesTheTypeTokenAndTheNameSuffix() {
        let text = "static T evs_a_T(T *x, const T y) { Tx = x_T2 + 1ull; T_ = 0x1T; return evs_b_T(x); }"
        #expect(DonorCatalog.instantiate(text, for: .u64)
            == "static unsigned long long evs_a_u64(unsigned long long *x, const unsigned long long y) { Tx = x_T2 + 1ull; T_ = 0x1T; return evs_b_u64(x); }")
        #expect(DonorLibrary.named("quick_sort")?.functionName(for: .i64) == "evs_quick_sort_i64")
    }

    @Test func sourceHasDependenciesFirstAndEachOnce() throws {
        let merge = try #require(DonorLibrary.named("merge_sort"))
        let source = DonorLibrary.source(of: merge, for: .i32)
        let definitions = source.split(separator: "\n").filter { $0.hasPrefix("static ") }
            .map { String($0.split(separator: "(")[0].split(separator: " ").last!) }
        #expect(definitions == ["evs_insertion_sort_i32", "evs_quick_sort_i32", "evs_merge_sort_i32"])
        #expect(source.hasPrefix("/* donor: insertion_sort\n"))
        let radix = try #require(DonorLibrary.named("radix_sort"))
        #expect(radix.needs == ["quick_sort"])
        #expect(DonorLibrary.source(of: radix, for: .u8).components(separatedBy: "/* donor: ").map { $0.prefix { $0 != "\n" } }
            == ["", "insertion_sort", "quick_sort", "radix_sort"])
        #expect(!source.contains("_T(") && !source.contains("T *"))
    }

    @Test func donorsOfOneJobShareOneSignature() throws {
        for job in Set(DonorLibrary.donors.map(\.job)) {
            let signatures = try DonorLibrary.donors(doing: job).map { donor -> String in
                let unit = try CParser.parse(DonorLibrary.source(of: donor, for: .i64))
                let function = try #require(unit.declarations.compactMap { declaration -> FunctionDeclaration? in
                    if case .function(let f) = declaration, f.name == donor.functionName(for: .i64) { return f }
                    return nil
                }.first)
                #expect(function.storage == .static)
                return "\(function.returnType) \(function.parameters.map(\.type))"
            }
            #expect(Set(signatures).count == 1, "job \(job): \(signatures)")
        }
    }

    @Test func everyInstantiationParsesAndRoundTrips() throws {
        for (donor, type) in Self.instantiations {
            let source = DonorLibrary.source(of: donor, for: type)
            let unit = try CParser.parse(source, fileName: donor.functionName(for: type) + ".c")
            let printed = CPrinter.print(unit)
            let reparsed = try CParser.parse(printed, fileName: "printed.c")
            #expect(reparsed == unit, "\(donor.name) for \(type)")
            #expect(CPrinter.print(reparsed) == printed, "\(donor.name) for \(type)")
        }
    }

    /// Each instantiation alone (so its needs come first) with TinyCC, warnings as errors; every
    /// type's whole library with gcc in strict C99 mode.
    @Test(arguments: DonorType.allCases)
    func instantiationsCompileWithTinyCCAndStrictGCC(type: DonorType) throws {
        let dir = try CompilerTools.temporaryDirectory(prefix: "donor-compile")
        defer { try? FileManager.default.removeItem(at: dir) }
        for donor in DonorLibrary.donors where donor.supports(type) {
            let file = dir.appendingPathComponent(donor.functionName(for: type) + ".c")
            try DonorLibrary.source(of: donor, for: type).write(to: file, atomically: true, encoding: .utf8)
            let tcc = try CompilerTools.run("/usr/bin/tcc", ["-Werror", "-c", file.path, "-o", dir.appendingPathComponent("d.o").path])
            #expect(tcc.status == 0, "tcc rejected \(donor.name) for \(type):\n\(tcc.output)")
        }
        let all = dir.appendingPathComponent("all.c")
        try DonorLibrary.source(of: DonorLibrary.donors.filter { $0.supports(type) }, for: type)
            .write(to: all, atomically: true, encoding: .utf8)
        let gcc = try CompilerTools.run("/usr/bin/gcc", ["-std=c99", "-pedantic-errors", "-Wall", "-Werror", "-Wno-unused-function",
                                                         "-fsyntax-only", all.path])
        #expect(gcc.status == 0, "gcc -std=c99 -pedantic-errors rejected the \(type) donors:\n\(gcc.output)")
    }

    /// Every donor for `type` against reference code on seeded random inputs, under ASan and UBSan.
    @Test(arguments: DonorType.allCases)
    func donorsMatchTheirReferences(type: DonorType) throws {
        var generator = SplitMix64(state: 0xD0_0000 + UInt64(DonorType.allCases.firstIndex(of: type)!))
        let donors = DonorLibrary.donors.filter { $0.supports(type) }
        let source = try DonorDriver.source(for: donors, type: type, seed: generator.next())
        let dir = try CompilerTools.temporaryDirectory(prefix: "donor-behaviour")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("driver_\(type).c"), binary = dir.appendingPathComponent("driver")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let gcc = try CompilerTools.run("/usr/bin/gcc", ["-std=c99", "-O1", "-g", "-fsanitize=address,undefined",
                                                         "-fno-sanitize-recover=all", "-w", "-o", binary.path, file.path, "-lm"])
        try #require(gcc.status == 0, "gcc failed on the \(type) driver:\n\(gcc.output)")
        let run = try CompilerTools.run(binary.path, [])
        #expect(run.status == 0 && run.output == "ok\n", "donors for \(type):\n\(run.output)")
    }
}
