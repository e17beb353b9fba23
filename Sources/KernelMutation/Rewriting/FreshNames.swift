import KernelSyntax

/// Deterministic generation of identifiers that occur nowhere in a unit, so new locals never
/// capture or shadow an existing name (variables, functions, typedefs, tables).
struct FreshNames {
    private(set) var used: Set<String>

    /// Collects every name spelled in `unit`.
    init(_ unit: TranslationUnit) {
        var names: Set<String> = []
        unit.walk { _, node in
            switch node {
            case .external(.function(let f)):
                names.insert(f.name)
                for parameter in f.parameters { if let name = parameter.name { names.insert(name) } }
            case .external(.typedef(let t)):
                names.insert(t.name)
            case .declarator(let d):
                names.insert(d.name)
            case .statement(.declaration(let d)):
                for declarator in d.declarators { names.insert(declarator.name) }
            case .expression(.identifier(let name)), .expression(.call(let name, _)):
                names.insert(name)
            default:
                break
            }
        }
        used = names
    }

    /// Returns `base` followed by the smallest number giving an unused name, and reserves it.
    mutating func make(_ base: String) -> String {
        var number = 0
        while used.contains("\(base)\(number)") { number += 1 }
        let name = "\(base)\(number)"
        used.insert(name)
        return name
    }
}
