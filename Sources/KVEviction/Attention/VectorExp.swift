/// e^x for 8 lanes at once, for x <= 0 (softmax exponents after subtracting the maximum):
/// x is clamped at -87 (below it the weight is under 2^-125 and is 0 for every purpose),
/// split as x log2(e) = n + f with n an integer and f in [0, 1), and 2^f is the degree-7
/// Taylor polynomial of e^(f ln 2), scaled by 2^n through the exponent bits: relative error
/// below 1e-5 over [-87, 0] (most of it from x log2(e) rounded to a float; tested). The
/// rounding and the integer conversion use the 1.5 x 2^23 and 2^23 additions
/// (exact for these small magnitudes), so there are only IEEE additions, multiplications and
/// bit operations: every machine gets the same bits, and no lane leaves the vector unit.
@inline(__always)
func vectorExp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let t = x.replacing(with: -87, where: x .< -87) * 1.442_695_04
    let nearest = (t + 12_582_912) - 12_582_912
    let n = nearest.replacing(with: nearest - 1, where: nearest .> t)
    let f = t - n
    var p = SIMD8<Float>(repeating: 1.525_273_4e-5)
    p = p * f + 1.540_353_0e-4
    p = p * f + 1.333_355_8e-3
    p = p * f + 9.618_129_1e-3
    p = p * f + 5.550_410_9e-2
    p = p * f + 2.402_265_1e-1
    p = p * f + 6.931_471_8e-1
    p = p * f + 1
    // n + 127 + 2^23 has n + 127 in its low mantissa bits; moved into the exponent field it is 2^n.
    let biased = unsafeBitCast(n + 8_388_735, to: SIMD8<Int32>.self) &- 0x4B00_0000
    return p * unsafeBitCast(biased &<< 23, to: SIMD8<Float>.self)
}
