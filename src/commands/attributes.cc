// SPDX-License-Identifier: LGPL-2.1-or-later
#include "commands/attributes.h"

#include "async/bounded_fan_out.h"
#include "model/error.h"

namespace mdev {

asio::awaitable<std::optional<std::vector<Attribute>>> attributes_from_callout(
    Context& ctx, const Device& device) {
  CalloutOutcome got =
      co_await ctx.callouts.call(Event::kGet, Action::kAttributes, State::kNone, device);
  if (got.kind == CalloutOutcome::kNoScript) co_return std::nullopt;
  if (got.failed()) throw Error(got.message);
  co_return parse_attribute_list(got.output,
                                 "attributes from the get call-out of " + device.uuid.str());
}

asio::awaitable<void> fill_attributes_from_callouts(Context& ctx,
                                                    std::vector<ListedDevice>& devices) {
  std::vector<async::Task> tasks;
  for (auto& listed : devices) {
    tasks.push_back([&ctx, &listed]() -> asio::awaitable<void> {
      try {
        auto attrs = co_await attributes_from_callout(ctx, listed.device);
        if (attrs) listed.device.config.attrs = std::move(*attrs);
      } catch (const Error& e) {  // a script's failure is ignored for list (section 4)
        ctx.log.debug(e.what());
      }
    });
  }
  co_await async::run_bounded(tasks, ctx.options.jobs);
}

}  // namespace mdev
