import Foundation

/// Greedy placement of point labels without overlaps.
///
/// Labels are placed one at a time in the order given (put the important ones first). For
/// each label the placer tries eight positions right next to its marker (right, left, the
/// four diagonals, above, below), then sixteen directions at three larger distances; a label
/// placed away from its marker gets a leader line. A position is accepted when the label box
/// lies inside `bounds` and touches neither an earlier label or leader line, nor any other
/// marker, nor an obstacle, and when its leader line crosses no earlier label or leader
/// (crossed leaders make a reader pair a name with the wrong point). A label with no
/// such position is skipped (its placement is nil) — the chart then says how many labels it
/// left out.
///
/// Boxes come from `TextMetrics` estimates, which err on the wide side.
///
/// - Complexity: O(n · (n + m)) box tests for n labels and m obstacles (56 candidate
///   positions each, at most).
public struct LabelPlacer: Sendable {
    /// One label to place: its point and the size of its box.
    public struct Request: Sendable, Hashable {
        /// The point the label belongs to.
        public var anchor: ChartPoint
        /// Width of the label's box, px (e.g. `TextMetrics.width` of its text).
        public var width: Double
        /// Height of the label's box, px.
        public var height: Double
        /// Half-size of the marker drawn at the anchor; labels keep clear of it.
        public var clearance: Double

        /// A label of `width` × `height` px for the point `anchor`, whose marker reaches
        /// `clearance` px from it. A non-finite anchor or a box with no area is never placed.
        public init(anchor: ChartPoint, width: Double, height: Double, clearance: Double = 5) {
            self.anchor = anchor
            self.width = width
            self.height = height
            self.clearance = clearance
        }
    }

    /// Where a label went: its box, and the leader line when it sits away from its point.
    public struct Placement: Sendable, Hashable {
        /// The label's box.
        public var box: ChartRect
        /// A leader line from the marker's edge to the box, when the label sits away from it.
        public var leaderStart: ChartPoint?
        /// Where the leader line meets the box (its point nearest the anchor); nil with no leader.
        public var leaderEnd: ChartPoint?
    }

    /// Labels stay inside this rectangle.
    public var bounds: ChartRect
    /// Areas labels must not cover (other than the markers, which are always avoided).
    public var obstacles: [ChartRect]
    /// Space between a marker and its label.
    public var gap: Double

    /// A placer keeping labels inside `bounds`, off `obstacles`, `gap` px beyond each marker.
    public init(bounds: ChartRect, obstacles: [ChartRect] = [], gap: Double = 2) {
        self.bounds = bounds
        self.obstacles = obstacles
        self.gap = gap
    }

    /// One placement per request (same order); nil where the label was skipped — no free
    /// position, a non-finite anchor, or a width or height ≤ 0. An empty list gives an empty one.
    /// - Complexity: O(n · (n + m)) box tests for n labels and m obstacles (see the type).
    public func place(_ requests: [Request]) -> [Placement?] {
        let markers = requests.map { r in
            ChartRect(x: r.anchor.x - r.clearance, y: r.anchor.y - r.clearance, width: 2 * r.clearance, height: 2 * r.clearance)
        }
        var placed: [ChartRect] = []
        var leaders: [(ChartPoint, ChartPoint)] = []
        var result: [Placement?] = []
        result.reserveCapacity(requests.count)

        let near: [(Double, Double)] = [(1, 0), (-1, 0), (0.7071, -0.7071), (0.7071, 0.7071), (-0.7071, -0.7071), (-0.7071, 0.7071), (0, -1), (0, 1)]
        var far: [(Double, Double)] = []
        for k in 0..<16 {
            let a = Double(k) * Double.pi / 8
            far.append((cos(a), -sin(a)))
        }

        for (index, request) in requests.enumerated() {
            guard request.anchor.x.isFinite, request.anchor.y.isFinite, request.width > 0, request.height > 0 else {
                result.append(nil)
                continue
            }
            let r0 = request.clearance + gap
            var candidates: [(box: ChartRect, leader: Bool, radius: Double, direction: (Double, Double))] = []
            for d in near {
                candidates.append((box(for: request, direction: d, radius: r0), false, r0, d))
            }
            for extra in [10.0, 22, 38] {
                for d in far {
                    candidates.append((box(for: request, direction: d, radius: r0 + extra), true, r0 + extra, d))
                }
            }
            var chosen: Placement?
            for c in candidates {
                guard bounds.contains(c.box) else { continue }
                let padded = c.box.outset(0.5)
                if placed.contains(where: { $0.intersects(padded) }) { continue }
                if obstacles.contains(where: { $0.intersects(padded) }) { continue }
                var hitsMarker = false
                for (j, m) in markers.enumerated() where j != index && m.intersects(padded) {
                    hitsMarker = true
                    break
                }
                if hitsMarker { continue }
                if leaders.contains(where: { Self.segment($0.0, $0.1, meets: padded) }) { continue }
                if c.leader {
                    let end = c.box.nearestPoint(to: request.anchor)
                    let dx = end.x - request.anchor.x, dy = end.y - request.anchor.y
                    let length = (dx * dx + dy * dy).squareRoot()
                    let start = length > 0
                        ? ChartPoint(x: request.anchor.x + dx / length * (request.clearance + 1), y: request.anchor.y + dy / length * (request.clearance + 1))
                        : request.anchor
                    if placed.contains(where: { Self.segment(start, end, meets: $0) })
                        || leaders.contains(where: { Self.segments(start, end, cross: $0.0, $0.1) }) { continue }
                    chosen = Placement(box: c.box, leaderStart: start, leaderEnd: end)
                    leaders.append((start, end))
                } else {
                    chosen = Placement(box: c.box, leaderStart: nil, leaderEnd: nil)
                }
                break
            }
            if let chosen { placed.append(chosen.box) }
            result.append(chosen)
        }
        return result
    }

    /// Whether the segment a–b has a point inside `r` (Liang–Barsky clipping).
    static func segment(_ a: ChartPoint, _ b: ChartPoint, meets r: ChartRect) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        for (p, q) in [(-dx, a.x - r.minX), (dx, r.maxX - a.x), (-dy, a.y - r.minY), (dy, r.maxY - a.y)] {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let t = q / p
                if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
                if t0 > t1 { return false }
            }
        }
        return true
    }

    /// Whether the segments a1–a2 and b1–b2 cross (touching at an end counts).
    static func segments(_ a1: ChartPoint, _ a2: ChartPoint, cross b1: ChartPoint, _ b2: ChartPoint) -> Bool {
        func side(_ p: ChartPoint, _ q: ChartPoint, _ r: ChartPoint) -> Double { (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x) }
        let d1 = side(b1, b2, a1), d2 = side(b1, b2, a2), d3 = side(a1, a2, b1), d4 = side(a1, a2, b2)
        return d1 * d2 <= 0 && d3 * d4 <= 0
            && max(a1.x, a2.x) >= min(b1.x, b2.x) && max(b1.x, b2.x) >= min(a1.x, a2.x)
            && max(a1.y, a2.y) >= min(b1.y, b2.y) && max(b1.y, b2.y) >= min(a1.y, a2.y)
    }

    private func box(for r: Request, direction d: (Double, Double), radius: Double) -> ChartRect {
        let p = ChartPoint(x: r.anchor.x + d.0 * radius, y: r.anchor.y + d.1 * radius)
        let x: Double
        if d.0 > 0.38 { x = p.x } else if d.0 < -0.38 { x = p.x - r.width } else { x = p.x - r.width / 2 }
        let y: Double
        if d.1 > 0.38 { y = p.y } else if d.1 < -0.38 { y = p.y - r.height } else { y = p.y - r.height / 2 }
        return ChartRect(x: x, y: y, width: r.width, height: r.height)
    }

    /// Moves 1-D label positions (e.g. line-end labels along the right edge) apart so that
    /// neighbours are at least `spacing` apart, staying within `lower…upper` when possible,
    /// and keeping each as close to its wish as the others allow. Order is preserved.
    ///
    /// - Returns: positions in the same order as `wishes`.
    public static func spread(_ wishes: [Double], spacing: Double, lower: Double, upper: Double) -> [Double] {
        let order = wishes.indices.sorted { wishes[$0] != wishes[$1] ? wishes[$0] < wishes[$1] : $0 < $1 }
        var pos = order.map { wishes[$0] }
        guard !pos.isEmpty else { return [] }
        // Forward pass pushes down, backward pass pulls up inside the bounds, then a final
        // forward pass restores the spacing if the bounds are too tight.
        for _ in 0..<3 {
            pos[0] = max(pos[0], lower)
            for i in 1..<pos.count { pos[i] = max(pos[i], pos[i - 1] + spacing) }
            pos[pos.count - 1] = min(pos[pos.count - 1], upper)
            for i in stride(from: pos.count - 2, through: 0, by: -1) { pos[i] = min(pos[i], pos[i + 1] - spacing) }
        }
        for i in 1..<pos.count { pos[i] = max(pos[i], pos[i - 1] + spacing) }
        var out = [Double](repeating: 0, count: wishes.count)
        for (k, i) in order.enumerated() { out[i] = pos[k] }
        return out
    }
}
