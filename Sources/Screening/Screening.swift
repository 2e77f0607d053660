// The whole library under one name, for the command line and for users who want every stage:
// `import Screening`. The stages themselves are separate targets in pipeline order (see
// ARCHITECTURE.md); each may use only the stages before it, which the compiler enforces.
@_exported import ScreenCore
@_exported import ScreenDecision
@_exported import ScreenNumerics
@_exported import ScreenRegression
@_exported import ScreenReport
@_exported import ScreenScoring
@_exported import ScreenSensitivity
@_exported import ScreenStore
@_exported import ScreenThermodynamics
@_exported import SVGCharts
