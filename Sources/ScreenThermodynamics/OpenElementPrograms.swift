import ScreenCore
import ScreenNumerics
import ScreenStore
/// The two linear programs of one chemical system against one open element, built once and
/// reused for every composition of the system (only the right-hand side, the costs and the
/// mixing column change between compositions).
final class OpenElementPrograms {
    struct Key: Hashable {
        let system: ElementSet
        let open: Int
    }

    let open: Int
    /// Grand potential: rows = the system's other elements; columns = its stable compositions
    /// except the open element's metal.
    let grandRows: [Int]
    let grandColumns: [Int]
    let grand: LinearProgram
    let openFraction: [Double]
    let grandEnergy: [Double]
    /// Reaction with the metal: rows = every element of the system; columns = its stable
    /// compositions and, last, the mixing ratio x.
    let reactionRows: [Int]
    let reactionColumns: [Int]
    let reaction: LinearProgram

    init(space: PhaseSpace, system: ElementSet, open: Int, stable: [Int]) {
        self.open = open
        let metal = space.elemental(open)
        let rows = system.indices.filter { $0 != open }
        let columns = stable.filter { $0 != metal }
        grandRows = rows
        grandColumns = columns
        grand = LinearProgram(matrix: rows.map { element in columns.map { space.compositions[$0].fraction(element) } },
                              columns: columns.count)
        openFraction = columns.map { space.compositions[$0].fraction(open) }
        grandEnergy = columns.map { space.compositions[$0].minEnergy }

        reactionRows = system.indices
        reactionColumns = stable
        reaction = LinearProgram(matrix: reactionRows.map { element in stable.map { space.compositions[$0].fraction(element) } + [0] },
                                 columns: stable.count + 1)
        reaction.setRightHandSide(system.indices.map { $0 == open ? 1 : 0 })
        reaction.setBounds(column: stable.count, lower: 0, upper: 1)
    }
}
