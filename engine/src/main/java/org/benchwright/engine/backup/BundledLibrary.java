package org.benchwright.engine.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.benchwright.engine.automl.Profile;
import org.benchwright.engine.automl.RunDataset;
import org.benchwright.engine.capabilities.CapabilityRegistry;
import org.benchwright.engine.project.Capabilities;
import org.benchwright.engine.project.Datasets;
import org.benchwright.engine.project.Project;
import org.benchwright.engine.project.Skills;
import org.benchwright.engine.skills.SkillDraft;
import org.benchwright.engine.skills.SkillLibrary;

/**
 * What a bundle carries beside its runs: the capabilities its runs made or used, the skills they
 * taught, every version, and the datasets automl runs trained on, as JSON documents ({@code
 * capabilities/NAME.json}, {@code skills/NAME.json}, {@code datasets/NAME.json}; skill assets and
 * dataset files travel as blobs). On import they are checked before anything is written; a name the
 * project already has is kept as it is and reported.
 */
final class BundledLibrary {

  static final String SKILL_FORMAT = "benchwright-skill";
  static final String DATASET_FORMAT = "benchwright-dataset";
  static final String DATASETS = "datasets/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private BundledLibrary() {}

  /** The documents to bundle for these runs, by entry name, and the blobs their assets need. */
  record Export(Map<String, JsonNode> documents, Set<String> blobs) {}

  static Export of(Project project, List<Long> runIds) {
    Set<Long> runs = Set.copyOf(runIds);
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    Set<String> blobs = new LinkedHashSet<>();
    CapabilityRegistry registry = new CapabilityRegistry(project, NO_EMBEDDING);
    for (Capabilities.Entry e : project.capabilities().list()) {
      boolean made =
          project.capabilities().versions(e.name()).stream()
              .anyMatch(v -> v.originRunId() != null && runs.contains(v.originRunId()));
      boolean used =
          project.capabilities().uses(e.name()).stream()
              .anyMatch(u -> u.runId() != null && runs.contains(u.runId()));
      if (made || used) {
        docs.put("capabilities/" + e.name() + ".json", registry.export(e.name()));
      }
    }
    for (Skills.SkillVersion latest : project.skills().latest()) {
      List<Skills.SkillVersion> versions = project.skills().versions(latest.name());
      if (versions.stream()
          .noneMatch(v -> v.originRunId() != null && runs.contains(v.originRunId()))) {
        continue;
      }
      ObjectNode doc = JSON.createObjectNode();
      doc.put("format", SKILL_FORMAT).put("format_version", 1).put("name", latest.name());
      ArrayNode out = doc.putArray("versions");
      for (Skills.SkillVersion v : versions) {
        ObjectNode o = out.addObject();
        o.put("version", v.version()).put("title", v.title()).put("markdown", v.markdown());
        ObjectNode assets = o.putObject("assets");
        for (Skills.Asset a : v.assets()) {
          assets.put(a.name(), a.blobSha());
          blobs.add(a.blobSha());
        }
      }
      docs.put("skills/" + latest.name() + ".json", doc);
    }
    for (long run : runIds) {
      RunDataset.of(project, run)
          .flatMap(r -> project.datasets().find(r.dataset()))
          .ifPresent(
              d -> {
                docs.put(DATASETS + d.name() + ".json", datasetDocument(d));
                blobs.add(d.sha256());
              });
    }
    return new Export(docs, blobs);
  }

  private static ObjectNode datasetDocument(Datasets.Dataset d) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("format", DATASET_FORMAT).put("format_version", 1).put("name", d.name());
    doc.put("file_name", d.fileName()).put("file_format", d.format()).put("sha256", d.sha256());
    doc.put("size", d.size()).put("rows", d.rows()).put("columns", d.columns());
    doc.put("profile", d.profile()).put("target", d.target()).put("task", d.task());
    doc.put("task_reason", d.taskReason()).put("target_chosen", d.targetChosen());
    return doc;
  }

  /** What an import took in and what it left because the project had that name. */
  record Imported(
      List<String> capabilities, List<String> skills, List<String> kept, List<String> datasets) {}

  /**
   * Checks every document before the runs are imported: a bundle whose library is damaged is
   * refused whole.
   */
  static void check(Map<String, JsonNode> docs) {
    for (var d : docs.entrySet()) {
      JsonNode doc = d.getValue();
      if (d.getKey().startsWith("capabilities/")) {
        CapabilityRegistry.checkDocument(doc);
      } else if (d.getKey().startsWith(DATASETS)) {
        if (!DATASET_FORMAT.equals(doc.path("format").asText())
            || !doc.path("sha256").isTextual()
            || !doc.path("profile").isTextual()) {
          throw new BundleException("Entry " + d.getKey() + " is not a dataset document.");
        }
        Profile.parse(doc.get("profile").asText());
      } else if (!SKILL_FORMAT.equals(doc.path("format").asText())
          || !doc.path("versions").isArray()
          || doc.path("versions").isEmpty()) {
        throw new BundleException("Entry " + d.getKey() + " is not a skill document.");
      }
    }
  }

  static Imported take(Project project, Map<String, JsonNode> docs, String source) {
    List<String> caps = new ArrayList<>();
    List<String> skills = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<String> datasets = new ArrayList<>();
    CapabilityRegistry registry = CapabilityRegistry.of(project);
    SkillLibrary library = SkillLibrary.of(project);
    for (var d : docs.entrySet()) {
      JsonNode doc = d.getValue();
      String name = doc.path("name").asText();
      if (d.getKey().startsWith(DATASETS)) {
        if (project.datasets().find(name).isPresent()) {
          kept.add("dataset " + name);
        } else if (project.blobs().size(doc.path("sha256").asText()).isEmpty()) {
          throw new BundleException("Dataset " + name + " lacks its file in the bundle.");
        } else {
          project
              .datasets()
              .add(
                  new Datasets.NewDataset(
                      name,
                      doc.path("file_name").asText(),
                      doc.path("file_format").asText(),
                      doc.path("sha256").asText(),
                      doc.path("size").asLong(),
                      doc.path("rows").asLong(),
                      doc.path("columns").asInt(),
                      doc.path("profile").asText(),
                      doc.path("target").asText(),
                      doc.path("task").asText(),
                      doc.path("task_reason").asText(),
                      doc.path("target_chosen").asBoolean()));
          datasets.add(name);
        }
      } else if (d.getKey().startsWith("capabilities/")) {
        if (registry.get(name).isPresent()) {
          kept.add("capability " + name);
        } else {
          registry.importDocument(doc, "imported from " + source);
          caps.add(name);
        }
      } else if (library.read(name).isPresent()) {
        kept.add("skill " + name);
      } else {
        for (JsonNode v : doc.path("versions")) {
          Map<String, byte[]> assets = new HashMap<>();
          var it = v.path("assets").fields();
          while (it.hasNext()) {
            var a = it.next();
            assets.put(
                a.getKey(),
                project
                    .blobs()
                    .get(a.getValue().asText())
                    .orElseThrow(
                        () -> new BundleException("Skill " + name + " lacks asset " + a.getKey())));
          }
          library.save(
              new SkillDraft(
                  name, v.path("title").asText(), v.path("markdown").asText(), assets, null));
        }
        skills.add(name);
      }
    }
    return new Imported(caps, skills, kept, datasets);
  }

  /** Exports need no vectors: a registry that would embed is never asked to here. */
  private static final org.benchwright.engine.skills.TextEmbedder NO_EMBEDDING =
      new org.benchwright.engine.skills.TextEmbedder() {
        @Override
        public String modelName() {
          return "none";
        }

        @Override
        public float[] embed(String text) {
          throw new IllegalStateException("exporting embeds nothing");
        }
      };
}
