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
