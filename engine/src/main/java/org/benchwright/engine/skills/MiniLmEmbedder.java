package org.benchwright.engine.skills;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/** all-MiniLM-L6-v2 through langchain4j's ONNX runtime; the model is built on first embed. */
final class MiniLmEmbedder implements TextEmbedder {

  static final MiniLmEmbedder SHARED = new MiniLmEmbedder();

  private volatile EmbeddingModel model;

  private MiniLmEmbedder() {}

  @Override
  public String modelName() {
    return "all-minilm-l6-v2";
  }

  @Override
  public float[] embed(String text) {
    return model().embed(text).content().vector();
  }

  private EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        m = model;
        if (m == null) {
          m = new AllMiniLmL6V2EmbeddingModel();
          model = m;
        }
      }
    }
    return m;
  }
}
