import KernelTestSupport
import KernelSyntax
@testable import KernelMutation

/// Shorthands used by the clean-up tests.
enum Clean {
    /// The clean-up of `source` with entry `entry`: the printed result and the step descriptions.
    static func run(_ source: String, entry: String = "run") throws -> (text: String, steps: [String]) {
        let result = KernelCleanup.clean(try T.parse(source), entry: entry)
        return (CPrinter.print(result.unit), result.steps.map(\.description))
    }

    /// True if cleaning `source` changes nothing (and reports nothing).
    static func keeps(_ source: String, entry: String = "run") throws -> Bool {
        let unit = try T.parse(source)
        let result = KernelCleanup.clean(unit, entry: entry)
        return result.unit == unit && result.steps.isEmpty
    }

    /// The declarations of function `name` without their bodies (its signature, prototypes included).
    static func signatures(of name: String, in unit: TranslationUnit) -> [FunctionDeclaration] {
        unit.functions.filter { $0.name == name }.map { f in
            var header = f
            header.body = nil
            return header
        }
    }
}
