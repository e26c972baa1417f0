// SPDX-License-Identifier: LGPL-2.1-or-later
#pragma once
// A cache whose concurrent callers of one key share the first caller's work:
// the first runs the lookup, the others await its result (or its exception).
#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/this_coro.hpp>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "async/event.h"

namespace async {

template <typename Key, typename Value>
class SharedLookup {
 public:
  using Lookup = std::function<asio::awaitable<Value>()>;

  asio::awaitable<Value> get(const Key& key, Lookup lookup) {
    auto it = entries_.find(key);
    if (it == entries_.end()) {
      auto entry = std::make_shared<Entry>(co_await asio::this_coro::executor);
      entries_.emplace(key, entry);
      try {
        entry->value = co_await lookup();
      } catch (...) {
        entry->error = std::current_exception();
      }
      entry->ready.set();
      if (entry->error) std::rethrow_exception(entry->error);
      co_return *entry->value;
    }
    auto entry = it->second;  // the map may grow while we wait
    co_await entry->ready.wait();
    if (entry->error) std::rethrow_exception(entry->error);
    co_return *entry->value;
  }

  // How many lookups ran: one per key, however many callers.
  size_t lookups() const { return entries_.size(); }

 private:
  struct Entry {
    explicit Entry(asio::any_io_executor executor) : ready(std::move(executor)) {}
    Event ready;
    std::optional<Value> value;
    std::exception_ptr error;
  };
  std::map<Key, std::shared_ptr<Entry>> entries_;
};

}  // namespace async
