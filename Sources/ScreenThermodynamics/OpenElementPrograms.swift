import ScreenCore
import ScreenNumerics
import ScreenStore
/// The two linear programs of one chemical system against one open element. Each is built on
/// first use: a profile question uses only the grand-potential program and a reaction question
/// only the reaction program, and building a GLPK problem (loading the matrix, the initial basis)
/// costs about as much as solving it. A program is the same whenever it is built (it depends only
/// on the system and its stable compositions), so building it lazily changes no answer.
final class OpenElementPrograms {
    struct Key: Hashable {
        let system: ElementSet
        let open: Int
    }

    unowned let space: PhaseSpace
    let open: Int
    /// The stable compositions of the system (every subsystem included).
    let stable: [Int]
    /// Grand potential: rows = the system's other elements; columns = its stable compositions
    /// except the open element's metal.
    let grandRows: [Int]
    let grandColumns: [Int]
    let openFraction: [Double]
    let grandEnergy: [Double]
    /// Reaction with the metal: rows = every element of the system; columns = its stable
    /// compositions and, last, the mixing ratio x.
    let reactionRows: [Int]
    let reactionColumns: [Int]

    /// The grand-potential program, built on first use.
    private(set) lazy var grand: LinearProgram = LinearProgram(
        matrix: space.fractionMatrix(rows: grandRows, columns: grandColumns), columns: grandColumns.count)

    /// The reaction program (right-hand side: one atom of the open element; x bounded to [0, 1]),
    /// built on first use.
    private(set) lazy var reaction: LinearProgram = {
        let program = LinearProgram(matrix: space.fractionMatrix(rows: reactionRows, columns: stable).map { $0 + [0] },
                                    columns: stable.count + 1)
        program.setRightHandSide(reactionRows.map { $0 == open ? 1 : 0 })
        program.setBounds(column: stable.count, lower: 0, upper: 1)
        return program
    }()

    /// - Complexity: O(s) for s stable compositions; the programs are built when first used.
    init(space: PhaseSpace, system: ElementSet, open: Int, stable: [Int]) {
        self.space = space
        self.open = open
        self.stable = stable
        let metal = space.elemental(open)
        let columns = stable.filter { $0 != metal }
        grandRows = system.indices.filter { $0 != open }
        grandColumns = columns
        openFraction = columns.map { space.compositions[$0].fraction(open) }
        grandEnergy = columns.map { space.compositions[$0].minEnergy }
        reactionRows = system.indices
        reactionColumns = stable
    }
}
