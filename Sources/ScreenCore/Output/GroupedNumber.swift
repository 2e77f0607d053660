/// An integer with its thousands grouped by commas — 1234567 → "1,234,567", −2874 → "-2,874" — as
/// reports and progress lines print counts (the locale never changes a digit or a separator).
/// - Complexity: O(d) for d digits.
public func formatGrouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (k, c) in digits.enumerated() {
        if k > 0 && (digits.count - k) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}
