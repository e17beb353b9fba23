import Foundation
import KernelSyntax

/// The files of a new sandbox, written from a C prototype: `manifest.json` (every key, with its
/// default), `harness.json` (the parameters, from the prototype), a `seed.c` stub and an empty
/// suite. What only the user can say (lengths, ranges, the workload, the seed's body) is left as
/// `TODO` placeholders, which every other command refuses until they are filled in.
public enum SandboxScaffold {
    /// The files, by path inside the sandbox folder.
    /// - Throws: `HarnessFailure` when the prototype does not parse or has a parameter no kind fits.
    public static func files(name: String, prototype text: String) throws -> [String: String] {
        let function = try KernelPrototype.parse(text.hasSuffix(";") ? text : text + ";")
        var params: [String] = []
        var generators: [String] = []
        for p in function.parameters {
            let pname = p.name!
            let levels = p.type.pointers.count + p.type.arrayDimensions.count
            if levels == 0 {
                switch try KernelPrototype.scalarClass(p.type, what: "`\(pname)`") {
                case .void: throw HarnessFailure("`\(pname)` cannot be void")
                case .integer:
                    params.append(#"{"name": "\#(pname)", "kind": "int", "range": ["TODO lo", "TODO hi"]}"#)
                    generators.append(#""\#(pname)": {"int": ["TODO lo", "TODO hi"]}"#)
                case .real(let t):
                    params.append(#"{"name": "\#(pname)", "kind": "real", "type": "\#(t.rawValue)", "range": ["TODO lo", "TODO hi"]}"#)
                    generators.append(#""\#(pname)": {"real": ["TODO lo", "TODO hi"]}"#)
                }
                continue
            }
            guard levels == 1, let element = KernelPrototype.elementType(of: p.type.specifier) else {
                throw HarnessFailure("`\(pname)` is \(CPrinter.print(p.type)): a buffer is one pointer to char, unsigned char, short, int, long long, float or double")
            }
            let length = #""length": "TODO element count, e.g. n""#
            if p.type.qualifiers.contains(.const) {
                params.append(#"{"name": "\#(pname)", "kind": "input", "type": "\#(element.rawValue)", \#(length), "values": ["TODO lo", "TODO hi"]}"#)
                generators.append(#""\#(pname)": {"array": {"length": ["TODO lo", "TODO hi"], "values": ["TODO lo", "TODO hi"]}}"#)
            } else {
                let tolerance = element.isReal ? #", "tolerance": {"rel": 0, "abs": 0, "ulps": 0}"# : ""
                params.append(#"{"name": "\#(pname)", "kind": "output", "type": "\#(element.rawValue)", \#(length)\#(tolerance)}"#)
            }
        }
        let proto = KernelPrototype.printDeclaration(function)
        let harness = """
        {
          "prototype": \(quote(proto)),
          "params": [
            \(params.joined(separator: ",\n    "))
          ]
        }

        """
        let manifest = """
        {
          "name": \(quote(name)),
          "description": "TODO one line: what the kernel computes",
          "entry": \(quote(function.name)),
          "allowed_symbols": ["memcpy", "memset", "memmove"],
          "deadline_ms": 1000,
          "compile_deadline_ms": 2000,
          "memory_limit_mb": 256,
          "max_source_bytes": 65536,
          "max_image_bytes": 1048576,
          "benchmark": {
            "warmup_pairs": 2,
            "samples": 15,
            "screen_samples": 12,
            "children": 3,
            "window_ms": 5,
            "max_reps": 100000,
            "workload": [
              {"name": "typical", "count": 4, "args": {
                \(generators.joined(separator: ",\n        "))
              }}
            ]
          }
        }

        """
        var body = CPrinter.print(TranslationUnit([.function(function)])).trimmingCharacters(in: .whitespacesAndNewlines)
        body.removeLast()
        let seed = """
        /* The seed kernel of \(name): write a plain, correct version; evolution makes it fast. */
        \(body) {
        #error "TODO write the seed kernel of \(name) in seed.c"
        }

        """
        return [
            Sandbox.Files.manifest: manifest, Sandbox.Files.harness: harness, Sandbox.Files.seed: seed,
            Sandbox.Files.cases: "",
        ]
    }

    static func quote(_ s: String) -> String {
        String(decoding: try! JSONEncoder().encode(s), as: UTF8.self)
    }
}
