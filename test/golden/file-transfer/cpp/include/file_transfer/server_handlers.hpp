// Generated once by protoforge; yours to edit.

#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "file_transfer/handler_support.hpp"
#include "file_transfer/hub.hpp"
#include "file_transfer/messages.hpp"
#include "file_transfer/server_session.hpp"

namespace file_transfer {

/// What the receiver of file-transfer does with each message a uploader sends.
///
/// Generated once with a working default for every message; edit freely, protoforge does not overwrite
/// this file. The transports check authentication, the role machines, the rate limit and the input
/// before a handler runs. Handlers of one session run one at a time (on the session's strand); handlers
/// of different sessions run at the same time: keep shared state thread-safe.
///
/// `session` is the sender's session: `session.last` gives its last message of a kind,
/// `session.data()` is yours, `session.hub()` reaches the other sessions (`broadcast`, `join`,
/// `leave`, `members`).
class ServerHandlers {
   public:
  /// Handlers on the system clock.
  ServerHandlers() : ServerHandlers(epoch_millis) {}
  /// Handlers on `clock` (timestamps the handlers fill in).
  explicit ServerHandlers(MillisClock clock) : clock_(std::move(clock)) {}

  /// How many handled messages `received()` keeps.
  static constexpr std::size_t kKeep = 1000;

  /// Every message handled, oldest first (the last kKeep): the default store. A copy.
  std::vector<Message> received() const {
    std::lock_guard<std::mutex> lock(received_mutex_);
    return {received_.begin(), received_.end()};
  }

  /// Keeps `message` in `received()`.
  void remember(const Message& message) {
    std::lock_guard<std::mutex> lock(received_mutex_);
    received_.push_back(message);
    if (received_.size() > kKeep) received_.pop_front();
  }

  /// A fresh id (1, 2, 3, ...) for ids the server hands out.
  std::uint64_t next_id() { return ids_.fetch_add(1) + 1; }

  /// Opens a session and authenticates the uploader with a bearer token.
  ///
  /// Answer with Welcome, or ErrorReply to refuse.
  ///
  /// The default accepts every credential: check them here.
  Message on_hello([[maybe_unused]] ServerSession& session, const Hello& message) {
    remember(message);
    return Welcome{.max_file_size = 1048576ULL, .max_chunk_size = 32000U, .upload_ttl_ms = 600000U};
  }

  /// Ends the session. An unfinished upload stays resumable until its TTL runs out.
  void on_goodbye([[maybe_unused]] ServerSession& session, const Goodbye& message) {
    remember(message);
  }

  /// Offers a file. Offering again a file the receiver already holds unfinished (same name, size and sha256 from the same uploader) resumes that upload.
  ///
  /// Answer with OfferAccepted, or ErrorReply to refuse.
  Message on_offer([[maybe_unused]] ServerSession& session, const Offer& message) {
    remember(message);
    return OfferAccepted{.upload_id = next_id(), .resume_offset = 0ULL, .chunk_size = message.chunk_size};
  }

  /// After a reconnect, or after a refused chunk: asks where an upload stands, to continue it.
  ///
  /// Answer with UploadStatus, or ErrorReply to refuse.
  Message on_resume_upload(ServerSession& session, const ResumeUpload& message) {
    remember(message);
    const auto offer = session.last<Offer>();
    return UploadStatus{
      .upload_id = message.upload_id,
      .file_name = offer ? offer->file_name : std::string("report.txt"),
      .size = offer ? offer->size : 4096ULL,
      .committed_offset = 0ULL,
      .chunk_size = offer ? offer->chunk_size : 4096U,
      .expires_at = clock_() + 3'600'000,
    };
  }

  /// The bytes [offset, offset + length of data) of the file. A chunk below the committed offset is a retransmission: acknowledged again, not written again.
  ///
  /// Answer with ChunkAck, or ErrorReply to refuse.
  Message on_chunk([[maybe_unused]] ServerSession& session, const Chunk& message) {
    remember(message);
    return ChunkAck{.upload_id = message.upload_id, .committed_offset = 0ULL};
  }

  /// All bytes are sent: the receiver checks the size and the SHA-256 of the stored file, then publishes it.
  ///
  /// Answer with CompleteOk, or ErrorReply to refuse.
  Message on_complete(ServerSession& session, const Complete& message) {
    remember(message);
    const auto offer = session.last<Offer>();
    return CompleteOk{
      .upload_id = message.upload_id,
      .size = offer ? offer->size : 4096ULL,
      .sha256 = offer ? offer->sha256 : Bytes{96, 67, 66, 217, 115, 58, 233, 131, 123, 205, 204, 202, 28, 119, 180, 251, 44, 27, 92, 157, 3, 180, 82, 105, 210, 172, 84, 146, 239, 221, 9, 34},
      .stored_at = clock_(),
    };
  }

  /// Abandons the upload; the receiver deletes what it stored.
  ///
  /// Answer with Cancelled, or ErrorReply to refuse.
  Message on_cancel([[maybe_unused]] ServerSession& session, const Cancel& message) {
    remember(message);
    return Cancelled{.upload_id = message.upload_id};
  }

   protected:
  /// Milliseconds since the epoch, UTC, for timestamps (injectable for tests).
  MillisClock clock_;

   private:
  mutable std::mutex received_mutex_;
  std::deque<Message> received_;
  std::atomic<std::uint64_t> ids_{0};
};

}  // namespace file_transfer
