#include "commands/attributes.h"

#include "engine/join.h"
#include "model/error.h"

namespace mdev {

asio::awaitable<std::optional<std::vector<Attribute>>> attributes_from_callout(
    Context& ctx, const Device& device) {
  CalloutOutcome got = co_await ctx.callouts.call(Event::kGet, Action::kAttributes, State::kNone,
                                                  device);
  if (got.kind == CalloutOutcome::kNoScript) co_return std::nullopt;
  if (got.failed()) throw Error(got.message);
  co_return parse_attribute_list(got.output, "attributes from the get call-out of " +
                                                 device.uuid.str());
}

asio::awaitable<void> fill_attributes_from_callouts(Context& ctx,
                                                    std::vector<ListedDevice>& devices) {
  std::vector<Task> tasks;
  for (auto& listed : devices) {
    tasks.push_back([&ctx, &listed]() -> asio::awaitable<void> {
      try {
        auto attrs = co_await attributes_from_callout(ctx, listed.device);
        if (attrs) listed.device.config.attrs = std::move(*attrs);
      } catch (const Error& e) {
        ctx.log.debug(e.what());
      }
    });
  }
  co_await run_concurrently(tasks, ctx.jobs);
}

}  // namespace mdev
