package org.benchwright.engine.model;

/**
 * Why the model stopped answering, across providers. langchain4j's own finish reason has no word
 * for a refusal, and a refusal must be told apart from a reply cut short or a tool call.
 */
public enum Finish {
  /** The model finished its reply. */
  STOP,
  /** The reply hit the output token limit and is cut short. */
  LENGTH,
  /** The model asks for tool calls. */
  TOOL_CALLS,
  /** The model declined the request; {@link ModelCall#refusal()} says what it said. */
  REFUSAL,
  /**
   * The provider's safety filter blocked the prompt or the reply; see {@link ModelCall#refusal}.
   */
  CONTENT_FILTER,
  /** Anything else the provider reported. */
  OTHER
}
