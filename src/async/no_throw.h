// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// `co_await op(async::kNoThrow)` yields (error_code, values...) instead of
// throwing. Asio 1.28 moved as_tuple out of experimental, and Debian 13's
// Asio 1.30 built with ASIO_NO_DEPRECATED has it only there; Debian 12's
// 1.22 has only the experimental one. One name for both.
#include <asio/use_awaitable.hpp>
#include <asio/version.hpp>
#if ASIO_VERSION >= 102800
#include <asio/as_tuple.hpp>
#else
#include <asio/experimental/as_tuple.hpp>
#endif

namespace async {

#if ASIO_VERSION >= 102800
inline constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
#else
inline constexpr auto kNoThrow = asio::experimental::as_tuple(asio::use_awaitable);
#endif

}  // namespace async
