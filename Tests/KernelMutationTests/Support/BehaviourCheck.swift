import KernelTestSupport
import Foundation
import KernelSyntax

/// Compiles an original kernel and its mutants into one shared library (each copy's file-scope
/// names renamed by macros, which rename every token consistently) and compares their
/// fingerprints on the driver's inputs.
enum Behaviour {
    /// Names declared at file scope: functions, typedefs and tables.
    static func fileScopeNames(_ unit: TranslationUnit) -> [String] {
        var names: [String] = []
        for declaration in unit.declarations {
            switch declaration {
            case .function(let f): names.append(f.name)
            case .typedef(let t): names.append(t.name)
            case .constantTable(let d): names += d.declarators.map(\.name)
            }
        }
        return Array(Set(names)).sorted()
    }

    /// The result of one comparison: the original's fingerprints and, per variant, the inputs
    /// (by index) on which it behaved differently.
    struct Outcome {
        var original: [[Int64]]
        var differences: [[Int]]
    }

    /// One C file holding every unit, the file-scope names of unit `k` renamed to `name_vk`.
    static func combinedSource(_ units: [TranslationUnit]) -> String {
        var text = ""
        for (index, unit) in units.enumerated() {
            let names = fileScopeNames(unit)
            text += names.map { "#define \($0) \($0)_v\(index)\n" }.joined()
            text += CPrinter.print(unit)
            text += names.map { "#undef \($0)\n" }.joined()
        }
        return text
    }

    /// Compiles and runs `original` and every variant.
    static func compare(_ kernel: TestKernel, original: TranslationUnit, variants: [TranslationUnit],
                        optimization: String = "-O0") throws -> Outcome {
        let text = combinedSource([original] + variants)
        let dir = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let library = try SharedLibrary(path: try Harness.compileSharedLibrary(
            text, name: kernel.name, in: dir, optimization: optimization).path)
        let base = try kernel.driver.fingerprints(library, symbol: kernel.entry + "_v0")
        var differences: [[Int]] = []
        for index in variants.indices {
            let prints = try kernel.driver.fingerprints(library, symbol: kernel.entry + "_v\(index + 1)")
            differences.append(base.indices.filter { base[$0] != prints[$0] })
        }
        return Outcome(original: base, differences: differences)
    }
}
