// Entry point of the CGSL system module: the GSL headers memsim uses, plus
// accessors for GSL globals that Swift 6 cannot read directly (it rejects
// mutable C globals). This header is no API of its own; only the Statistics
// target imports it. It holds includes and one-line accessors, no logic.

#ifndef MEMSIM_CGSL_SHIM_H
#define MEMSIM_CGSL_SHIM_H

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_version.h>

/// The Mersenne Twister generator type (`gsl_rng_mt19937`).
static inline const gsl_rng_type *memsim_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }

/// The version string of the GSL library linked at run time (`gsl_version`).
static inline const char *memsim_gsl_version(void) { return gsl_version; }

#endif
