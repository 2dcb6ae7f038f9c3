package org.benchwright.engine.skills;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.Skills;
import org.benchwright.engine.project.Skills.SkillVersion;

/**
 * The skill library of one project: saving versions (checked, embedded at save), their history, and
 * the hybrid search that both the agents' {@code search_skills} tool and the desktop use.
 */
public final class SkillLibrary {

  /** Longest title accepted; titles are one line that lists show. */
  public static final int MAX_TITLE = 200;

  /** Largest markdown body accepted (characters). */
  public static final int MAX_MARKDOWN = 100_000;

  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern ASSET = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final int EMBEDDED_CHARS = 1_000;
  private static final Pattern WHEN =
      Pattern.compile("(?ims)^#{1,6}\\s*When to use\\b[^\\n]*\\n(.*?)(?=^#{1,6}\\s|\\z)");

  private final Project project;
  private final TextEmbedder embedder;

  public SkillLibrary(Project project, TextEmbedder embedder) {
    this.project = project;
    this.embedder = embedder;
  }

  /** The library with the shared in-process MiniLM model. */
  public static SkillLibrary of(Project project) {
    return new SkillLibrary(project, TextEmbedder.miniLm());
  }

  /**
   * Checks a draft and saves it as the next version of its skill.
   *
   * @throws IllegalArgumentException saying what is wrong; nothing is written then
   */
  public SkillVersion save(SkillDraft d) {
    String title = d.title() == null ? "" : d.title().strip();
    if (title.isEmpty()) {
      throw new IllegalArgumentException("A skill needs a title (one line saying what it does).");
    }
    if (title.length() > MAX_TITLE || title.contains("\n")) {
      throw new IllegalArgumentException(
          "The title must be one line of at most " + MAX_TITLE + " characters.");
    }
    String markdown = d.markdown() == null ? "" : d.markdown().strip();
    if (markdown.isEmpty()) {
      throw new IllegalArgumentException(
          "The skill's markdown is empty; write its sections 'When to use', 'Steps' and"
              + " 'Snippets'.");
    }
    if (markdown.length() > MAX_MARKDOWN) {
      throw new IllegalArgumentException(
          "The markdown has " + markdown.length() + " characters; at most " + MAX_MARKDOWN + ".");
    }
    for (String section : List.of("When to use", "Steps")) {
      if (!hasSection(markdown, section)) {
        throw new IllegalArgumentException("The markdown lacks a '## " + section + "' section.");
      }
    }
    String name = d.name() == null || d.name().isBlank() ? slug(title) : d.name().strip();
    if (!NAME.matcher(name).matches() || name.length() > 64) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not a skill name: use lowercase letters, digits and single dashes, at most"
              + " 64 characters.");
    }
    for (String asset : d.assets().keySet()) {
      if (!ASSET.matcher(asset).matches()) {
        throw new IllegalArgumentException(
            "'" + asset + "' is not an asset name: use letters, digits, '.', '_' and '-'.");
      }
    }
    float[] vector = embedder.embed(embeddedText(title, markdown));
    return project
        .skills()
        .save(
            new Skills.NewVersion(
                name, title, markdown, vector, embedder.modelName(), d.originRunId(), d.assets()));
  }

  /**
   * The skills that fit a query, best first, with their scores; see {@link HybridRanker} for the
   * weights. A blank query lists every skill by name (score 0).
   */
  public List<SkillHit> search(String query, int limit) {
    List<SkillVersion> all = project.skills().latest();
    if (query == null || query.isBlank()) {
      return all.stream().limit(limit).map(s -> new SkillHit(s, 0, 0, 0)).toList();
    }
    float[] q = embedder.embed(query.strip());
    List<HybridRanker.SkillVector> vectors = new ArrayList<>();
    for (SkillVersion s : all) {
      float[] v =
          s.embedding() != null && embedder.modelName().equals(s.embeddingModel())
              ? s.embedding()
              // Saved without an embedding, or by another model: embed it now (not stored, so a
              // read-only project can search too).
              : embedder.embed(embeddedText(s.title(), s.markdown()));
      vectors.add(new HybridRanker.SkillVector(s, v));
    }
    return HybridRanker.rank(query, q, vectors, limit);
  }

  public Optional<SkillVersion> read(String name) {
    return project.skills().latest(name);
  }

  public Optional<SkillVersion> read(String name, int version) {
    return project.skills().version(name, version);
  }

  /** Every version of a skill, oldest first. */
  public List<SkillVersion> history(String name) {
    return project.skills().versions(name);
  }

  /** The bytes of an asset of a skill version. */
  public Optional<byte[]> asset(SkillVersion v, String assetName) {
    return v.assets().stream()
        .filter(a -> a.name().equals(assetName))
        .findFirst()
        .flatMap(a -> project.blobs().get(a.blobSha()));
  }

  /** A name for a new skill from its title: "Reverse a string!" gives "reverse-a-string". */
  public static String slug(String title) {
    String s =
        title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (s.length() > 64) {
      s = s.substring(0, 64).replaceAll("-+$", "");
    }
    return s.isEmpty() ? "skill" : s;
  }

  /**
   * What is embedded: the title and the "When to use" section. MiniLM averages what it reads, so
   * steps and code would pull a skill's vector away from the problem it solves, which is what a
   * search describes (see docs/decisions/0018-skills.md for the figures).
   */
  static String embeddedText(String title, String markdown) {
    Matcher m = WHEN.matcher(markdown);
    String when = m.find() ? m.group(1).strip() : markdown;
    return title
        + ". "
        + (when.length() > EMBEDDED_CHARS ? when.substring(0, EMBEDDED_CHARS) : when);
  }

  private static boolean hasSection(String markdown, String section) {
    return Pattern.compile("(?im)^#{1,6}\\s*" + Pattern.quote(section) + "\\b")
        .matcher(markdown)
        .find();
  }
}
