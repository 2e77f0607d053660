import ScreenNumerics
/// The fixed catalogue of descriptor properties. A unit that does not belong to a
/// property is an error, never a guess: a diffusion coefficient in cm²/s is not an
/// ionic conductivity.
public enum PropertyCatalogue {
    private static let gpa = Unit("GPa"), mpa = Unit("MPa", factor: 1e-3)
    private static let ev = Unit("eV"), mev = Unit("meV", factor: 1e-3)
    private static let kjmol = Unit("kJ/mol", factor: Unit.kJPerMolInEV)
    private static let kcalmol = Unit("kcal/mol", factor: Unit.kcalPerMolInEV)
    private static let jm2 = Unit("J/m2"), mjm2 = Unit("mJ/m2", factor: 1e-3)
    private static let evA2 = Unit("eV/A2", factor: Unit.eVPerSquareAngstromInJPerSquareMetre)
    private static let mv = Unit("mV"), v = Unit("V", factor: 1000)
    private static let dimensionless = Unit("1")
    private static let percent: ClosedRange<Double> = 0...100
    /// Physical bounds: every property has a finite upper bound well beyond any real value, so a
    /// slip of units or digits (a shear modulus of 1e300 GPa, 5000 eV for a band gap) is refused
    /// with the row instead of stored. Each bound is checked against the largest value of the
    /// property in the bundled data after `make run` (noted beside it, from the database), so no
    /// value of those files is refused; none is a value of a material.
    private static func upTo(_ high: Double) -> ClosedRange<Double> { 0...high }
    /// Moduli. Largest bundled: G 523 GPa (C8, mp-shear-modulus-log10.csv), K 575 GPa
    /// (mp-bulk-modulus-log10.csv), E 1121 GPa (derived from those pairs).
    private static let modulusBound = upTo(2000), shearOrBulkBound = upTo(1000)
    /// Energies of a barrier, vacancy or gap in eV. Largest bundled: experimental gap 11.7 eV
    /// (LiF, experimental-band-gaps-without-sodium.csv), PBE gap 10.5 eV, calibrated 10.9 eV,
    /// energy above hull 6.4 eV/atom.
    private static let energyBound = upTo(50)
    // The other bounds are orders of magnitude above the bundled values, which are few for these
    // properties (largest bundled in brackets): Na+ conductivity 100 S/cm (2.2·10⁻⁴); diffusion
    // coefficient 10 cm²/s (6·10⁻¹³); surface and interfacial energy 50 J/m² (0.72);
    // overpotentials and hystereses 10 V (74 mV); exchange current density 10⁵ mA/cm² (0.57);
    // density 50 g/cm³ and volume per atom 10⁴ Å³ (from structures, when imported); molar
    // volume 10⁵ cm³/mol (23.7); cost 10¹² USD/kg (element prices up to 2.8·10⁵);
    // Monroe–Newman ratio 10⁴ (158); energy above hull 50 eV/atom (6.4).

    /// Every property, in the order used for tables.
    public static let all: [Property] = [
        Property("youngs_modulus", gpa, also: [mpa], bounds: modulusBound,
                 "Young's modulus of the layer or phase; stiffness against dendrite penetration"),
        Property("shear_modulus", gpa, also: [mpa], bounds: shearOrBulkBound,
                 "shear modulus; Monroe–Newman: about twice the metal's suppresses dendrites"),
        Property("bulk_modulus", gpa, also: [mpa], bounds: shearOrBulkBound, "bulk modulus"),
        Property("poisson_ratio", dimensionless, also: [Unit("-")], bounds: -1...0.5, "Poisson's ratio"),
        Property("ionic_conductivity", Unit("S/cm"),
                 also: [Unit("mS/cm", factor: 1e-3), Unit("uS/cm", factor: 1e-6), Unit("S/m", factor: 1e-2)],
                 bounds: upTo(100), "Na+ conductivity of the layer"),
        Property("diffusion_coefficient", Unit("cm2/s"), also: [Unit("m2/s", factor: 1e4)], bounds: upTo(10),
                 "Na (ion or atom) diffusion coefficient in the phase"),
        Property("band_gap", ev, bounds: energyBound, "electronic band gap; wide means electronically insulating"),
        Property("na_binding_energy", ev, also: [mev, kjmol, kcalmol], signed: true, referenced: true, bounds: -20...20,
                 "Na adsorption energy on the surface or site (stored negative = favourable), relative to the reference state each value records (isolated Na atom or bulk sodium)"),
        Property("surface_diffusion_barrier", ev, also: [mev, kjmol], bounds: energyBound,
                 "barrier for Na adatom or ion diffusion along the surface or interface"),
        Property("sei_resistance_activation_energy", ev, also: [mev, kjmol, kcalmol], bounds: energyBound,
                 "activation energy of Na+ transport through an electrode's SEI (usually the Arrhenius slope of the SEI resistance against temperature); a property of the electrode's interphase, not of a pure phase"),
        Property("na_self_diffusion_activation_energy", ev, also: [mev, kjmol, kcalmol], bounds: energyBound,
                 "activation enthalpy of Na self-diffusion in the bulk phase (tracer diffusion, D = D0 exp(-E/kT))"),
        Property("interfacial_transport_activation_energy", ev, also: [mev, kjmol, kcalmol], bounds: energyBound,
                 "activation energy of Na+ transport across an interface or interlayer (e.g. Na metal | solid electrolyte)"),
        Property("unspecified_energy_barrier", ev, also: [mev, kjmol, kcalmol], bounds: energyBound,
                 "an energy barrier the source does not define (kept for the record; not comparable with the activation energies above, so no bundled profile ranks on it)"),
        Property("vacancy_formation_energy", ev, bounds: energyBound, "Na vacancy formation energy"),
        Property("vacancy_migration_energy", ev, bounds: energyBound, "Na vacancy migration energy"),
        Property("reaction_gibbs_energy", ev, also: [kjmol, kcalmol], bounds: -1000...1000,
                 "Gibbs energy change of the forming or binding reaction as written (per formula unit)"),
        Property("interfacial_energy", jm2, also: [mjm2, evA2], bounds: upTo(50),
                 "interfacial energy against Na metal"),
        Property("surface_energy", jm2, also: [mjm2, evA2], bounds: upTo(50), "surface energy"),
        Property("nucleation_overpotential", mv, also: [v], bounds: upTo(10_000),
                 "overpotential of Na nucleation on the substrate"),
        Property("voltage_hysteresis", mv, also: [v], bounds: upTo(10_000),
                 "overpotential or polarisation during plating/stripping cycling"),
        Property("potential_vs_na", Unit("V"), also: [Unit("mV", factor: 1e-3)], bounds: -10...10,
                 "electrode potential relative to Na metal"),
        Property("exchange_current_density", Unit("mA/cm2"),
                 also: [Unit("A/cm2", factor: 1000), Unit("uA/cm2", factor: 1e-3), Unit("A/m2", factor: 0.1)],
                 bounds: upTo(100_000), "exchange current density of Na plating/stripping"),
        Property("charge_transfer", Unit("e"), bounds: -20...20, "electrons transferred between Na and the surface"),
        Property("interfacial_resistance", Unit("ohm"), also: [Unit("kohm", factor: 1000)], bounds: upTo(1e12),
                 "charge-transfer / interfacial resistance of a cell (cell-dependent)"),
        Property("volume_change_on_sodiation", dimensionless, also: [Unit("%", factor: 0.01)], bounds: -1...100,
                 "volume change ΔV/V0 of the host (per host atom) on sodiation to its most sodiated phase, as a fraction (3.97 = +397 %)"),
        Property("volume_change_per_na", dimensionless, also: [Unit("%", factor: 0.01)], bounds: -1...100,
                 "ΔV/V0 of the host on sodiation to a phase divided by that phase's Na per host atom (volume change per Na taken up)"),
        Property("na_uptake_per_host_atom", dimensionless, bounds: upTo(100),
                 "Na atoms per host atom in the most sodiated phase"),
        Property("layer_thickness", Unit("nm"), also: [Unit("um", factor: 1000)], bounds: upTo(1e8),
                 "thickness of the protective layer or coating"),
        Property("fluorine_content", Unit("at.%"), bounds: percent, "fluorine content of the layer or SEI"),
        Property("raman_id_ig_ratio", dimensionless, bounds: upTo(100),
                 "Raman D/G band intensity ratio (defect density of carbon)"),
        Property("molar_volume", Unit("cm3/mol"), bounds: upTo(100_000), "molar volume"),
        Property("density", Unit("g/cm3"), also: [Unit("kg/m3", factor: 1e-3)], bounds: upTo(50),
                 "mass density of the crystal (from the structure for computed entries)"),
        Property("volume_per_atom", Unit("A3/atom"), bounds: upTo(10_000),
                 "cell volume per atom of the crystal structure, in cubic angstrom"),
        Property("monroe_newman_ratio", dimensionless, bounds: upTo(10_000),
                 "shear modulus over sodium metal's (G/G_Na); about 2 or more suppresses dendrites (Monroe-Newman)"),
        Property("cost", Unit("USD/kg"), bounds: upTo(1e12), "price of the material or its raw elements"),
        Property("formation_energy", Unit("eV/atom"), also: [Unit("meV/atom", factor: 1e-3)], bounds: -20...20,
                 "formation energy per atom from the elements in their reference states (DFT, with the source's corrections)"),
        Property("energy_above_hull", Unit("eV/atom"), also: [Unit("meV/atom", factor: 1e-3)], bounds: upTo(50),
                 "energy above the convex hull of its chemical system; 0 = thermodynamically stable"),
        Property("reduction_limit_vs_na", Unit("V"), also: [Unit("mV", factor: 1e-3)], bounds: -10...10,
                 "lowest potential vs Na/Na+ at which the compound is stable (0 = stable against sodium metal)"),
        Property("oxidation_limit_vs_na", Unit("V"), also: [Unit("mV", factor: 1e-3)], bounds: -10...20,
                 "highest potential vs Na/Na+ at which the compound is stable against Na removal"),
        Property("reduction_onset_vs_na", Unit("V"), also: [Unit("mV", factor: 1e-3)], bounds: 0...10,
                 "highest potential vs Na/Na+ at which the compound, or the phases it decomposes into, takes up sodium (0 = sodium metal does not reduce it)"),
        Property("reaction_energy_with_na", Unit("eV/atom"), also: [Unit("meV/atom", factor: 1e-3)], bounds: -20...0,
                 "most negative reaction energy with sodium metal over mixing ratios, per atom of the mixture (0 = inert)"),
        Property("band_gap_corrected", ev, bounds: energyBound,
                 "band gap calibrated to experiment from a computed (PBE) gap by a fitted relation"),
        Property("supply_risk_hhi", dimensionless, bounds: 0...10_000,
                 "Herfindahl–Hirschman index of the elements' production, weighted by mass fraction (higher = more concentrated supply)"),
    ]

    private static let byName: [String: Property] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The property with this snake_case name, if it is in the catalogue.
    public static func property(named name: String) -> Property? { byName[name] }
}

extension PropertyCatalogue {
    /// `screen db properties`: each property's canonical unit, accepted units, stored sign
    /// convention, reference states and meaning, as a terminal table.
    public static func text() -> String {
        let rows = all.map { p in
            [p.name, p.canonicalUnit.symbol, p.units.map(\.symbol).joined(separator: " "),
             p.hasSignConvention ? "adsorption_negative" : "",
             p.hasReferenceState ? ReferenceState.allCases.map(\.rawValue).joined(separator: " ") : "", p.meaning]
        }
        return TextTable(header: ["property", "unit", "accepted", "stored sign", "reference states", "meaning"], rows: rows).rendered()
    }
}
