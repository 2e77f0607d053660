import ScreenCore

// Foundation also declares a `Measurement` and a `Unit`; inside this stage (which uses both on
// nearly every page) the names mean the screen's own: a stored value with its source, a unit of
// the property catalogue. Later stages that name them write `ScreenCore.Measurement`.
/// A stored value with its source (`ScreenCore.Measurement`), not Foundation's.
public typealias Measurement = ScreenCore.Measurement
/// A unit of the property catalogue (`ScreenCore.Unit`), not Foundation's.
public typealias Unit = ScreenCore.Unit
