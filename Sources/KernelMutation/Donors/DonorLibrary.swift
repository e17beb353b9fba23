/// An element type a donor can be instantiated for.
public enum DonorType: String, CaseIterable, Sendable {
    case i8, u8, i16, u16, i32, u32, i64, u64, f32, f64

    /// The C spelling that replaces the token `T`, e.g. `long long` for `i64`.
    public var cSpelling: String {
        switch self {
        case .i8: "signed char"
        case .u8: "unsigned char"
        case .i16: "short"
        case .u16: "unsigned short"
        case .i32: "int"
        case .u32: "unsigned int"
        case .i64: "long long"
        case .u64: "unsigned long long"
        case .f32: "float"
        case .f64: "double"
        }
    }

    /// True for the eight integer types (the types of a donor marked `types: integers`).
    public var isInteger: Bool { self != .f32 && self != .f64 }
}

/// One routine of the donor library.
public struct Donor: Sendable, Hashable {
    /// The donor's name, e.g. `quick_sort`; its C name is `evs_<name>_T`.
    public let name: String
    /// The contract family, e.g. `sort`: donors with the same job and signature are interchangeable.
    public let job: String
    /// The one-line contract of the header comment.
    public let contract: String
    /// The donors it calls, which `DonorLibrary.source(of:for:)` emits before it.
    public let needs: [String]
    /// True if it is written for the integer types only (`types: integers`).
    public let integersOnly: Bool

    /// The C name of the instantiation, e.g. "evs_quick_sort_i64".
    public func functionName(for type: DonorType) -> String { "evs_\(name)_\(type.rawValue)" }

    /// True if the donor can be instantiated for `type`.
    public func supports(_ type: DonorType) -> Bool { !integersOnly || type.isInteger }
}

/// General-purpose C routines written once over an element type `T`, for grafting into kernels.
///
/// The C files beside this one are the source (their conventions are in README.md); they are
/// embedded into the module at build time and their header comments parsed at first use.
public enum DonorLibrary {
    /// The donor files, in name order.
    static let files: [DonorFile] = [
        DonorFile(name: "copying.c", bytes: PackageResources.copying_c),
        DonorFile(name: "heaps.c", bytes: PackageResources.heaps_c),
        DonorFile(name: "prefix_sums.c", bytes: PackageResources.prefix_sums_c),
        DonorFile(name: "searching.c", bytes: PackageResources.searching_c),
        DonorFile(name: "selection.c", bytes: PackageResources.selection_c),
        DonorFile(name: "sorting.c", bytes: PackageResources.sorting_c),
    ]

    static let catalog = DonorCatalog(files: files)

    /// Every donor in a stable order (files in name order, functions in file order); an edit records a donor by its name.
    public static var donors: [Donor] { catalog.donors }

    /// The donor called `name`, if there is one.
    public static func named(_ name: String) -> Donor? { catalog.byName[name] }

    /// The donors whose contract family is `job`, in library order.
    public static func donors(doing job: String) -> [Donor] { catalog.donors.filter { $0.job == job } }

    /// C source of `donor` instantiated for `type`, preceded by everything it needs (each once, dependencies first), with its header comments.
    ///
    /// - Precondition: `donor` is in the library and supports `type`.
    public static func source(of donor: Donor, for type: DonorType) -> String {
        source(of: [donor], for: type)
    }

    /// C source of `donors` instantiated for `type`, each after what it needs, every routine once.
    static func source(of donors: [Donor], for type: DonorType) -> String {
        var names: [String] = []
        for donor in donors {
            for name in catalog.dependencyOrder(of: donor.name) where !names.contains(name) { names.append(name) }
        }
        return names.map { name in
            precondition(catalog.byName[name]!.supports(type), "donor \(name) is for integer types only, not \(type.rawValue)")
            return DonorCatalog.instantiate(catalog.texts[name]!, for: type)
        }.joined(separator: "\n")
    }
}
