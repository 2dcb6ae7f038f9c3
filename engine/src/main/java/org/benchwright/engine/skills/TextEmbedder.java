package org.benchwright.engine.skills;

/** Turns text into a vector; skills and queries are compared by the cosine of theirs. */
public interface TextEmbedder {

  /** Stored beside each embedding, so vectors of different models are never compared. */
  String modelName();

  float[] embed(String text);

  /**
   * The in-process all-MiniLM-L6-v2 model (offline, 384 dimensions), loaded on first use and shared
   * by everything in this JVM: loading takes about a second, so callers on a UI thread must not be
   * the first to ask.
   */
  static TextEmbedder miniLm() {
    return MiniLmEmbedder.SHARED;
  }
}
