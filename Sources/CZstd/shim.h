// Entry point of the CZstd system module: the zstd streaming-decompression API.
// Only the Zstd target imports it. It holds includes, no logic.

#ifndef MEMSIM_CZSTD_SHIM_H
#define MEMSIM_CZSTD_SHIM_H

#include <zstd.h>
#include <zstd_errors.h>

#endif
