import SimCore
import Testing

@testable import Harness

@Suite struct WhereExpressionTests {
    let config = ConfigValue.map([
        "policy": .string("lru"), "cache_size": .double(0.1), "n": .int(3), "flag": .bool(true),
        "trace": .map(["alpha": .double(1.0)]),
    ])

    func eval(_ text: String) throws -> Bool { try WhereExpression.parse(text).evaluate(in: config) }

    @Test func comparisonsAndLogic() throws {
        #expect(try eval("policy == 'lru'"))
        #expect(try eval("policy != \"opt\""))
        #expect(try eval("cache_size <= 0.1 and n > 2"))
        #expect(try !eval("cache_size < 0.1"))
        #expect(try eval("not (n >= 4) or policy == 'x'"))
        #expect(try eval("trace.alpha == 1"), "an integer equals the same float")
        #expect(try eval("flag"))
        #expect(try eval("n == 3 and (policy == 'fifo' or policy == 'lru')"))
        #expect(try eval("1e-3 < cache_size"))
    }

    @Test func precedenceAndBindsTighterThanOr() throws {
        #expect(try eval("policy == 'x' and n == 3 or flag"))
        #expect(try !eval("policy == 'x' and (n == 3 or flag)"))
    }

    @Test func errors() {
        #expect(throws: WhereError.self) { try WhereExpression.parse("policy ==") }
        #expect(throws: WhereError.self) { try WhereExpression.parse("(n == 3") }
        #expect(throws: WhereError.self) { try WhereExpression.parse("n == 'unterminated") }
        #expect(throws: WhereError.self) { try WhereExpression.parse("n $ 3") }
        #expect(throws: WhereError.self) { try eval("policy < 3") }
        #expect(throws: WhereError.self) { try eval("n") }
        #expect(throws: WhereError.self) { try eval("missing == 1") }
    }

    @Test func keysAreCollected() throws {
        #expect(try WhereExpression.parse("a == 1 or not (b.c < 2)").keys == ["a", "b.c"])
    }
}
