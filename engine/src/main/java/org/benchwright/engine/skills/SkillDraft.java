package org.benchwright.engine.skills;

import java.util.Map;

/**
 * A skill version to save.
 *
 * @param name the skill's stable name (lowercase, digits, dashes); null derives it from the title,
 *     and an existing name adds a version to that skill
 * @param markdown the body: sections "When to use", "Steps" and optionally "Snippets"
 * @param assets files that go with this version (name to bytes), stored as blobs
 * @param originRunId the run that taught it, or null when a human wrote it
 */
public record SkillDraft(
    String name, String title, String markdown, Map<String, byte[]> assets, Long originRunId) {

  public SkillDraft {
    assets = assets == null ? Map.of() : Map.copyOf(assets);
  }

  public static SkillDraft of(String title, String markdown) {
    return new SkillDraft(null, title, markdown, Map.of(), null);
  }
}
