/// An error whose description is written for the person running the tool (it names the
/// file, line, field, term or criterion at fault), so the command line prints it as is and
/// exits non-zero instead of showing a Swift error dump.
public protocol UserFacingError: Error, CustomStringConvertible {}

extension InputError: UserFacingError {}
extension DescriptorProblems: UserFacingError {}
extension GSLError: UserFacingError {}
extension FormulaError: UserFacingError {}
extension DesignError: UserFacingError {}
extension PredictionError: UserFacingError {}
extension ImputationError: UserFacingError {}
extension NonlinearRegressionError: UserFacingError {}
extension DecisionError: UserFacingError {}
extension ScreeningError: UserFacingError {}
extension SMAAError: UserFacingError {}
extension ThermodynamicsError: UserFacingError {}
extension LinearProgramError: UserFacingError {}
extension BandGapCalibration.CalibrationError: UserFacingError {}

/// Another process held the database for longer than the store waits (`DescriptorStore.busyTimeout`).
public struct DatabaseBusyError: UserFacingError {
    public let seconds: Double
    public var description: String {
        "the database is busy: another process (most likely another screen command) has held it for \(formatForDisplay(seconds)) s; try again when that one has finished (this command wrote nothing)"
    }
}
