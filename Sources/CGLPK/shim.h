// GLPK (GNU Linear Programming Kit, Debian libglpk-dev) for the convex-hull linear programs of
// the thermodynamics stage. Only Sources/Screening/Numerics/LinearProgram.swift uses it.
#include <glpk.h>
