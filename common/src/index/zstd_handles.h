// RAII owners for zstd's C objects. Every zstd call that can fail is checked
// here or next to its single caller; nothing outside src/index/ sees zstd.
#pragma once

#include <zstd.h>

#include <memory>
#include <new>

namespace segugio::index::zstd {

struct Free {
  void operator()(ZSTD_CCtx* p) const noexcept { ZSTD_freeCCtx(p); }
  void operator()(ZSTD_DCtx* p) const noexcept { ZSTD_freeDCtx(p); }
  void operator()(ZSTD_CDict* p) const noexcept { ZSTD_freeCDict(p); }
  void operator()(ZSTD_DDict* p) const noexcept { ZSTD_freeDDict(p); }
};

using CCtx = std::unique_ptr<ZSTD_CCtx, Free>;
using DCtx = std::unique_ptr<ZSTD_DCtx, Free>;
using CDict = std::unique_ptr<ZSTD_CDict, Free>;
using DDict = std::unique_ptr<ZSTD_DDict, Free>;

// zstd returns null only when it cannot allocate.
template <typename Ptr>
Ptr checked(typename Ptr::pointer p) {
  if (p == nullptr) throw std::bad_alloc();
  return Ptr(p);
}

inline CCtx make_cctx() { return checked<CCtx>(ZSTD_createCCtx()); }
inline DCtx make_dctx() { return checked<DCtx>(ZSTD_createDCtx()); }

}  // namespace segugio::index::zstd
