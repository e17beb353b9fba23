import KernelSyntax

/// Conservative typing of expressions: `nil` whenever the type is not certain.
extension TypeEnvironment {
    /// The type of the value of `e` (after lvalue, array and function conversions).
    func valueType(of e: Expression) -> ValueType? {
        switch e {
        case .identifier, .subscript, .unary(.dereference, _):
            return objectType(of: e).flatMap { ValueType(object: $0) }
        case .integerLiteral(let spelling):
            return IntegerLiteral(spelling)?.type.map(ValueType.arithmetic)
        case .floatingLiteral(let spelling):
            let last = spelling.last.map { Character($0.lowercased()) }
            return .arithmetic(last == "f" ? .float : last == "l" ? .longDouble : .double)
        case .characterLiteral:
            return .arithmetic(.int)
        case .stringLiteral, .unary(.addressOf, _):
            return nil
        case .unary(.logicalNot, _):
            return .arithmetic(.int)
        case .unary(.plus, let x), .unary(.negate, let x):
            return valueType(of: x)?.arithmetic.map { .arithmetic($0.promoted) }
        case .unary(.bitwiseNot, let x):
            guard let a = valueType(of: x)?.arithmetic, a.isInteger else { return nil }
            return .arithmetic(a.promoted)
        case .unary(_, let x), .postfix(_, let x):
            return valueType(of: x)
        case .binary(let op, let l, let r):
            return binaryType(op, l, r)
        case .assignment(_, let target, _):
            return valueType(of: target)
        case .conditional(_, let t, let f):
            guard let x = valueType(of: t), let y = valueType(of: f) else { return nil }
            if let a = x.arithmetic, let b = y.arithmetic { return .arithmetic(.common(a, b)) }
            return x == y ? x : nil
        case .comma(_, let r):
            return valueType(of: r)
        case .cast(let type, _):
            return resolve(type).flatMap { ValueType(object: $0) }
        case .sizeofType, .sizeofExpression:
            return .arithmetic(.unsignedLong)
        case .call(let name, _):
            return returnType(of: name).flatMap { ValueType(object: $0) }
        }
    }

    private func binaryType(_ op: BinaryOperator, _ l: Expression, _ r: Expression) -> ValueType? {
        if op.isComparisonOrLogical { return .arithmetic(.int) }
        guard let x = valueType(of: l), let y = valueType(of: r) else { return nil }
        switch (x, y) {
        case (.arithmetic(let a), .arithmetic(let b)):
            switch op {
            case .shiftLeft, .shiftRight:
                return a.isInteger && b.isInteger ? .arithmetic(a.promoted) : nil
            case .remainder, .bitwiseAnd, .bitwiseOr, .bitwiseXor:
                return a.isInteger && b.isInteger ? .arithmetic(.common(a, b)) : nil
            default:
                return .arithmetic(.common(a, b))
            }
        case (.pointer, .arithmetic(let b)) where b.isInteger && (op == .add || op == .subtract):
            return x
        case (.arithmetic(let a), .pointer) where a.isInteger && op == .add:
            return y
        case (.pointer, .pointer) where op == .subtract:
            return .arithmetic(.long)
        default:
            return nil
        }
    }

    /// The declared type of the object an lvalue designates (`a`, `a[i][j]`, `*p`), which may
    /// still be an array type.
    func objectType(of e: Expression) -> TypeName? {
        switch e {
        case .identifier(let name):
            return objectType(of: name)
        case .subscript(let base, let index):
            if let array = arrayObject(base) {
                var element = array
                element.arrayDimensions.removeFirst()
                return element
            }
            if let pointer = valueType(of: base), pointer.isPointer, valueType(of: index)?.isInteger == true {
                return pointer.pointee
            }
            if let pointer = valueType(of: index), pointer.isPointer, valueType(of: base)?.isInteger == true {
                return pointer.pointee
            }
            return nil
        case .unary(.dereference, let pointer):
            return valueType(of: pointer)?.pointee
        default:
            return nil
        }
    }

    /// The array type of `e` when it designates an array object with at least one dimension.
    private func arrayObject(_ e: Expression) -> TypeName? {
        switch e {
        case .identifier, .subscript:
            guard let type = objectType(of: e), !type.arrayDimensions.isEmpty else { return nil }
            return type
        default:
            return nil
        }
    }
}
