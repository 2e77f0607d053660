import ScreenNumerics
/// The 118 chemical element symbols, in order of atomic number.
///
/// Source: the element keys of pymatgen's `pymatgen/core/periodic_table.json` ordered by their
/// `Atomic no` field (pymatgen-core 2026.10.16 from PyPI), cross-checked symbol by symbol against
/// the numbering of the `periodictable` 2.1.0 package from PyPI. The same 118 symbols are the rows of
/// `Descriptors/elements/atomic-masses.csv`, and a test holds the two equal.
public enum ChemicalElements {
    /// Element symbols; `symbols[z - 1]` is the symbol of atomic number `z`.
    public static let symbols: [String] = [
        "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne",
        "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar", "K", "Ca",
        "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn",
        "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y", "Zr",
        "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn",
        "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd",
        "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb",
        "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg",
        "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th",
        "Pa", "U", "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm",
        "Md", "No", "Lr", "Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds",
        "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og",
    ]

    private static let numbers: [String: Int] = Dictionary(
        uniqueKeysWithValues: symbols.enumerated().map { ($0.element, $0.offset + 1) })

    /// The set of all symbols, for membership tests.
    public static let symbolSet: Set<String> = Set(symbols)

    /// Whether `symbol` is one of the 118 element symbols (case-sensitive: `Na`, not `NA` or `na`).
    public static func isSymbol(_ symbol: String) -> Bool { numbers[symbol] != nil }

    /// The atomic number of `symbol`, or nil when it is not an element symbol.
    public static func atomicNumber(of symbol: String) -> Int? { numbers[symbol] }
}
