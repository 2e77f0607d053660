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
    private static let nonNegative: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude
    private static let percent: ClosedRange<Double> = 0...100

    /// Every property, in the order used for tables.
    public static let all: [Property] = [
        Property("youngs_modulus", gpa, also: [mpa], bounds: nonNegative,
                 "Young's modulus of the layer or phase; stiffness against dendrite penetration"),
        Property("shear_modulus", gpa, also: [mpa], bounds: nonNegative,
                 "shear modulus; Monroe–Newman: about twice the metal's suppresses dendrites"),
        Property("bulk_modulus", gpa, also: [mpa], bounds: nonNegative, "bulk modulus"),
        Property("poisson_ratio", dimensionless, also: [Unit("-")], bounds: -1...0.5, "Poisson's ratio"),
        Property("ionic_conductivity", Unit("S/cm"),
                 also: [Unit("mS/cm", factor: 1e-3), Unit("uS/cm", factor: 1e-6), Unit("S/m", factor: 1e-2)],
                 bounds: nonNegative, "Na+ conductivity of the layer"),
        Property("diffusion_coefficient", Unit("cm2/s"), also: [Unit("m2/s", factor: 1e4)], bounds: nonNegative,
                 "Na (ion or atom) diffusion coefficient in the phase"),
        Property("band_gap", ev, bounds: nonNegative, "electronic band gap; wide means electronically insulating"),
        Property("na_binding_energy", ev, also: [mev, kjmol, kcalmol], signed: true, referenced: true, bounds: -20...20,
                 "Na adsorption energy on the surface or site (stored negative = favourable), relative to the reference state each value records (isolated Na atom or bulk sodium)"),
        Property("surface_diffusion_barrier", ev, also: [mev, kjmol], bounds: nonNegative,
                 "barrier for Na adatom or ion diffusion along the surface or interface"),
        Property("sei_resistance_activation_energy", ev, also: [mev, kjmol, kcalmol], bounds: nonNegative,
                 "activation energy of Na+ transport through an electrode's SEI (usually the Arrhenius slope of the SEI resistance against temperature); a property of the electrode's interphase, not of a pure phase"),
        Property("na_self_diffusion_activation_energy", ev, also: [mev, kjmol, kcalmol], bounds: nonNegative,
                 "activation enthalpy of Na self-diffusion in the bulk phase (tracer diffusion, D = D0 exp(-E/kT))"),
        Property("interfacial_transport_activation_energy", ev, also: [mev, kjmol, kcalmol], bounds: nonNegative,
                 "activation energy of Na+ transport across an interface or interlayer (e.g. Na metal | solid electrolyte)"),
        Property("unspecified_energy_barrier", ev, also: [mev, kjmol, kcalmol], bounds: nonNegative,
                 "an energy barrier the source does not define (kept for the record; not comparable with the activation energies above, so no bundled profile ranks on it)"),
        Property("vacancy_formation_energy", ev, bounds: nonNegative, "Na vacancy formation energy"),
        Property("vacancy_migration_energy", ev, bounds: nonNegative, "Na vacancy migration energy"),
        Property("reaction_gibbs_energy", ev, also: [kjmol, kcalmol], bounds: -1000...1000,
                 "Gibbs energy change of the forming or binding reaction as written (per formula unit)"),
        Property("interfacial_energy", jm2, also: [mjm2, evA2], bounds: nonNegative,
                 "interfacial energy against Na metal"),
        Property("surface_energy", jm2, also: [mjm2, evA2], bounds: nonNegative, "surface energy"),
        Property("nucleation_overpotential", mv, also: [v], bounds: nonNegative,
                 "overpotential of Na nucleation on the substrate"),
        Property("voltage_hysteresis", mv, also: [v], bounds: nonNegative,
                 "overpotential or polarisation during plating/stripping cycling"),
        Property("potential_vs_na", Unit("V"), also: [Unit("mV", factor: 1e-3)], bounds: -10...10,
                 "electrode potential relative to Na metal"),
        Property("exchange_current_density", Unit("mA/cm2"),
                 also: [Unit("A/cm2", factor: 1000), Unit("uA/cm2", factor: 1e-3), Unit("A/m2", factor: 0.1)],
                 bounds: nonNegative, "exchange current density of Na plating/stripping"),
        Property("charge_transfer", Unit("e"), bounds: -20...20, "electrons transferred between Na and the surface"),
        Property("interfacial_resistance", Unit("ohm"), also: [Unit("kohm", factor: 1000)], bounds: nonNegative,
                 "charge-transfer / interfacial resistance of a cell (cell-dependent)"),
        Property("volume_change_on_sodiation", dimensionless, also: [Unit("%", factor: 0.01)], bounds: -1...100,
                 "volume change ΔV/V0 of the host (per host atom) on sodiation to its most sodiated phase, as a fraction (3.97 = +397 %)"),
        Property("volume_change_per_na", dimensionless, also: [Unit("%", factor: 0.01)], bounds: -1...100,
                 "ΔV/V0 of the host on sodiation to a phase divided by that phase's Na per host atom (volume change per Na taken up)"),
        Property("na_uptake_per_host_atom", dimensionless, bounds: nonNegative,
                 "Na atoms per host atom in the most sodiated phase"),
        Property("layer_thickness", Unit("nm"), also: [Unit("um", factor: 1000)], bounds: nonNegative,
                 "thickness of the protective layer or coating"),
        Property("fluorine_content", Unit("at.%"), bounds: percent, "fluorine content of the layer or SEI"),
        Property("raman_id_ig_ratio", dimensionless, bounds: nonNegative,
                 "Raman D/G band intensity ratio (defect density of carbon)"),
        Property("molar_volume", Unit("cm3/mol"), bounds: nonNegative, "molar volume"),
        Property("density", Unit("g/cm3"), also: [Unit("kg/m3", factor: 1e-3)], bounds: nonNegative,
                 "mass density of the crystal (from the structure for computed entries)"),
        Property("volume_per_atom", Unit("A3/atom"), bounds: nonNegative,
                 "cell volume per atom of the crystal structure, in cubic angstrom"),
        Property("monroe_newman_ratio", dimensionless, bounds: nonNegative,
                 "shear modulus over sodium metal's (G/G_Na); about 2 or more suppresses dendrites (Monroe-Newman)"),
        Property("cost", Unit("USD/kg"), bounds: nonNegative, "price of the material or its raw elements"),
        Property("formation_energy", Unit("eV/atom"), also: [Unit("meV/atom", factor: 1e-3)], bounds: -20...20,
                 "formation energy per atom from the elements in their reference states (DFT, with the source's corrections)"),
        Property("energy_above_hull", Unit("eV/atom"), also: [Unit("meV/atom", factor: 1e-3)], bounds: nonNegative,
                 "energy above the convex hull of its chemical system; 0 = thermodynamically stable"),
        Property("reduction_limit_vs_na", Unit("V"), also: [Unit("mV", factor: 1e-3)], bounds: -10...10,
                 "lowest potential vs Na/Na+ at which the compound is stable (0 = stable against sodium metal)"),
        Property("oxidation_limit_vs_na", Unit("V"), also: [Unit("mV", factor: 1e-3)], bounds: -10...20,
                 "highest potential vs Na/Na+ at which the compound is stable against Na removal"),
        Property("reaction_energy_with_na", Unit("eV/atom"), also: [Unit("meV/atom", factor: 1e-3)], bounds: -20...0,
                 "most negative reaction energy with sodium metal over mixing ratios, per atom of the mixture (0 = inert)"),
        Property("band_gap_corrected", ev, bounds: nonNegative,
                 "band gap calibrated to experiment from a computed (PBE) gap by a fitted relation"),
        Property("supply_risk_hhi", dimensionless, bounds: 0...10_000,
                 "Herfindahl–Hirschman index of the elements' production, weighted by mass fraction (higher = more concentrated supply)"),
    ]

    private static let byName: [String: Property] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The property with this snake_case name, if it is in the catalogue.
    public static func property(named name: String) -> Property? { byName[name] }
}
