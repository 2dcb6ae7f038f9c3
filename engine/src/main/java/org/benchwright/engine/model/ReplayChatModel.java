package org.benchwright.engine.model;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import org.benchwright.engine.model.ModelException.Kind;

/**
 * Answers with a recorded run's responses, in order, as long as the run asks the same questions. A
 * request that differs from the recorded one means the replay no longer reproduces the run (changed
 * prompt, tool or file), so it stops instead of answering out of context.
 */
public final class ReplayChatModel implements ChatModel {

  private static final int AROUND = 40;

  private final List<RecordedExchange> exchanges;
  // Calls of the recorded run before the first of these (a fork's replay starts after its point),
  // so a divergence is named by the run's own call number.
  private final int before;
  private int next;

  public ReplayChatModel(List<RecordedExchange> exchanges) {
    this(exchanges, 0);
  }

  /** Answers with the recorded run's exchanges after its first {@code before} model calls. */
  public ReplayChatModel(List<RecordedExchange> exchanges, int before) {
    this.exchanges = List.copyOf(exchanges);
    this.before = before;
  }

  /**
   * @throws ModelException of kind REPLAY_DIVERGED when the request differs from the recorded one,
   *     the recording has no more calls, or its response cannot be read
   */
  @Override
  public synchronized ChatResponse doChat(ChatRequest request) {
    int call = before + next + 1;
    if (next >= exchanges.size()) {
      throw new ModelException(
          Kind.REPLAY_DIVERGED,
          "Replay diverged at model call "
              + call
              + ": the recorded run made only "
              + (before + exchanges.size())
              + " model calls. Continue live from here.");
    }
    RecordedExchange recorded = exchanges.get(next);
    if (!recorded.requestFingerprint().equals(ModelJson.fingerprint(request))) {
      throw new ModelException(
          Kind.REPLAY_DIVERGED,
          "Replay diverged at model call "
              + call
              + ": the request differs from the recorded one ("
              + difference(recorded, request)
              + ").");
    }
    ChatResponse response;
    try {
      response = ModelJson.responseFromJson(recorded.responseJson());
    } catch (IllegalArgumentException e) {
      throw new ModelException(
          Kind.REPLAY_DIVERGED,
          "Replay cannot use model call "
              + call
              + ": its recorded response is damaged ("
              + e.getMessage()
              + ").",
          e);
    }
    next++;
    return response;
  }

  /** The first place where the request parts from the recording, in a few words. */
  private static String difference(RecordedExchange recorded, ChatRequest request) {
    if (recorded.requestJson() == null) {
      return "the recording keeps only its fingerprint";
    }
    List<String> then = ModelJson.canonicalMessages(recorded.requestJson());
    List<String> now = ModelJson.canonicalMessages(request);
    for (int i = 0; i < Math.min(then.size(), now.size()); i++) {
      if (!then.get(i).equals(now.get(i))) {
        return "message " + (i + 1) + " differs: " + firstDifference(then.get(i), now.get(i));
      }
    }
    if (then.size() != now.size()) {
      return "it has " + now.size() + " messages, the recording " + then.size();
    }
    if (!ModelJson.canonicalTools(recorded.requestJson())
        .equals(ModelJson.canonicalTools(request))) {
      return "the tool specifications differ";
    }
    return "the recording's fingerprint does not match its own request";
  }

  private static String firstDifference(String then, String now) {
    int at = 0;
    while (at < then.length() && at < now.length() && then.charAt(at) == now.charAt(at)) {
      at++;
    }
    return "recorded …" + around(then, at) + "…, now …" + around(now, at) + "…";
  }

  private static String around(String text, int at) {
    return text.substring(Math.max(0, at - AROUND / 2), Math.min(text.length(), at + AROUND / 2));
  }
}
