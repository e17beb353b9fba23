import KernelSyntax

/// The shape of an in-place sort, proved syntactically: a `static void f(T *x, <integers>...)`
/// that can only move the values of `x` around.
///
/// Proved when, in `f` and in every helper it calls:
/// - the first parameter is a pointer to a non-`const` arithmetic `T`, every other parameter an
///   integer, and the function returns `void` (a bare `return;` at most);
/// - locals are scalars (no pointers, no arrays, no `static`); `x` is never assigned, has no
///   address taken and is used only as `x[e]` or as the first argument of a helper call;
/// - every store into `x` is `x[e] = v` where `v` is a value read from `x` (`x[e']`) or a local
///   that only ever holds such values;
/// - no other memory is touched, and every call is to a helper of this same shape, passed `x`
///   (or `x + e`, `x - e`) first and integers after.
///
/// Then `x[0..k)` afterwards holds only values it held before: the function rearranges (or
/// duplicates) elements and does nothing else a caller could see. Whether it sorts them
/// ascending is not proved; a graft that replaces it by a sort is judged like any candidate.
struct InPlaceReordering {
    let unit: TranslationUnit
    private var proving: Set<String> = []
    private var proved: [String: TypeSpecifier?] = [:]

    init(_ unit: TranslationUnit) { self.unit = unit }

    /// The element type `T` when `name` has the shape, else nil.
    mutating func elementType(of name: String) -> TypeSpecifier? {
        if let known = proved[name] { return known }
        // A recursive call is assumed to have the shape while its definition is being checked.
        if proving.contains(name) { return unit.functions.first { $0.name == name }.flatMap(Self.pointee) }
        proving.insert(name)
        let result = check(name)
        proving.remove(name)
        proved[name] = result
        return result
    }

    private static func pointee(_ f: FunctionDeclaration) -> TypeSpecifier? {
        guard let first = f.parameters.first?.type, first.pointers.count == 1, first.arrayDimensions.isEmpty,
              !first.qualifiers.contains(.const), !first.qualifiers.contains(.volatile), ArithmeticType(first.specifier) != nil else { return nil }
        return first.specifier
    }

    private static func isIntegerScalar(_ type: TypeName) -> Bool {
        type.pointers.isEmpty && type.arrayDimensions.isEmpty && (ArithmeticType(type.specifier)?.isInteger ?? false)
    }

    private mutating func check(_ name: String) -> TypeSpecifier? {
        guard let f = unit.functions.first(where: { $0.name == name && $0.body != nil }), let body = f.body,
              f.storage == .static, f.returnType == TypeName(.void), let element = Self.pointee(f),
              let x = f.parameters.first?.name,
              f.parameters.dropFirst().allSatisfy({ $0.name != nil && Self.isIntegerScalar($0.type) }) else { return nil }
        let statement = Statement.compound(body)

        // Locals: scalars only.
        var locals: [String: TypeSpecifier] = [:]
        var initializers: [(String, Expression)] = []
        var shapeHolds = true
        statement.forEachStatement { s in
            var declaration: VariableDeclaration?
            switch s {
            case .declaration(let d): declaration = d
            case .forLoop(.declaration(let d)?, _, _, _): declaration = d
            case .returnStatement(let value?): _ = value; shapeHolds = false
            default: break
            }
            guard let d = declaration else { return }
            if d.storage == .static || d.qualifiers.contains(.volatile) || ArithmeticType(d.specifier) == nil { shapeHolds = false }
            for declarator in d.declarators {
                if !declarator.pointers.isEmpty || !declarator.arrayDimensions.isEmpty { shapeHolds = false }
                locals[declarator.name] = d.specifier
                switch declarator.initializer {
                case .expression(let e)?: initializers.append((declarator.name, e))
                case .list?: shapeHolds = false
                case nil: break
                }
            }
        }
        guard shapeHolds, locals[x] == nil else { return nil }

        // Locals that only ever hold values read from x (a fixed point: drop any local given anything else).
        var assignments = initializers.map { (target: $0.0, value: Optional($0.1)) }
        statement.forEachExpression { top in
            top.forEachNode { e in
                switch e {
                case .assignment(let op, .identifier(let target), let value):
                    assignments.append((target, op == .assign ? value : nil))
                case .unary(let op, .identifier(let target)) where op.modifiesOperand:
                    assignments.append((target, nil))
                case .postfix(_, .identifier(let target)):
                    assignments.append((target, nil))
                default: break
                }
            }
        }
        var carriers = Set(locals.filter { $0.value == element }.keys)
        var changed = true
        while changed {
            changed = false
            for a in assignments where carriers.contains(a.target) && !Self.isMovedValue(a.value, x: x, carriers: carriers) {
                carriers.remove(a.target)
                changed = true
            }
        }

        var valid = true
        statement.forEachExpression { top in
            if valid && !checkUse(top, x: x, carriers: carriers, element: element) { valid = false }
        }
        return valid ? element : nil
    }

    private static func isMovedValue(_ value: Expression?, x: String, carriers: Set<String>) -> Bool {
        switch value {
        case .subscript(.identifier(x), _)?: return true
        case .identifier(let name)?: return carriers.contains(name)
        default: return false
        }
    }

    /// Checks every use of `x`, every store and every call in `e`.
    private mutating func checkUse(_ e: Expression, x: String, carriers: Set<String>, element: TypeSpecifier) -> Bool {
        switch e {
        case .identifier(let name):
            return name != x
        case .subscript(.identifier(x), let index):
            return checkUse(index, x: x, carriers: carriers, element: element)
        case .subscript:
            return false
        case .assignment(let op, .subscript(.identifier(x), let index), let value):
            return op == .assign && Self.isMovedValue(value, x: x, carriers: carriers)
                && checkUse(index, x: x, carriers: carriers, element: element) && checkUse(value, x: x, carriers: carriers, element: element)
        case .assignment(_, .identifier(let target), let value):
            return target != x && checkUse(value, x: x, carriers: carriers, element: element)
        case .assignment:
            return false
        case .unary(.addressOf, _), .unary(.dereference, _), .stringLiteral, .sizeofExpression, .sizeofType:
            return false
        case .unary(let op, let operand) where op.modifiesOperand:
            guard case .identifier(let name) = operand, name != x else { return false }
            return true
        case .postfix(_, let operand):
            guard case .identifier(let name) = operand, name != x else { return false }
            return true
        case .call(let g, let arguments):
            guard let first = arguments.first, elementType(of: g) == element,
                  let callee = unit.functions.first(where: { $0.name == g }), callee.parameters.count == arguments.count else { return false }
            let offset: Expression?
            switch first {
            case .identifier(x): offset = nil
            case .binary(.add, .identifier(x), let d), .binary(.add, let d, .identifier(x)), .binary(.subtract, .identifier(x), let d): offset = d
            default: return false
            }
            let rest = Array(arguments.dropFirst()) + (offset.map { [$0] } ?? [])
            return rest.allSatisfy { checkUse($0, x: x, carriers: carriers, element: element) }
        default:
            return e.operands.allSatisfy { checkUse($0, x: x, carriers: carriers, element: element) }
        }
    }
}
