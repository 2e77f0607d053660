import GRDB
import ScreenCore
import ScreenNumerics

/// The SQLite schema. Canonical values sit beside the values as given, so that every
/// number can be traced back to what its source printed; a binding energy records its reference
/// state (`reference_state`: isolated_atom, bulk_sodium or not_stated; version 5). `derivation_gaps` says why a derived
/// value is absent (an element without a price or an HHI), one row per candidate and property.
/// Version 5: performance records carry their cell type, the table/text conflicts and the derived
/// area-specific resistance and cumulative capacity (stored for SQL readers, like `lifespan_hours`;
/// the library recomputes them from the stored inputs, so they cannot drift).
/// Version 6: `imports` records every import (file, SHA-256, mapping), so that the same file is
/// never imported twice and `db build` never drops imported data without being told.
/// Version 7: each distinct method, conditions, source, location and note text is stored once, in
/// `texts`, and the rows (`measurement_rows`) refer to it by id; before, each of a million computed
/// rows repeated its method, source and note in full (an 830 MB database after `make run`). A text
/// is found by `hash`, the FNV-1a 64-bit hash of its UTF-8 bytes as a signed integer: an index on
/// an 8-byte key, where one on the text itself would store every text twice and sort them on each
/// insert. The view `measurements` has exactly the columns of the version-6 table, so that every
/// reader — the store's, and anyone's SQL — reads the same rows as before; writes go to
/// `measurement_rows` (through `MeasurementWriter`, which also removes texts no row uses any more).
/// The view joins with LEFT JOINs, which SQLite drops when a query reads none of their columns (a
/// query of values alone costs no text lookup); the required texts' ids are NOT NULL, so it gives
/// what inner joins would. The ids carry no foreign-key clause: removing an unused text would
/// otherwise check every row of every id column. A query of a whole property (its range over the
/// database, its censored values) reads `measurement_rows`, not the view: SQLite does not flatten a
/// view of joins into an aggregate. No index on the property: measured, a covering one made the
/// range of a million values 0.14 s instead of a 0.33 s scan, but every import and stability
/// refresh 5 % slower. Version 8: the view has `kind` (experiment, DFT, computation, derived,
/// unspecified: `ValueKind`, read from the method text by the same rules as in Swift), so that SQL
/// readers and the exports say alike what kind of value each row is; nothing is stored for it. `candidates_by_reduced_formula` also holds each candidate's category and
/// id, so that the entries of a composition (a formula join) come from the index alone.
/// Version 9: `stability_reports` holds, beside the stability descriptors and replaced with them
/// in one transaction, the thermodynamics stage's whole answer for each composition analysed
/// against an open element (JSON: decomposition, phase evolution, window, reaction and their
/// products), keyed by reduced composition (`ChemicalFormula.reducedKey`) and open element, so that
/// a report shows the products the descriptors were derived with instead of solving the hulls again.
/// Version 10: the conditions are stored in the row (`measurement_rows.conditions`), no longer in
/// `texts`. A computed value's conditions name its own inputs (a cost estimate its composition and
/// prices, an energy above the hull its decomposition, a calibrated gap its PBE gap and interval):
/// after the staged screening 752,031 rows have conditions and 396,768 of them are distinct, and
/// every row paid a hash, a look-up and, for those, an insert into `texts` and its index, to keep
/// the other copies out of the file. Measured in paired whole-process runs, the two builds
/// alternating: the import of the 132,752 formation energies took 13 % less wall time, the staged
/// screening 11 % less; the database after `make run` is 392 MB instead of 351 MB.
/// Version 11: the values that depend on a composition alone — the raw-material cost estimate and
/// the supply-risk index — are stored once per reduced composition, in `composition_values`, and
/// the view `measurements` gives each of them to every candidate of that composition (a `UNION
/// ALL` arm joined through `candidates_by_reduced_formula`), with the same columns as a stored row.
/// Before, each candidate stored its own copy: after the staged screening, 435,498 rows for
/// 249,966 candidates of 95,120 compositions, written again by every import of an existing
/// composition (a band gap, a modulus). A view row's id is `(composition value id << 32) +
/// candidate rowid`: unique, above every stored row's id (so a candidate's composition values come
/// after its own rows in id order), and the same on every read. Queries of the rows themselves
/// (presence, scope, samples, ranges, sources, counts, text clean-up) read both tables.
/// The two arms are views of their own, `stored_measurements` (the rows) and
/// `composition_measurements`: SQLite flattens a `UNION ALL` view into a simple query (a filter
/// on the candidate reaches both arms' indexes) but materialises it whole inside a join or for a
/// look-up by id, so a query of values that are never composition values (formation energies,
/// band gaps, moduli, a row found by id) reads `stored_measurements`.
enum Schema {
    static let version = 11

    /// The text columns of a measurement stored as ids into `texts` (column `<name>_id`); the
    /// conditions are stored in the row (version 10).
    static let textColumns = ["method", "source", "location", "note"]

    /// The text columns of `composition_values` stored as ids into `texts` (version 11).
    static let compositionTextColumns = ["method", "source", "note"]

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE properties (
                name TEXT PRIMARY KEY, canonical_unit TEXT NOT NULL, accepted_units TEXT NOT NULL,
                sign_convention TEXT, reference_states TEXT, meaning TEXT NOT NULL);
            CREATE TABLE candidates (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, formula TEXT, category TEXT NOT NULL,
                note TEXT, origin TEXT,
                reduced_formula TEXT, elements TEXT, element_count INTEGER);
            CREATE INDEX candidates_by_reduced_formula ON candidates(reduced_formula, category, id);
            CREATE TABLE texts (id INTEGER PRIMARY KEY, hash INTEGER NOT NULL, text TEXT NOT NULL);
            CREATE INDEX texts_by_hash ON texts(hash);
            CREATE TABLE measurement_rows (
                id INTEGER PRIMARY KEY,
                candidate_id TEXT NOT NULL REFERENCES candidates(id),
                property TEXT NOT NULL REFERENCES properties(name),
                value REAL NOT NULL, uncertainty REAL, range_low REAL, range_high REAL,
                qualifier TEXT, value_from_range INTEGER NOT NULL,
                unit TEXT NOT NULL,
                value_as_given REAL, uncertainty_as_given REAL, range_low_as_given REAL, range_high_as_given REAL,
                unit_as_given TEXT NOT NULL, convention_as_given TEXT, reference_state TEXT,
                method_id INTEGER NOT NULL, conditions TEXT, source_id INTEGER NOT NULL, location_id INTEGER, note_id INTEGER,
                origin TEXT NOT NULL);
            CREATE INDEX measurements_by_candidate ON measurement_rows(candidate_id, property);
            CREATE TABLE composition_values (
                id INTEGER PRIMARY KEY,
                reduced_formula TEXT NOT NULL,
                property TEXT NOT NULL REFERENCES properties(name),
                value REAL NOT NULL, unit TEXT NOT NULL,
                method_id INTEGER NOT NULL, conditions TEXT, source_id INTEGER NOT NULL, note_id INTEGER,
                origin TEXT NOT NULL,
                UNIQUE (reduced_formula, property, method_id, source_id));
            CREATE VIEW stored_measurements AS SELECT
                m.id, m.candidate_id, m.property, m.value, m.uncertainty, m.range_low, m.range_high,
                m.qualifier, m.value_from_range, m.unit,
                m.value_as_given, m.uncertainty_as_given, m.range_low_as_given, m.range_high_as_given,
                m.unit_as_given, m.convention_as_given, m.reference_state,
                method.text AS method, \(ValueKind.sqlCase(of: "method.text")) AS kind, m.conditions, source.text AS source,
                location.text AS location, note.text AS note, m.origin
                FROM measurement_rows m
                LEFT JOIN texts method ON method.id = m.method_id
                LEFT JOIN texts source ON source.id = m.source_id LEFT JOIN texts location ON location.id = m.location_id
                LEFT JOIN texts note ON note.id = m.note_id;
            CREATE VIEW composition_measurements AS SELECT
                (v.id << 32) + c.rowid AS id, c.id AS candidate_id, v.property, v.value, NULL AS uncertainty,
                NULL AS range_low, NULL AS range_high, NULL AS qualifier, 0 AS value_from_range, v.unit,
                v.value AS value_as_given, NULL AS uncertainty_as_given, NULL AS range_low_as_given, NULL AS range_high_as_given,
                v.unit AS unit_as_given, NULL AS convention_as_given, NULL AS reference_state,
                method.text AS method, \(ValueKind.sqlCase(of: "method.text")) AS kind, v.conditions, source.text AS source,
                NULL AS location, note.text AS note, v.origin
                FROM composition_values v JOIN candidates c ON c.reduced_formula = v.reduced_formula
                LEFT JOIN texts method ON method.id = v.method_id
                LEFT JOIN texts source ON source.id = v.source_id LEFT JOIN texts note ON note.id = v.note_id;
            CREATE VIEW measurements AS
                SELECT * FROM stored_measurements UNION ALL SELECT * FROM composition_measurements;
            CREATE TABLE performance (
                id INTEGER PRIMARY KEY,
                table_number INTEGER, candidate_id TEXT REFERENCES candidates(id),
                cell TEXT, material TEXT, technique TEXT, electrolyte TEXT,
                current_density_as_given TEXT, current_density_ma_cm2 REAL,
                capacity_as_given TEXT, capacity_mah_cm2 REAL,
                coulombic_efficiency_as_given TEXT, coulombic_efficiency_pct REAL,
                overpotential_as_given TEXT, overpotential_mv REAL,
                lifespan_as_given TEXT, lifespan_value REAL, lifespan_unit TEXT,
                lifespan_hours REAL, lifespan_hours_derived INTEGER,
                reference TEXT NOT NULL, location TEXT, note TEXT, origin TEXT NOT NULL,
                cell_type TEXT NOT NULL DEFAULT 'unknown', cell_type_basis TEXT, conflict TEXT,
                area_specific_resistance_ohm_cm2 REAL, area_specific_resistance_inputs TEXT,
                cumulative_capacity_mah_cm2 REAL, cumulative_capacity_inputs TEXT);
            CREATE TABLE phases (
                candidate_id TEXT NOT NULL REFERENCES candidates(id), phase_id TEXT NOT NULL REFERENCES candidates(id),
                source TEXT NOT NULL, location TEXT, note TEXT, origin TEXT NOT NULL,
                PRIMARY KEY (candidate_id, phase_id));
            CREATE TABLE imputations (
                id INTEGER PRIMARY KEY,
                candidate_id TEXT NOT NULL REFERENCES candidates(id),
                property TEXT NOT NULL REFERENCES properties(name),
                value REAL NOT NULL, unit TEXT NOT NULL, std_error REAL NOT NULL,
                prediction_low REAL NOT NULL, prediction_high REAL NOT NULL, level REAL NOT NULL,
                model TEXT NOT NULL, method TEXT NOT NULL, n INTEGER NOT NULL, r2 REAL, sigma REAL NOT NULL,
                fitted_on TEXT NOT NULL,
                UNIQUE (candidate_id, property, model, method));
            CREATE TABLE imports (
                id INTEGER PRIMARY KEY,
                file TEXT NOT NULL, sha256 TEXT NOT NULL,
                mapping TEXT, mapping_sha256 TEXT,
                imported_at TEXT NOT NULL);
            CREATE TABLE derivation_gaps (
                candidate_id TEXT NOT NULL REFERENCES candidates(id),
                property TEXT NOT NULL REFERENCES properties(name),
                missing TEXT NOT NULL, reason TEXT NOT NULL,
                PRIMARY KEY (candidate_id, property));
            CREATE TABLE stability_reports (
                composition TEXT NOT NULL, open_element TEXT NOT NULL, report TEXT NOT NULL,
                PRIMARY KEY (composition, open_element)) WITHOUT ROWID;
            """)
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('schema_version', ?)", arguments: [String(version)])
        for p in PropertyCatalogue.all {
            try db.execute(
                sql: "INSERT INTO properties (name, canonical_unit, accepted_units, sign_convention, reference_states, meaning) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [p.name, p.canonicalUnit.symbol, p.units.map(\.symbol).joined(separator: " "),
                            p.hasSignConvention ? SignConvention.adsorptionNegative.rawValue : nil,
                            p.hasReferenceState ? ReferenceState.allCases.map(\.rawValue).joined(separator: " ") : nil, p.meaning])
        }
    }
}
