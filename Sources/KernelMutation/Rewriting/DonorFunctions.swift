import KernelSyntax

extension DonorType {
    /// The donor type of a kernel's element type, when a donor can be instantiated for it
    /// (plain `char`, whose signedness the platform decides, and `long`, whose pointers do not
    /// convert to `long long *`, have none).
    init?(_ specifier: TypeSpecifier) {
        switch specifier {
        case .signedChar: self = .i8
        case .unsignedChar: self = .u8
        case .short: self = .i16
        case .unsignedShort: self = .u16
        case .int: self = .i32
        case .unsignedInt: self = .u32
        case .longLong: self = .i64
        case .unsignedLongLong: self = .u64
        case .float: self = .f32
        case .double: self = .f64
        default: return nil
        }
    }
}

/// Donor functions as syntax, parsed once per donor and type.
enum DonorFunctions {
    private static let parsed: [String: [FunctionDeclaration]] = {
        var table: [String: [FunctionDeclaration]] = [:]
        for donor in DonorLibrary.donors {
            for type in DonorType.allCases where type.isInteger || !donor.integersOnly {
                let source = DonorLibrary.source(of: donor, for: type)
                guard let unit = try? CParser.parse(source, fileName: "\(donor.name).c") else {
                    preconditionFailure("donor \(donor.name) for \(type) is outside the kernel subset")
                }
                table[key(donor, type)] = unit.functions
            }
        }
        return table
    }()

    private static func key(_ donor: Donor, _ type: DonorType) -> String { donor.name + "/" + type.rawValue }

    /// The definitions of `donor` for `type`, preceded by those it needs (dependencies first); nil
    /// when the donor does not exist for that type.
    static func definitions(of donor: Donor, for type: DonorType) -> [FunctionDeclaration]? { parsed[key(donor, type)] }

    /// `unit` with `definitions` inserted before top-level declaration `position`, skipping those
    /// the unit already defines (an earlier graft brought them); nil when one of those comes after
    /// `position` (a call would precede its definition).
    static func inserting(_ definitions: [FunctionDeclaration], before position: Int, in unit: TranslationUnit) -> TranslationUnit? {
        var declarations = unit.declarations
        var fresh: [ExternalDeclaration] = []
        for definition in definitions {
            if let existing = unit.declarations.firstIndex(where: { if case .function(let f) = $0 { return f.name == definition.name } else { return false } }) {
                guard existing < position else { return nil }
                continue
            }
            fresh.append(.function(definition))
        }
        declarations.insert(contentsOf: fresh, at: position)
        var result = unit
        result.declarations = declarations
        return result
    }
}

extension DonorLibrary {
    /// The prefix of every donor function's name.
    static let prefix = "evs_"
}
