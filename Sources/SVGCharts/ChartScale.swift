import Foundation

/// Errors of chart scales.
public enum ChartError: Error, Equatable, CustomStringConvertible {
    /// A log axis was asked to show a value ≤ 0 (the value is given).
    case nonPositiveLogDomain(Double)
    /// A domain bound is NaN or infinite.
    case nonFiniteDomain

    /// The problem in words, naming the value a log axis cannot show.
    public var description: String {
        switch self {
        case .nonPositiveLogDomain(let v):
            return "a log axis cannot show \(v): every value on it must be positive"
        case .nonFiniteDomain:
            return "an axis domain must have finite bounds"
        }
    }
}

/// A map from data values (domain) to pixels (range), linear or base-10 logarithmic, with
/// "nice" ticks.
///
/// Linear ticks are multiples of 1, 2 or 5 × 10ᵏ. Log ticks are the decades inside the
/// domain (minor ticks at 2…9 × 10ᵏ); a domain spanning less than two decades falls back to
/// 1-2-5 ticks, and one spanning less than that to linear nice ticks. The range may run
/// backwards (e.g. `rangeStart` at the bottom of the plot, or at the top for an inverted axis).
///
/// ```swift
/// let x = try ChartScale.nice(.log10, covering: [3e-5, 0.2], rangeStart: 60, rangeEnd: 560)
/// x.domain        // 1e-5 ... 1
/// x.ticks()       // [1e-5, 1e-4, 1e-3, 0.01, 0.1, 1]
/// x(1e-3)         // 260: decades are 100 px apart
/// ```
public struct ChartScale: Sendable, Hashable {
    /// How values map to positions.
    public enum Kind: String, Sendable {
        /// `linear`: equal differences are equal distances; `log10`: equal ratios are equal
        /// distances (positive values only).
        case linear, log10
    }

    /// How `nice` rounds a log domain outwards.
    public enum LogRounding: Sendable {
        /// To whole decades (3e-5…0.2 becomes 1e-5…1).
        case decades
        /// To 1, 2 or 5 × 10ᵏ (3e-5…0.2 becomes 2e-5…0.2): less empty space.
        case oneTwoFive
    }

    /// Linear or base-10 logarithmic.
    public let kind: Kind
    /// The domain's lower bound, in data units (finite; > 0 on a log scale).
    public let lower: Double
    /// The domain's upper bound, in data units; always different from `lower`.
    public let upper: Double
    /// The position `lower` maps to, px.
    public let rangeStart: Double
    /// The position `upper` maps to, px (may be less than `rangeStart`: a y axis runs upwards).
    public let rangeEnd: Double

    /// The data values the scale spans, `lower...upper`.
    public var domain: ClosedRange<Double> { lower...upper }

    /// A scale over exactly `domain`.
    ///
    /// A zero-width domain is widened (linear: ±10 % of the value, or ±1 around 0; log: a
    /// factor 2 each way) so that the scale is always invertible.
    /// - Throws: `ChartError.nonFiniteDomain` for NaN or infinite bounds;
    ///   `ChartError.nonPositiveLogDomain` for a log domain reaching 0 or below.
    public init(_ kind: Kind, domain: ClosedRange<Double>, rangeStart: Double = 0, rangeEnd: Double = 1) throws {
        var lo = domain.lowerBound, hi = domain.upperBound
        guard lo.isFinite, hi.isFinite else { throw ChartError.nonFiniteDomain }
        if kind == .log10 && lo <= 0 { throw ChartError.nonPositiveLogDomain(lo) }
        if lo == hi {
            switch kind {
            case .linear:
                if lo == 0 { lo = -1; hi = 1 } else { let d = abs(lo) * 0.1; lo -= d; hi += d }
            case .log10:
                lo /= 2; hi *= 2
            }
        }
        self.kind = kind
        self.lower = lo
        self.upper = hi
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    /// A linear scale (never throws: a non-finite domain becomes 0…1).
    public static func linear(_ domain: ClosedRange<Double>, rangeStart: Double = 0, rangeEnd: Double = 1) -> ChartScale {
        (try? ChartScale(.linear, domain: domain, rangeStart: rangeStart, rangeEnd: rangeEnd))
            // A linear 0…1 domain is finite, the only check a linear scale makes, so this cannot throw.
            ?? (try! ChartScale(.linear, domain: 0...1, rangeStart: rangeStart, rangeEnd: rangeEnd))
    }

    /// A base-10 log scale.
    /// - Throws: `ChartError.nonPositiveLogDomain` when the domain reaches 0 or below.
    public static func log10(_ domain: ClosedRange<Double>, rangeStart: Double = 0, rangeEnd: Double = 1) throws -> ChartScale {
        try ChartScale(.log10, domain: domain, rangeStart: rangeStart, rangeEnd: rangeEnd)
    }

    /// A scale whose domain covers `values`, rounded outwards to nice values.
    ///
    /// - Parameters:
    ///   - values: the data; NaN and infinities are ignored. No finite value gives 0…1
    ///     (linear) or 1…10 (log).
    ///   - targetTickCount: about how many ticks the linear domain is rounded for.
    ///   - includeZero: a linear domain always contains 0 (bar charts).
    ///   - logRounding: how a log domain is rounded (default whole decades).
    ///   - padding: the least free space, as a fraction of the data span (in log space for
    ///     log scales), between the data and each bound. Nice rounding usually leaves that
    ///     much; when it does not, the span is widened by `padding` on each side before
    ///     rounding. Linear padding never crosses zero: data ≥ 0 keep a lower bound ≥ 0.
    /// - Throws: `ChartError.nonPositiveLogDomain` when a log scale is asked to cover a value ≤ 0.
    ///   (Charts drop such points and say so in a note; this function does not guess.)
    /// - Example: 0…97 gives 0…100 with ticks 0, 20, …, 100; log 3e-5…0.2 gives 1e-5…1.
    public static func nice(_ kind: Kind, covering values: [Double], rangeStart: Double = 0, rangeEnd: Double = 1,
                            targetTickCount: Int = 6, includeZero: Bool = false,
                            logRounding: LogRounding = .decades, padding: Double = 0) throws -> ChartScale {
        let finite = values.filter(\.isFinite)
        switch kind {
        case .linear:
            guard var lo = finite.min(), var hi = finite.max() else {
                return linear(0...1, rangeStart: rangeStart, rangeEnd: rangeEnd)
            }
            if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
            if lo == hi {
                if lo == 0 { lo = -1; hi = 1 } else { let d = abs(lo) * 0.1; lo -= d; hi += d }
            }
            func rounded(_ pad: Double) -> (Double, Double) {
                // Padding never pushes a bound across zero (a property that cannot be
                // negative keeps its axis at 0).
                var a = lo, b = hi
                if a != 0 { a = a > 0 ? max(0, a - pad) : a - pad }
                if b != 0 { b = b < 0 ? min(0, b + pad) : b + pad }
                let step = niceStep(span: b - a, targetCount: targetTickCount)
                // The tolerance keeps bounds that are already multiples of the step.
                let nLo = (a / step.value + 1e-9).rounded(.down)
                let nHi = (b / step.value - 1e-9).rounded(.up)
                return (step.multiple(Int(nLo)), step.multiple(Int(nHi)))
            }
            let span = hi - lo, want = span * max(0, padding)
            var bounds = rounded(0)
            if (lo - bounds.0 < want && bounds.0 != 0) || (bounds.1 - hi < want && bounds.1 != 0) { bounds = rounded(want) }
            return linear(bounds.0...bounds.1, rangeStart: rangeStart, rangeEnd: rangeEnd)
        case .log10:
            if let bad = finite.first(where: { $0 <= 0 }) { throw ChartError.nonPositiveLogDomain(bad) }
            guard let lo = finite.min(), let hi = finite.max() else {
                return try log10(1...10, rangeStart: rangeStart, rangeEnd: rangeEnd)
            }
            let l = Foundation.log10(lo), h = Foundation.log10(hi)
            func rounded(_ pad: Double) -> (Double, Double) {
                var niceLo: Double, niceHi: Double
                switch logRounding {
                case .decades:
                    niceLo = pow10((l - pad + 1e-9).rounded(.down))
                    niceHi = pow10((h + pad - 1e-9).rounded(.up))
                    if niceLo >= niceHi { niceLo /= 10; niceHi *= 10 }
                case .oneTwoFive:
                    niceLo = oneTwoFive(below: ChartScale.exp10(l - pad))
                    niceHi = oneTwoFive(above: ChartScale.exp10(h + pad))
                    if niceLo >= niceHi { niceLo = oneTwoFive(below: niceLo * 0.99); niceHi = oneTwoFive(above: niceHi * 1.01) }
                }
                return (niceLo, niceHi)
            }
            let want = (h - l) * max(0, padding)
            var bounds = rounded(0)
            if l - Foundation.log10(bounds.0) < want || Foundation.log10(bounds.1) - h < want { bounds = rounded(want) }
            return try log10(bounds.0...bounds.1, rangeStart: rangeStart, rangeEnd: rangeEnd)
        }
    }

    /// The same domain mapped to a new pixel range.
    public func withRange(_ start: Double, _ end: Double) -> ChartScale {
        // `domain` already passed the init's checks (which look only at the domain), so this cannot throw.
        try! ChartScale(kind, domain: domain, rangeStart: start, rangeEnd: end)
    }

    /// The pixel position of `value`; NaN for values ≤ 0 on a log scale. Values outside the
    /// domain map outside the range (no clamping).
    public func callAsFunction(_ value: Double) -> Double {
        fraction(value) * (rangeEnd - rangeStart) + rangeStart
    }

    /// Position of `value` in the domain: 0 at `lower`, 1 at `upper`.
    public func fraction(_ value: Double) -> Double {
        switch kind {
        case .linear:
            return (value - lower) / (upper - lower)
        case .log10:
            guard value > 0 else { return .nan }
            return (Foundation.log10(value) - Foundation.log10(lower)) / (Foundation.log10(upper) - Foundation.log10(lower))
        }
    }

    /// The data value at pixel `position` (extrapolated outside the range); the inverse of
    /// `callAsFunction`. A zero-length range gives NaN or an infinity.
    public func invert(_ position: Double) -> Double {
        let t = (position - rangeStart) / (rangeEnd - rangeStart)
        switch kind {
        case .linear: return lower + t * (upper - lower)
        case .log10: return ChartScale.exp10(Foundation.log10(lower) + t * (Foundation.log10(upper) - Foundation.log10(lower)))
        }
    }

    /// Whether `value` lies in the domain (with a relative tolerance of 1e-9 of the span).
    public func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        switch kind {
        case .linear:
            let tol = (upper - lower) * 1e-9
            return value >= lower - tol && value <= upper + tol
        case .log10:
            guard value > 0 else { return false }
            let f = fraction(value)
            return f >= -1e-9 && f <= 1 + 1e-9
        }
    }

    /// Pixel length of the range.
    public var length: Double { abs(rangeEnd - rangeStart) }

    // MARK: Ticks

    /// Major tick values inside the domain, ascending.
    public func ticks(targetCount: Int = 6) -> [Double] {
        switch kind {
        case .linear:
            return linearTicks(targetCount: targetCount)
        case .log10:
            let decades = decadeTicks()
            if decades.count >= 2 { return decades }
            let ott = oneTwoFiveTicks()
            if ott.count >= 2 { return ott }
            return linearTicks(targetCount: targetCount).filter { $0 > 0 }
        }
    }

    /// Minor tick values inside the domain (never a major tick), ascending.
    ///
    /// Log scales: 2…9 × 10ᵏ when a decade spans at least 24 px of the range (so this depends
    /// on the range); linear scales: 4 or 5 subdivisions of the major step.
    public func minorTicks(targetCount: Int = 6) -> [Double] {
        switch kind {
        case .linear:
            return linearMinorTicks(targetCount: targetCount)
        case .log10:
            let majors = ticks(targetCount: targetCount)
            let decadeCount = Foundation.log10(upper) - Foundation.log10(lower)
            let majorsAreDecades = decadeTicks().count >= 2
            if majorsAreDecades && length / max(decadeCount, 1e-9) < 24 { return [] }
            if !majorsAreDecades && oneTwoFiveTicks().count < 2 { return linearMinorTicks(targetCount: targetCount).filter { $0 > 0 } }
            let k0 = Int((Foundation.log10(lower) - 1e-9).rounded(.down)), k1 = Int((Foundation.log10(upper) + 1e-9).rounded(.up))
            var out: [Double] = []
            for k in k0...k1 {
                for q in 2...9 {
                    let v = Double(q) * ChartScale.pow10(Double(k))
                    if contains(v) && !majors.contains(where: { abs($0 - v) <= v * 1e-9 }) { out.append(v) }
                }
            }
            return out
        }
    }

    /// Labels for `ticks` in one consistent format.
    ///
    /// Linear: the fewest decimals that show every tick exactly, minus sign U+2212; very large
    /// or small magnitudes as m×10ᵏ. Log: plain numbers when every tick lies in 0.001…10 000,
    /// otherwise powers of ten with superscript exponents (10⁻⁵, 2×10⁻⁵).
    public func tickLabels(for ticks: [Double]) -> [ChartText] {
        switch kind {
        case .linear:
            let maxAbs = ticks.map(abs).max() ?? 0
            if maxAbs >= 1e6 || (maxAbs > 0 && maxAbs < 1e-3) {
                let e = Int(Foundation.log10(maxAbs).rounded(.down))
                let mantissas = ticks.map { $0 / ChartScale.pow10(Double(e)) }
                let d = ChartFormat.decimals(for: mantissas)
                return zip(ticks, mantissas).map { v, m in
                    v == 0 ? ChartText("0") : ChartText.powerOfTen(e, mantissa: ChartFormat.number(m, decimals: d))
                }
            }
            let d = ChartFormat.decimals(for: ticks)
            return ticks.map { ChartText(ChartFormat.number($0, decimals: d)) }
        case .log10:
            let plain = ticks.allSatisfy { $0 >= 1e-3 * (1 - 1e-9) && $0 <= 1e4 * (1 + 1e-9) }
            return ticks.map { v in
                if plain { return ChartText(ChartFormat.number(v, decimals: ChartFormat.decimals(for: [v]))) }
                let k = Foundation.log10(v).rounded(.down)
                let adjustedK = abs(Foundation.log10(v) - (k + 1)) < 1e-9 ? k + 1 : k
                let mantissa = v / ChartScale.pow10(adjustedK)
                if abs(mantissa - 1) < 1e-9 { return ChartText.powerOfTen(Int(adjustedK)) }
                let d = ChartFormat.decimals(for: [mantissa.rounded() == mantissa ? mantissa : (mantissa * 10).rounded() / 10])
                return ChartText.powerOfTen(Int(adjustedK), mantissa: ChartFormat.number(mantissa, decimals: min(d, 2)))
            }
        }
    }

    // MARK: Helpers

    /// A nice step m × 10ᵉ with m ∈ {1, 2, 5}.
    struct Step {
        let mantissa: Int
        let exponent: Int
        var value: Double { Double(mantissa) * ChartScale.pow10(Double(exponent)) }
        /// n × step, computed so that decimal steps give the correctly rounded decimal value.
        func multiple(_ n: Int) -> Double {
            let m = Double(n * mantissa)
            return exponent >= 0 ? m * ChartScale.pow10(Double(exponent)) : m / ChartScale.pow10(Double(-exponent))
        }
    }

    /// The 1-2-5 step that gives about `targetCount` intervals over `span`.
    static func niceStep(span: Double, targetCount: Int) -> Step {
        let raw = max(span, 1e-300) / Double(max(1, targetCount))
        var e = Int(Foundation.log10(raw).rounded(.down))
        let norm = raw / pow10(Double(e))
        let m: Int
        if norm < 1.5 { m = 1 } else if norm < 3 { m = 2 } else if norm < 7 { m = 5 } else { m = 1; e += 1 }
        return Step(mantissa: m, exponent: e)
    }

    private func linearTicks(targetCount: Int) -> [Double] {
        let step = ChartScale.niceStep(span: upper - lower, targetCount: targetCount)
        let n0 = Int((lower / step.value - 1e-9).rounded(.up)), n1 = Int((upper / step.value + 1e-9).rounded(.down))
        guard n1 >= n0, n1 - n0 < 10_000 else { return [] }
        return (n0...n1).map { step.multiple($0) }
    }

    private func linearMinorTicks(targetCount: Int) -> [Double] {
        let step = ChartScale.niceStep(span: upper - lower, targetCount: targetCount)
        let parts = step.mantissa == 2 ? 4 : 5
        // Minor step as (mantissa, exponent): step / parts.
        let minor: Step
        switch step.mantissa {
        case 1: minor = Step(mantissa: 2, exponent: step.exponent - 1)
        case 2: minor = Step(mantissa: 5, exponent: step.exponent - 1)
        default: minor = Step(mantissa: 1, exponent: step.exponent)
        }
        let n0 = Int((lower / minor.value - 1e-9).rounded(.up)), n1 = Int((upper / minor.value + 1e-9).rounded(.down))
        guard n1 >= n0, n1 - n0 < 50_000 else { return [] }
        return (n0...n1).filter { $0 % parts != 0 }.map { minor.multiple($0) }
    }

    private func decadeTicks() -> [Double] {
        let k0 = Int((Foundation.log10(lower) - 1e-9).rounded(.up)), k1 = Int((Foundation.log10(upper) + 1e-9).rounded(.down))
        guard k1 >= k0 else { return [] }
        return (k0...k1).map { ChartScale.pow10(Double($0)) }
    }

    private func oneTwoFiveTicks() -> [Double] {
        let k0 = Int((Foundation.log10(lower) - 1e-9).rounded(.down)), k1 = Int((Foundation.log10(upper) + 1e-9).rounded(.up))
        var out: [Double] = []
        for k in k0...k1 {
            for q in [1.0, 2, 5] {
                let v = q * ChartScale.pow10(Double(k))
                if contains(v) { out.append(v) }
            }
        }
        return out
    }

    /// 10ᵏ for integral k, correctly rounded (10⁻⁵ equals the literal 1e-5).
    static func pow10(_ k: Double) -> Double {
        k >= 0 ? pow(10, k) : 1 / pow(10, -k)
    }

    static func exp10(_ x: Double) -> Double {
        x == x.rounded() ? pow10(x) : pow(10, x)
    }

    static func oneTwoFive(below v: Double) -> Double {
        let k = Foundation.log10(v).rounded(.down)
        for q in [5.0, 2, 1] where q * pow10(k) <= v * (1 + 1e-9) { return q * pow10(k) }
        return pow10(k - 1) * 5
    }

    static func oneTwoFive(above v: Double) -> Double {
        let k = Foundation.log10(v).rounded(.down)
        for q in [1.0, 2, 5] where q * pow10(k) >= v * (1 - 1e-9) { return q * pow10(k) }
        return pow10(k + 1)
    }
}
