import ScreenCore

// Foundation also declares a `Measurement` and a `Unit`; inside this stage the names mean the
// screen's own (a stored value with its source; a unit of the property catalogue).
typealias Measurement = ScreenCore.Measurement
typealias Unit = ScreenCore.Unit
