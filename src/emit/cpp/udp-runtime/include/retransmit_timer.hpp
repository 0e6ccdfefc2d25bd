// The Retransmitter's waits on asio: each is a steady_timer on the given
// executor (the peer's strand), and cancelling posts the cancel there, so a
// timer is only touched on its executor. A wait that was cancelled does not
// fire; one that fires after its frame was settled finds nothing open. Destroy
// the Retransmitter on the same executor, after close().
#pragma once

#include <asio/any_io_executor.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <utility>

#include "PROTOFORGE_NS/retransmit.hpp"

namespace PROTOFORGE_NS {

inline Retransmitter::Schedule retransmit_timer(asio::any_io_executor executor) {
  return [executor](std::int64_t delay_ms, std::function<void()> fire) -> std::function<void()> {
    auto timer = std::make_shared<asio::steady_timer>(executor, std::chrono::milliseconds(delay_ms));
    timer->async_wait([timer, fire = std::move(fire)](const asio::error_code& error) {
      if (!error) fire();
    });
    return [timer] { asio::post(timer->get_executor(), [timer] { timer->cancel(); }); };
  };
}

}  // namespace PROTOFORGE_NS
